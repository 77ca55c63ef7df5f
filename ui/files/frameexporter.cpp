// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/frameexporter.h"

#include "charts/data/seriesstore.h"
#include "format/contenttype.h"
#include "format/timeframejson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QPromise>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxLeafColumns = 256;

// RFC 4180: quoted where the field holds a separator, a quote or a line break.
QByteArray csvField(QByteArrayView text)
{
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n') && !text.contains('\r'))
        return text.toByteArray();
    QByteArray quoted = text.toByteArray();
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

QString cannotWrite(const QString &fileName, const QString &reason)
{
    return QCoreApplication::translate("FrameExporter", "Cannot write %1: %2")
        .arg(QDir::toNativeSeparators(fileName), reason);
}

// Every file goes through the codec's atomic writer (QSaveFile, flushed before the commit): a
// file is either whole or not there. Cancellation is checked before each file.
// Returns an empty string on success, "\n" when cancelled, else the error.
QString writeAtomically(const QString &fileName, const QByteArray &bytes,
                        const std::atomic_bool &cancelled)
{
    if (cancelled)
        return u"\n"_s;
    const TimeFrame::Status written = TimeFrame::writeFileBytes(fileName, bytes);
    if (!written)
        return written.error().message;
    return {};
}

struct Serialized
{
    QByteArray bytes;
    QString error;
};

Serialized serialize(const TimeFrame::Frame &frame, FrameExporter::Format format,
                     TimeFrame::Layout layout)
{
    switch (format) {
    case FrameExporter::Format::Csv:
        return {FrameExporter::toCsv(frame), {}};
    case FrameExporter::Format::Json:
        return {TimeFrame::toJson(frame, layout), {}};
    case FrameExporter::Format::TimeFrame:
        break;
    }
    TimeFrame::Result<QByteArray> encoded = TimeFrame::encode(frame, layout);
    if (!encoded)
        return {{}, encoded.error().message};
    return {std::move(encoded).value(), {}};
}

QString frameGone(qint64 id)
{
    return QCoreApplication::translate("FrameExporter", "Frame %1 is no longer retained.").arg(id);
}

} // namespace

FrameExporter::FrameExporter(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<FrameExporter::Outcome>();
}

FrameExporter::~FrameExporter()
{
    cancel(); // the worker notices and removes what it wrote; nobody waits for it
}

QString FrameExporter::extension(Format format)
{
    switch (format) {
    case Format::Csv:
        return u"csv"_s;
    case Format::Json:
        return u"json"_s;
    case Format::TimeFrame:
        break;
    }
    return u"tf"_s;
}

void FrameExporter::cancel()
{
    if (m_cancelled)
        *m_cancelled = true;
}

void FrameExporter::start(const QList<Source> &sources, const Options &options)
{
    cancel();
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this, watcher](int value) { Q_EMIT progress(value, watcher->progressMaximum()); });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_running = false;
        const Outcome outcome = watcher->future().resultCount() > 0 ? watcher->future().takeResult()
                                                                    : Outcome {false, true, {}, {}};
        Q_EMIT finished(outcome);
    });
    watcher->setFuture(
        QtConcurrent::run([sources, options, cancelled = m_cancelled](QPromise<Outcome> &promise) {
            promise.addResult(run(sources, options, *cancelled, [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            }));
        }));
}

TimeFrame::Frame FrameExporter::merge(const QList<TimeFrame::Frame> &frames, qint64 from, qint64 to)
{
    TimeFrame::Frame merged;
    merged.startAt = from;
    merged.endAt = to;
    QHash<QString, qsizetype> byId;
    for (const TimeFrame::Frame &frame : frames) {
        for (const TimeFrame::Channel &channel : frame.channels) {
            auto it = byId.constFind(channel.id);
            if (it == byId.cend()) {
                it = byId.insert(channel.id, merged.channels.size());
                merged.channels.append({channel.id, channel.type, {}});
            }
            QList<TimeFrame::Item> &items = merged.channels[*it].items;
            for (const TimeFrame::Item &item : channel.items) {
                if (item.timestamp >= from && item.timestamp < to)
                    items.append(item);
            }
        }
    }
    for (TimeFrame::Channel &channel : merged.channels) {
        std::stable_sort(channel.items.begin(), channel.items.end(),
                         [](const TimeFrame::Item &a, const TimeFrame::Item &b) {
                             return a.timestamp < b.timestamp;
                         });
    }
    return merged;
}

