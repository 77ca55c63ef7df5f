// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/crc32c.h"
#include "engine/framebuilder.h"
#include "engine/journal.h"
#include "format/timeframe.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;

namespace {

// Appends one batch to the builder and the journal, as the engine does.
void accept(FrameBuilder *builder, JournalWriter *journal, const QList<Event> &events)
{
    IngestPlan plan;
    QVERIFY(!builder->plan(events, builder->startAt() + 1, &plan));
    QString error;
    QVERIFY2(journal->append(Journal::encodeRecord(plan, events, builder->channelCount()), &error),
             qPrintable(error));
    builder->apply(plan, events);
}

QList<Event> batch(int first, int count)
{
    QList<Event> events;
    for (int i = first; i < first + count; ++i)
        events.append({u"ch%1"_s.arg(i % 3), u"text/plain"_s, QByteArray::number(i), {}});
    return events;
}

} // namespace

class TestJournal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crc32cKnownValues_data();
    void crc32cKnownValues();
    void replaysEveryRecord();
    void cutsTornTail_data();
    void cutsTornTail();
    void skipsCorruptRecord_data();
    void skipsCorruptRecord();
    void resumeAppendsAfterGoodRecords();
    void reservedSpaceIsNotDamage();
    void smallAndLargeRecordsInterleave();
    void snapshotCoversBuilder();
    void invalidHeader();
};

void TestJournal::crc32cKnownValues_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("expected");
    // Check values from RFC 3720 (iSCSI), appendix B.4, and the usual "123456789".
    QTest::addRow("empty") << QByteArray() << quint32(0);
    QTest::addRow("123456789") << QByteArray("123456789") << quint32(0xE3069283);
    QTest::addRow("32 zeros") << QByteArray(32, '\0') << quint32(0x8A9136AA);
    QTest::addRow("32 ones") << QByteArray(32, '\xFF') << quint32(0x62A8AB43);
    QByteArray ascending;
    for (int i = 0; i < 32; ++i)
        ascending.append(char(i));
    QTest::addRow("ascending") << ascending << quint32(0x46DD794E);
}

void TestJournal::crc32cKnownValues()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, expected);
    QCOMPARE(crc32c(input), expected);
    // Chaining gives the same value as one pass, at every split point.
    for (qsizetype split = 0; split <= input.size(); ++split)
        QCOMPARE(crc32c(input.mid(split), crc32c(input.left(split))), expected);
}

void TestJournal::replaysEveryRecord()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"1000.journal"_s);
    FrameBuilder builder(1000, 2000);
    QString error;
    auto journal = JournalWriter::create(path, 1000, 2000, &error);
    QVERIFY2(journal, qPrintable(error));
    accept(&builder, journal.get(), batch(0, 5));
    accept(&builder, journal.get(), batch(5, 1));
    accept(&builder, journal.get(), batch(6, 10));
    QVERIFY(journal->sync(&error));
    journal.reset();

    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(path, &replayed);
    QVERIFY(replay.headerValid);
    QCOMPARE(replay.records, 3);
    QCOMPARE(replay.droppedBytes, 0);
    QCOMPARE(replay.goodSize, QFile(path).size());
    QVERIFY(replayed);
    QCOMPARE(replayed->encode(TimeFrame::Layout::Documented).value(),
             builder.encode(TimeFrame::Layout::Documented).value());
}

void TestJournal::cutsTornTail_data()
{
    QTest::addColumn<int>("keep"); // bytes of the last record that reached the file
    for (const int keep : {1, 4, 11, 12, 13, 30, -1})
        QTest::addRow("%d bytes", keep) << keep;
}

void TestJournal::cutsTornTail()
{
    QFETCH(int, keep);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    FrameBuilder builder(0, 1000);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    QVERIFY(journal);
    accept(&builder, journal.get(), batch(0, 4));
    const QByteArray expected = builder.encode(TimeFrame::Layout::Documented).value();
    const qint64 goodSize = journal->size();
    accept(&builder, journal.get(), batch(4, 4));
    const qint64 fullSize = journal->size();
    journal.reset();

    const qint64 cutAt = keep < 0 ? fullSize - 1 : goodSize + keep;
    QVERIFY(QFile::resize(path, cutAt));

    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(path, &replayed);
    QVERIFY(replay.headerValid);
    QCOMPARE(replay.records, 1);
    QCOMPARE(replay.goodSize, goodSize);
    // A tail of zeros (the first bytes of a record's big-endian length) cannot be told from
    // space the writer reserved: replay ends there without calling it damage.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray tail = file.readAll().mid(goodSize);
    const bool zeros = tail.count('\0') == tail.size();
    QCOMPARE(replay.droppedBytes, zeros ? 0 : cutAt - goodSize);
    QCOMPARE(replayed->encode(TimeFrame::Layout::Documented).value(), expected);
}

void TestJournal::skipsCorruptRecord_data()
{
    QTest::addColumn<int>("field"); // 0: the payload, 1: the size field of the record
    QTest::addColumn<qint64>("records");
    QTest::addColumn<qint64>("skipped");
    QTest::addColumn<qint64>("items");
    // A flipped payload bit fails the checksum; the record's size still leads to the next one.
    QTest::addRow("payload") << 0 << qint64(2) << qint64(1) << qint64(4);
    // A size that leads nowhere cannot be trusted: the rest is a torn tail.
    QTest::addRow("size field") << 1 << qint64(1) << qint64(0) << qint64(2);
}

