// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting frames: TimeFrame files per frame, a merged range, CSV and JSON, and cancellation.
#include "files/frameexporter.h"

#include "format/timeframejson.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

TimeFrame::Item item(qint64 t, const QByteArray &data)
{
    return {t, data};
}

// Two adjacent frames sharing the "temperature" channel, with items out of order inside one.
QList<TimeFrame::Frame> frames()
{
    TimeFrame::Frame a;
    a.startAt = 1000;
    a.endAt = 2000;
    a.channels = {
        {u"temperature"_s,
         u"application/json"_s,
         {item(1100, R"({"celsius":20.5,"pos":{"x":1,"y":2}})"),
          item(1900, R"({"celsius":21,"v":[7,8,9]})")}},
        {u"log"_s, u"text/plain"_s, {item(1500, "hello, \"world\""), item(1200, "first")}},
    };
    TimeFrame::Frame b;
    b.startAt = 2000;
    b.endAt = 3000;
    b.channels = {
        {u"camera"_s, u"application/octet-stream"_s, {item(2100, QByteArray("\x00\x01\xff", 3))}},
        {u"temperature"_s, u"application/json"_s, {item(2500, R"({"celsius":22.25})")}},
    };
    return {a, b};
}

QList<FrameExporter::Source> sources(TimeFrame::Layout layout = TimeFrame::Layout::Documented)
{
    QList<FrameExporter::Source> list;
    for (const TimeFrame::Frame &frame : frames()) {
        const QByteArray bytes = TimeFrame::encode(frame, layout).value();
        list.append({frame.startAt, layout, [bytes]() -> std::optional<QByteArray> {
                         return bytes;
                     }});
    }
    return list;
}

QByteArray readAll(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList everything(const QString &folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class tst_Export final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filePerFrameDecodesBack_data();
    void filePerFrameDecodesBack();
    void mergedRangeHasEveryItemOnceInOrder();
    void csvHasLeafColumnsAndRows();
    void jsonIsTheDecodeForm();
    void cancelledLeavesNoFile_data();
    void cancelledLeavesNoFile();
    void runsOnAWorkerWithProgress();
    void missingFrameFails();
};

void tst_Export::filePerFrameDecodesBack_data()
{
    QTest::addColumn<TimeFrame::Layout>("input");
    QTest::addColumn<TimeFrame::Layout>("output");
    QTest::addRow("documented as is")
        << TimeFrame::Layout::Documented << TimeFrame::Layout::Documented;
    QTest::addRow("reference to documented")
        << TimeFrame::Layout::Reference << TimeFrame::Layout::Documented;
    QTest::addRow("documented to reference")
        << TimeFrame::Layout::Documented << TimeFrame::Layout::Reference;
}

void tst_Export::filePerFrameDecodesBack()
{
    QFETCH(TimeFrame::Layout, input);
    QFETCH(TimeFrame::Layout, output);
    QTemporaryDir dir;
    FrameExporter::Options options;
    options.target = dir.filePath(u"out"_s);
    options.layout = output;
    const std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome = FrameExporter::run(sources(input), options, cancelled);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(everything(options.target), QStringList({u"1000.tf"_s, u"2000.tf"_s}));
    QCOMPARE(outcome.files.size(), 2);
    for (const TimeFrame::Frame &frame : frames()) {
        const auto read = TimeFrame::readFile(
            QDir(options.target).filePath(QString::number(frame.startAt) + u".tf"_s), output);
        QVERIFY(read);
        QCOMPARE(*read, frame);
    }
}

void tst_Export::mergedRangeHasEveryItemOnceInOrder()
{
    QTemporaryDir dir;
    FrameExporter::Options options;
    options.mode = FrameExporter::Mode::Merged;
    options.target = dir.filePath(u"range.tf"_s);
    options.from = 1150;
    options.to = 2600;
    const std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome = FrameExporter::run(sources(), options, cancelled);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.files, QStringList {options.target});
    const auto merged = TimeFrame::readFile(options.target);
    QVERIFY(merged);
    QCOMPARE(merged->startAt, 1150);
    QCOMPARE(merged->endAt, 2600);
    QCOMPARE(merged->channels.size(), 3); // temperature once, in first-seen order
    QCOMPARE(merged->channels[0].id, u"temperature"_s);
    QCOMPARE(merged->channels[1].id, u"log"_s);
    QCOMPARE(merged->channels[2].id, u"camera"_s);
    const auto times = [](const TimeFrame::Channel &channel) {
        QList<qint64> t;
        for (const TimeFrame::Item &i : channel.items)
            t.append(i.timestamp);
        return t;
    };
    QCOMPARE(times(merged->channels[0]), QList<qint64>({1900, 2500})); // 1100 is before the range
    QCOMPARE(times(merged->channels[1]), QList<qint64>({1200, 1500})); // sorted
    QCOMPARE(times(merged->channels[2]), QList<qint64>({2100}));
    QCOMPARE(merged->channels[1].items[1].data, QByteArray("hello, \"world\""));
}