QByteArray FrameExporter::toCsv(const TimeFrame::Frame &frame)
{
    struct Row
    {
        qint64 timestamp;
        qsizetype channel;
        qsizetype item;
        QList<std::pair<QString, double>> leaves;
    };
    std::vector<Row> rows;
    QStringList columns;
    QHash<QString, int> columnOf;
    for (qsizetype c = 0; c < frame.channels.size(); ++c) {
        const TimeFrame::Channel &channel = frame.channels[c];
        const bool json = ContentType::isJson(channel.type);
        for (qsizetype i = 0; i < channel.items.size(); ++i) {
            Row row {channel.items[i].timestamp, c, i, {}};
            if (json)
                row.leaves = Series::numericLeaves(channel.items[i].data);
            rows.push_back(std::move(row));
        }
    }
    // Every row in time order across channels; equal timestamps keep the channel order.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.timestamp < b.timestamp; });
    for (const Row &row : rows) {
        for (const auto &leaf : row.leaves) {
            if (!columnOf.contains(leaf.first) && columns.size() < kMaxLeafColumns) {
                columnOf.insert(leaf.first, int(columns.size()));
                columns.append(leaf.first);
            }
        }
    }

    QByteArray out = "channel,timestamp,size,payload";
    for (const QString &column : columns)
        out += ',' + csvField(column.toUtf8());
    out += "\r\n";
    QList<QByteArray> cells(columns.size());
    for (const Row &row : rows) {
        const TimeFrame::Channel &channel = frame.channels[row.channel];
        const TimeFrame::Item &item = channel.items[row.item];
        out += csvField(channel.id.toUtf8()) + ',' + QByteArray::number(item.timestamp) + ','
            + QByteArray::number(item.data.size()) + ','
            + csvField(ContentType::isText(channel.type) ? item.data : item.data.toBase64());
        if (!columns.isEmpty()) {
            cells.fill(QByteArray());
            for (const auto &[path, value] : row.leaves) {
                const auto it = columnOf.constFind(path);
                if (it != columnOf.cend())
                    cells[*it] = QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
            }
            for (const QByteArray &cell : std::as_const(cells))
                out += ',' + cell;
        }
        out += "\r\n";
    }
    return out;
}

FrameExporter::Outcome FrameExporter::run(const QList<Source> &sources, const Options &options,
                                          const std::atomic_bool &cancelled,
                                          const std::function<void(int, int)> &progress)
{
    const int total = int(sources.size()) + 1;
    auto report = [&](int done) {
        if (progress)
            progress(done, total);
    };
    const Outcome cancelledOutcome {false, true, {}, {}};
    auto failed = [](const QString &error) {
        return Outcome {false, false, error, {}};
    };
    report(0);

    if (options.mode == Mode::FilePerFrame) {
        // Everything goes into a hidden folder inside the target first and is moved into place
        // at the end: a cancelled or failed export removes the folder and leaves nothing behind.
        if (!QDir().mkpath(options.target))
            return failed(cannotWrite(
                options.target,
                QCoreApplication::translate("FrameExporter", "the folder cannot be created")));
        QTemporaryDir staging(QDir(options.target).filePath(u".syncstreamer-export-XXXXXX"_s));
        if (!staging.isValid())
            return failed(cannotWrite(options.target, staging.errorString()));
        QStringList names;
        for (int i = 0; i < sources.size(); ++i) {
            if (cancelled)
                return cancelledOutcome;
            const Source &source = sources[i];
            const std::optional<QByteArray> bytes = source.load ? source.load() : std::nullopt;
            if (!bytes)
                return failed(frameGone(source.id));
            QByteArray out;
            if (options.format == Format::TimeFrame && options.layout == source.layout) {
                out = *bytes; // already what would be written
            } else {
                const TimeFrame::Result<TimeFrame::Frame> frame =
                    TimeFrame::decode(*bytes, source.layout);
                if (!frame)
                    return failed(frame.error().message);
                Serialized s = serialize(*frame, options.format, options.layout);
                if (!s.error.isEmpty())
                    return failed(s.error);
                out = std::move(s.bytes);
            }
            const QString name = QString::number(source.id) % u'.' % extension(options.format);
            const QString error = writeAtomically(staging.filePath(name), out, cancelled);
            if (error == u"\n"_s)
                return cancelledOutcome;
            if (!error.isEmpty())
                return failed(error);
            names.append(name);
            report(i + 1);
        }
        if (cancelled)
            return cancelledOutcome;
        Outcome outcome {true, false, {}, {}};
        const QDir target(options.target);
        for (const QString &name : std::as_const(names)) {
            const QString destination = target.filePath(name);
            QFile::remove(destination);
            if (!QFile::rename(staging.filePath(name), destination))
                return failed(cannotWrite(destination,
                                          QCoreApplication::translate("FrameExporter",
                                                                      "it cannot be moved "
                                                                      "into place")));
            outcome.files.append(destination);
        }
        report(total);
        return outcome;
    }

    QList<TimeFrame::Frame> frames;
    for (int i = 0; i < sources.size(); ++i) {
        if (cancelled)
            return cancelledOutcome;
        const Source &source = sources[i];
        const std::optional<QByteArray> bytes = source.load ? source.load() : std::nullopt;
        if (!bytes)
            return failed(frameGone(source.id));
        TimeFrame::Result<TimeFrame::Frame> frame = TimeFrame::decode(*bytes, source.layout);
        if (!frame)
            return failed(frame.error().message);
        if (frame->endAt > options.from && frame->startAt < options.to)
            frames.append(std::move(frame).value());
        report(i + 1);
    }
    std::stable_sort(
        frames.begin(), frames.end(),
        [](const TimeFrame::Frame &a, const TimeFrame::Frame &b) { return a.startAt < b.startAt; });
    if (cancelled)
        return cancelledOutcome;
    const Serialized s =
        serialize(merge(frames, options.from, options.to), options.format, options.layout);
    if (!s.error.isEmpty())
        return failed(s.error);
    const QString folder = QFileInfo(options.target).absolutePath();
    if (!QDir().mkpath(folder))
        return failed(cannotWrite(
            folder, QCoreApplication::translate("FrameExporter", "the folder cannot be created")));
    const QString error = writeAtomically(options.target, s.bytes, cancelled);
    if (error == u"\n"_s)
        return cancelledOutcome;
    if (!error.isEmpty())
        return failed(error);
    report(total);
    return {true, false, {}, {options.target}};
}