void TestJournal::skipsCorruptRecord()
{
    QFETCH(int, field);
    QFETCH(qint64, records);
    QFETCH(qint64, skipped);
    QFETCH(qint64, items);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    FrameBuilder builder(0, 1000);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    QVERIFY(journal);
    accept(&builder, journal.get(), batch(0, 2));
    const qint64 goodSize = journal->size();
    // Channels ch0 and ch1 come with the first record: a skipped record takes the channels it
    // introduced with it, and the records after it that use them.
    accept(&builder, journal.get(), batch(3, 2));
    accept(&builder, journal.get(), batch(6, 2));
    journal.reset();

    // One flipped bit in the second record.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const qint64 at = field == 0 ? goodSize + Journal::kRecordHeaderSize + 3 : goodSize + 6;
    bytes[at] ^= 0x10;
    file.seek(0);
    file.write(bytes);
    file.close();

    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(path, &replayed);
    QCOMPARE(replay.records, records);
    QCOMPARE(replay.skippedRecords, skipped);
    QCOMPARE(replay.goodSize, skipped ? bytes.size() : goodSize);
    QCOMPARE(replay.droppedBytes, skipped ? 0 : bytes.size() - goodSize);
    QCOMPARE(replayed->itemCount(), items);
}

void TestJournal::resumeAppendsAfterGoodRecords()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    FrameBuilder builder(0, 1000);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    accept(&builder, journal.get(), batch(0, 3));
    journal.reset();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("garbage of a torn write");
    }

    std::unique_ptr<FrameBuilder> replayed;
    Journal::Replay replay = Journal::replay(path, &replayed);
    QVERIFY(replay.droppedBytes > 0);
    journal = JournalWriter::resume(path, replay.goodSize, &error);
    QVERIFY2(journal, qPrintable(error));
    accept(replayed.get(), journal.get(), batch(3, 3));
    journal.reset();

    std::unique_ptr<FrameBuilder> again;
    replay = Journal::replay(path, &again);
    QCOMPARE(replay.records, 2);
    QCOMPARE(replay.droppedBytes, 0);
    QCOMPARE(again->itemCount(), 6);
}

// While a writer is open, its file holds space reserved past the last record, as it would after
// the process is killed: replay stops there, and a writer resumed there goes on from it.
void TestJournal::reservedSpaceIsNotDamage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    const QString killed = dir.filePath(u"1.journal"_s);
    FrameBuilder builder(0, 1000);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    QVERIFY2(journal, qPrintable(error));
    accept(&builder, journal.get(), batch(0, 3));
    QVERIFY(QFile::copy(path, killed));
    QVERIFY(QFileInfo(killed).size() > journal->size());

    std::unique_ptr<FrameBuilder> replayed;
    Journal::Replay replay = Journal::replay(killed, &replayed);
    QCOMPARE(replay.records, 1);
    QCOMPARE(replay.goodSize, journal->size());
    QCOMPARE(replay.droppedBytes, 0);

    auto resumed = JournalWriter::resume(killed, replay.goodSize, &error);
    QVERIFY2(resumed, qPrintable(error));
    accept(replayed.get(), resumed.get(), batch(3, 3));
    const qint64 size = resumed->size();
    resumed.reset();
    QCOMPARE(QFileInfo(killed).size(), size); // a writer that closes gives back what it reserved

    std::unique_ptr<FrameBuilder> again;
    replay = Journal::replay(killed, &again);
    QCOMPARE(replay.records, 2);
    QCOMPARE(again->itemCount(), 6);
}

// Small records are copied into the mapping, large ones written with pwrite: both end up in
// order in the same file, across the growth of the reserved space.
void TestJournal::smallAndLargeRecordsInterleave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    FrameBuilder builder(0, 1000);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    QVERIFY2(journal, qPrintable(error));
    for (int i = 0; i < 40; ++i) {
        const qsizetype size = i % 2 ? 300 * 1024 : 100; // 40 records, 6 MB: the space grows
        accept(
            &builder, journal.get(),
            {{u"big"_s, u"application/octet-stream"_s, QByteArray(size, char('a' + i % 26)), {}}});
    }
    const QByteArray expected = builder.encode(TimeFrame::Layout::Documented).value();
    const QString killed = dir.filePath(u"1.journal"_s);
    QVERIFY(QFile::copy(path, killed)); // as a killed process leaves it, reserved space and all

    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(killed, &replayed);
    QCOMPARE(replay.records, 40);
    QCOMPARE(replay.droppedBytes, 0);
    QCOMPARE(replayed->encode(TimeFrame::Layout::Documented).value(), expected);
}

void TestJournal::snapshotCoversBuilder()
{
    QTemporaryDir dir;
    FrameBuilder builder(0, 1000);
    const QList<Event> events = batch(0, 20);
    IngestPlan plan;
    QVERIFY(!builder.plan(events, 7, &plan));
    builder.apply(plan, events);

    const QString path = dir.filePath(u"0.journal"_s);
    QString error;
    auto journal = JournalWriter::create(path, 0, 1000, &error);
    QVERIFY(journal->append(Journal::encodeSnapshot(builder), &error));
    journal.reset();
    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(path, &replayed);
    QCOMPARE(replay.records, 1);
    QCOMPARE(replayed->encode(TimeFrame::Layout::Documented).value(),
             builder.encode(TimeFrame::Layout::Documented).value());
}

void TestJournal::invalidHeader()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"0.journal"_s);
    QString error;
    JournalWriter::create(path, 0, 1000, &error).reset();
    QVERIFY(QFile::resize(path, Journal::kHeaderSize - 1));
    std::unique_ptr<FrameBuilder> replayed;
    const Journal::Replay replay = Journal::replay(path, &replayed);
    QVERIFY(!replay.headerValid);
    QVERIFY(!replayed);
    QCOMPARE(replay.droppedBytes, Journal::kHeaderSize - 1);
}

QTEST_APPLESS_MAIN(TestJournal)
#include "tst_journal.moc"