void tst_Export::csvHasLeafColumnsAndRows()
{
    QTemporaryDir dir;
    FrameExporter::Options options;
    options.format = FrameExporter::Format::Csv;
    options.mode = FrameExporter::Mode::Merged;
    options.target = dir.filePath(u"all.csv"_s);
    options.from = 1000;
    options.to = 3000;
    const std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome = FrameExporter::run(sources(), options, cancelled);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const QList<QByteArray> lines = readAll(options.target).split('\n');
    QCOMPARE(lines.size(), 8); // header, 6 rows, the empty rest after the last line break
    QCOMPARE(lines[0], "channel,timestamp,size,payload,celsius,pos.x,pos.y,v[0],v[1],v[2]\r");
    QCOMPARE(lines[1],
             "temperature,1100,36,\"{\"\"celsius\"\":20.5,\"\"pos\"\":{\"\"x\"\":1,"
             "\"\"y\"\":2}}\",20.5,1,2,,,\r");
    QCOMPARE(lines[2], "log,1200,5,first,,,,,,\r");
    QCOMPARE(lines[3], "log,1500,14,\"hello, \"\"world\"\"\",,,,,,\r");
    QCOMPARE(lines[4],
             "temperature,1900,26,\"{\"\"celsius\"\":21,\"\"v\"\":[7,8,9]}\",21,,,7,8,9\r");
    QCOMPARE(lines[5], "camera,2100,3,AAH/,,,,,,\r"); // base64 for a binary type
    QCOMPARE(lines[6], "temperature,2500,17,\"{\"\"celsius\"\":22.25}\",22.25,,,,,\r");
    QCOMPARE(lines[7], QByteArray());
}

void tst_Export::jsonIsTheDecodeForm()
{
    QTemporaryDir dir;
    FrameExporter::Options options;
    options.format = FrameExporter::Format::Json;
    options.target = dir.path();
    options.layout = TimeFrame::Layout::Reference;
    const std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome = FrameExporter::run(sources(), options, cancelled);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    for (const TimeFrame::Frame &frame : frames()) {
        QCOMPARE(readAll(dir.filePath(QString::number(frame.startAt) + u".json"_s)),
                 TimeFrame::toJson(frame, TimeFrame::Layout::Reference));
    }

    // A merged range covering one whole frame is that frame, items in time order.
    options.mode = FrameExporter::Mode::Merged;
    options.target = dir.filePath(u"merged.json"_s);
    options.from = 2000;
    options.to = 3000;
    QVERIFY(FrameExporter::run(sources(), options, cancelled).ok);
    QCOMPARE(readAll(options.target),
             TimeFrame::toJson(frames().constLast(), TimeFrame::Layout::Reference));
}

void tst_Export::cancelledLeavesNoFile_data()
{
    QTest::addColumn<FrameExporter::Mode>("mode");
    QTest::addColumn<FrameExporter::Format>("format");
    QTest::addColumn<int>("cancelAfter"); // progress steps before the cancel
    QTest::addRow("folder, at once")
        << FrameExporter::Mode::FilePerFrame << FrameExporter::Format::TimeFrame << 0;
    QTest::addRow("folder, after the first file")
        << FrameExporter::Mode::FilePerFrame << FrameExporter::Format::Csv << 1;
    QTest::addRow("folder, after the last file")
        << FrameExporter::Mode::FilePerFrame << FrameExporter::Format::Json << 2;
    QTest::addRow("merged, while reading")
        << FrameExporter::Mode::Merged << FrameExporter::Format::TimeFrame << 1;
    QTest::addRow("merged, before writing")
        << FrameExporter::Mode::Merged << FrameExporter::Format::Csv << 2;
}

void tst_Export::cancelledLeavesNoFile()
{
    QFETCH(FrameExporter::Mode, mode);
    QFETCH(FrameExporter::Format, format);
    QFETCH(int, cancelAfter);
    QTemporaryDir dir;
    FrameExporter::Options options;
    options.mode = mode;
    options.format = format;
    options.target =
        mode == FrameExporter::Mode::Merged ? dir.filePath(u"merged.out"_s) : dir.path();
    options.from = 1000;
    options.to = 3000;
    std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome =
        FrameExporter::run(sources(), options, cancelled, [&](int done, int) {
            if (done >= cancelAfter)
                cancelled = true;
        });
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QCOMPARE(everything(dir.path()), QStringList());
}

void tst_Export::runsOnAWorkerWithProgress()
{
    QTemporaryDir dir;
    FrameExporter exporter;
    QSignalSpy progress(&exporter, &FrameExporter::progress);
    QSignalSpy finished(&exporter, &FrameExporter::finished);
    FrameExporter::Options options;
    options.target = dir.path();
    exporter.start(sources(), options);
    QVERIFY(exporter.isRunning());
    QVERIFY(finished.wait());
    QVERIFY(!exporter.isRunning());
    const auto outcome = finished.constFirst().constFirst().value<FrameExporter::Outcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toInt(), progress.constLast().at(1).toInt());
    QCOMPARE(everything(dir.path()).size(), 2);
}

void tst_Export::missingFrameFails()
{
    QTemporaryDir dir;
    QList<FrameExporter::Source> list = sources();
    list.append({4000, TimeFrame::Layout::Documented, [] {
                     return std::optional<QByteArray>();
                 }});
    FrameExporter::Options options;
    options.target = dir.path();
    const std::atomic_bool cancelled = false;
    const FrameExporter::Outcome outcome = FrameExporter::run(list, options, cancelled);
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.cancelled);
    QVERIFY(outcome.error.contains(u"4000"_s));
    QCOMPARE(everything(dir.path()), QStringList()); // the two good ones were not moved in
}

QTEST_GUILESS_MAIN(tst_Export)
#include "tst_export.moc"
