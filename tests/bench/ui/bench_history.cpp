// SPDX-License-Identifier: GPL-3.0-or-later
// The charts over a day of history: an archive of 24 h at 20 channels x 10 events/s (17.28 M
// events, {"v":1.23}, in 8 640 frames of 10 s) written with TimeFrame::Writer into a data
// directory the real engine restores. Measured, cold (no digest cache) and warm (after a
// restart with the cache the cold run left):
//   - the whole range: request -> first snapshot with data, and -> the snapshot with every frame
//     read (loadTotal 0);
//   - a zoom to a 10 s slice: request -> the snapshot with its items;
//   - resident memory (VmRSS) and its peak (VmHWM).
//
//   bench_history [data-dir [warm]]   (an existing archive there is reused; default: a temporary
//                                      one; warm: only the run with the cache of an earlier one)
#include "charts/chartfeed.h"
#include "charts/history/digestcache.h"
#include "engine/archive.h"
#include "engine/frameengine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int kChannels = 20;
constexpr int kPerSecond = 10;
constexpr qint64 kFrameMs = 10'000;
constexpr qint64 kFrames = 8'640;

qint64 procStatusKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(strlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString channelName(int c)
{
    return u"ch%1"_s.arg(c, 2, 10, QChar(u'0'));
}

// Writes the archive; returns false where a file cannot be written.
bool writeArchive(const QString &dir, qint64 firstFrame)
{
    const Engine::Archive archive(dir);
    QString error;
    if (!archive.ensureDir(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    const qint64 perChannel = kFrameMs / 1000 * kPerSecond;
    const qint64 stepMs = 1000 / kPerSecond;
    QList<QByteArray> payloads;
    for (int i = 0; i < 1000; ++i)
        payloads.append("{\"v\":" + QByteArray::number(double(i % 997) / 100.0, 'f', 2) + "}");
    for (qint64 f = 0; f < kFrames; ++f) {
        const qint64 start = firstFrame + f * kFrameMs;
        QList<TimeFrame::Writer::ChannelRecord> records;
        for (int c = 0; c < kChannels; ++c) {
            qint64 bytes = 0;
            for (qint64 i = 0; i < perChannel; ++i)
                bytes +=
                    TimeFrame::Writer::itemSize(payloads[(f * perChannel + i + c) % 1000].size());
            records.append({channelName(c).toUtf8(), "application/json", bytes});
        }
        TimeFrame::Writer writer;
        if (!writer.begin(start, start + kFrameMs, records))
            return false;
        for (int c = 0; c < kChannels; ++c) {
            for (qint64 i = 0; i < perChannel; ++i)
                writer.writeItem(start + i * stepMs + c, payloads[(f * perChannel + i + c) % 1000]);
        }
        QFile out(archive.framePath(start));
        if (!out.open(QIODevice::WriteOnly) || out.write(writer.finish()) < 0)
            return false;
    }
    return true;
}

struct Figures
{
    double firstPaintMs = -1;
    double completeMs = -1;
    double zoomMs = -1;
    qint64 engineStartMs = 0;
    qint64 rssKiB = 0;
};

std::optional<ChartSnapshot> waitFor(ChartFeed &feed, QList<ChartSnapshot> &received,
                                     const std::function<bool(const ChartSnapshot &)> &pred,
                                     int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        while (!received.isEmpty()) {
            const ChartSnapshot s = received.takeFirst();
            feed.snapshotTaken();
            if (pred(s))
                return s;
        }
    }
    return std::nullopt;
}

bool hasData(const ChartSnapshot &s)
{
    for (const ChartLine &line : s.lines) {
        if (!line.points.isEmpty())
            return true;
    }
    return false;
}

Figures run(const QString &dir, qint64 from, qint64 to)
{
    Figures figures;
    Engine::EngineConfig config;
    config.dataDir = dir;
    config.retainFrames = 0;
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    config.fsync = Engine::FsyncPolicy::Never;
    QElapsedTimer clock;
    clock.start();
    auto engine = std::make_shared<Engine::FrameEngine>(config);
    if (!engine->start())
        return figures;
    figures.engineStartMs = clock.elapsed();

    ChartFeed feed;
    QList<ChartSnapshot> received;
    QObject::connect(&feed, &ChartFeed::snapshotReady, &feed,
                     [&](const ChartSnapshot &s) { received.append(s); });
    ChartRequest request;
    request.follow = false;
    request.from = from;
    request.to = to;
    request.width = 1600;
    for (int c = 0; c < kChannels; ++c)
        request.series.append(Series::key(channelName(c), u"v"_s));

    clock.restart();
    feed.setEngine(engine);
    feed.setRequest(request);
    // One snapshot may be both the first with data and the complete one.
    if (waitFor(
            feed, received,
            [&](const ChartSnapshot &s) {
                if (!hasData(s))
                    return false;
                if (figures.firstPaintMs < 0)
                    figures.firstPaintMs = double(clock.nsecsElapsed()) / 1e6;
                return s.loadTotal == 0;
            },
            1'800'000))
        figures.completeMs = double(clock.nsecsElapsed()) / 1e6;

    // A 10 s slice in the middle, not aligned to the frames.
    request.from = from + (to - from) / 2 + 3'333;
    request.to = request.from + 10'000;
    clock.restart();
    feed.setRequest(request);
    if (waitFor(
            feed, received,
            [&](const ChartSnapshot &s) {
                return s.from == request.from && s.loadTotal == 0 && hasData(s);
            },
            60'000))
        figures.zoomMs = double(clock.nsecsElapsed()) / 1e6;
    figures.rssKiB = procStatusKiB("VmRSS:");
    feed.setEngine(nullptr);
    engine->stop();
    return figures;
}

void print(const char *label, const Figures &f)
{
    std::printf("%-5s engine start %6lld ms | 24 h: first paint %9.1f ms, every frame read %9.1f "
                "ms | 10 s zoom %7.1f ms | RSS %lld MiB\n",
                label, qlonglong(f.engineStartMs), f.firstPaintMs, f.completeMs, f.zoomMs,
                qlonglong(f.rssKiB / 1024));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir temporary;
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
    const Engine::Archive archive(dir);
    QList<Engine::FrameSummary> frames = archive.scan();
    if (frames.size() < kFrames) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 first = (now / kFrameMs - kFrames - 1) * kFrameMs;
        QElapsedTimer clock;
        clock.start();
        if (!writeArchive(dir, first)) {
            std::fprintf(stderr, "cannot write the archive in %s\n", qPrintable(dir));
            return 1;
        }
        std::printf("archive: %lld frames of %d channels x %d events/s written in %lld ms to %s\n",
                    qlonglong(kFrames), kChannels, kPerSecond, qlonglong(clock.elapsed()),
                    qPrintable(dir));
        frames = archive.scan();
    }
    const qint64 from = frames.front().startAt;
    const qint64 to = frames.back().endAt;
    std::printf("%lld frames, %.1f h, %lld events\n", qlonglong(frames.size()),
                double(to - from) / 3.6e6,
                qlonglong(frames.size()) * kChannels * kPerSecond * (kFrameMs / 1000));

    const bool warmOnly = argc > 2 && qstrcmp(argv[2], "warm") == 0;
    if (!warmOnly) {
        QFile::remove(History::DigestCache::defaultFile(dir));
        print("cold", run(dir, from, to));
    }
    print("warm", run(dir, from, to));
    std::printf("peak RSS %lld MiB\n", qlonglong(procStatusKiB("VmHWM:") / 1024));
    return 0;
}
