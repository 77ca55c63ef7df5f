// SPDX-License-Identifier: GPL-3.0-or-later
// History on the charts: an archive written through the engine on a manual clock, restarted
// with the system clock, and read back by the chart feed over every retained frame: the last
// hour and the catalog after a restart, ranges on disk, decimation, cancel, gaps as NaN breaks,
// the digest cache, and the overview strip.
#include "charts/chartfeed.h"
#include "charts/history/digestcache.h"
#include "charts/history/historyreader.h"
#include "charts/history/overviewstrip.h"
#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kFrameMs = 10'000;
constexpr qint64 kStepMs = 500; // the motor's sampling period
constexpr qint64 kFrames = 240; // 40 minutes
constexpr qint64 kPauseFromFrame = 120; // the motor pauses for two minutes there
constexpr qint64 kPauseFrames = 12;

double rpmAt(qint64 k)
{
    return 1000.0 + double(k % 100);
}

const QString kRpm = Series::key(u"motor"_s, u"rpm"_s);

// Receives the feed's snapshots on the test's thread.
class Snapshots : public QObject
{
public:
    explicit Snapshots(ChartFeed *feed)
        : m_feed(feed)
    {
        connect(feed, &ChartFeed::snapshotReady, this,
                [this](const ChartSnapshot &s) { m_received.append(s); });
        connect(feed, &ChartFeed::catalogChanged, this,
                [this](const QList<Series::ChannelInfo> &c) { catalog = c; });
    }

    std::optional<ChartSnapshot> waitFor(const std::function<bool(const ChartSnapshot &)> &pred)
    {
        QDeadlineTimer deadline(60'000);
        while (!deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            while (!m_received.isEmpty()) {
                const ChartSnapshot s = m_received.takeFirst();
                m_feed->snapshotTaken();
                if (pred(s))
                    return s;
            }
            QTest::qWait(5);
        }
        return std::nullopt;
    }

    QList<Series::ChannelInfo> catalog;

private:
    ChartFeed *m_feed;
    QList<ChartSnapshot> m_received;
};

const ChartLine *lineOf(const ChartSnapshot &s, const QString &key)
{
    for (const ChartLine &line : s.lines) {
        if (line.key == key)
            return &line;
    }
    return nullptr;
}

qsizetype nanCount(const ChartLine &line)
{
    return std::count_if(line.points.cbegin(), line.points.cend(),
                         [](const QPointF &p) { return std::isnan(p.y()); });
}

ChartRequest fixedRange(qint64 from, qint64 to, int width, const QStringList &series = {kRpm})
{
    ChartRequest request;
    request.follow = false;
    request.from = from;
    request.to = to;
    request.width = width;
    request.series = series;
    return request;
}

} // namespace

class tst_History final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lastHourAfterRestart();
    void rangeOnDisk();
    void decimationBounded();
    void cancelStopsReading();
    void progressCountsFrames();
    void gapsFromHistory();
    void gapsLive();
    void openFrameBeforeTheCharts();
    void digestsPersist();
    void damagedCacheFile();
    void overviewStripDrag();
    void overviewStripProgress();

private:
    std::shared_ptr<Engine::FrameEngine> restart();
    void forgetDigests();
    qint64 pauseFrom() const { return m_start + kPauseFromFrame * kFrameMs; }
    qint64 pauseTo() const { return pauseFrom() + kPauseFrames * kFrameMs; }

    QTemporaryDir m_dir;
    qint64 m_start = 0; // of the first frame
    qint64 m_end = 0;
};

void tst_History::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // 40 minutes ending ten minutes ago, written on a manual clock through the real engine.
    m_start = (QDateTime::currentMSecsSinceEpoch() - 50 * 60'000) / kFrameMs * kFrameMs;
    m_end = m_start + kFrames * kFrameMs;
    Engine::EngineConfig config;
    config.dataDir = m_dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    Engine::ManualClock clock(m_start);
    Engine::FrameEngine engine(config, &clock);
    QVERIFY(engine.start(Engine::Threading::Manual));
    qint64 k = 0;
    for (qint64 t = m_start; t < m_end; t += kStepMs, ++k) {
        clock.set(t);
        engine.tick();
        if (t >= pauseFrom() && t < pauseTo())
            continue;
        const QByteArray json = "{\"rpm\":" + QByteArray::number(rpmAt(k)) + ",\"amps\":2.5}";
        QVERIFY(engine.ingest({u"motor"_s, u"application/json"_s, json, t}).ok());
        if (k % 40 == 0)
            QVERIFY(engine.ingest({u"log"_s, u"text/plain"_s, "started", t}).ok());
    }
    clock.set(m_end);
    engine.tick();
    engine.stop();
    forgetDigests();
}

void tst_History::cleanupTestCase()
{
    forgetDigests();
}

void tst_History::forgetDigests()
{
    QFile::remove(History::DigestCache::defaultFile(m_dir.path()));
}

std::shared_ptr<Engine::FrameEngine> tst_History::restart()
{
    Engine::EngineConfig config;
    config.dataDir = m_dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    auto engine = std::make_shared<Engine::FrameEngine>(config);
    return engine->start() ? engine : nullptr;
}

void tst_History::lastHourAfterRestart()
{
    forgetDigests();
    const auto engine = restart();
    QVERIFY(engine);
    QCOMPARE(engine->index()->size(), kFrames);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    ChartRequest request;
    request.windowMs = 3'600'000;
    request.series = {kRpm};
    feed.setRequest(request);

    // The catalog lists what the archive holds, though nothing arrived live.
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.catalog.size() == 2, 30'000);
    QCOMPARE(snapshots.catalog.at(0).id, u"motor"_s);
    QCOMPARE(snapshots.catalog.at(0).leaves, (QStringList {u"amps"_s, u"rpm"_s}));
    QCOMPARE(snapshots.catalog.at(1).id, u"log"_s);

    const auto s = snapshots.waitFor([](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, kRpm);
        return snap.loadTotal == 0 && line && !line->points.isEmpty();
    });
    QVERIFY(s);
    const ChartLine *line = lineOf(*s, kRpm);
    const double columnMs = double(s->to - s->from) / request.width;
    // The whole archive is there, from its first item to its last.
    QVERIFY(line->points.front().x() <= double(m_start) + columnMs);
    QVERIFY(line->points.back().x() >= double(m_end - kStepMs) - columnMs);
    for (const QPointF &p : line->points)
        QVERIFY(std::isnan(p.y()) || (p.y() >= 1000.0 && p.y() <= 1099.0));
    QCOMPARE(s->historyFrom, m_start);
    QVERIFY(s->historyTo >= m_end);
    // Lanes for both channels, with pulses.
    QCOMPARE(s->lanes.size(), 2);
    QVERIFY(s->lanes.at(0).pulses.size() > 2);
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::rangeOnDisk()
{
    const auto engine = restart();
    QVERIFY(engine);
    // The oldest frame is on disk only.
    const Engine::FrameSummary oldest = engine->index()->last();
    QCOMPARE(oldest.id, m_start);
    QVERIFY(!oldest.inMemory);
    QVERIFY(oldest.onDisk);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    // 10 ms columns: every item of the frame stands alone, at its own value.
    feed.setRequest(fixedRange(m_start, m_start + kFrameMs, 1000));
    const auto s = snapshots.waitFor([](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, kRpm);
        return snap.loadTotal == 0 && line && !line->points.isEmpty();
    });
    QVERIFY(s);
    const ChartLine *line = lineOf(*s, kRpm);
    QCOMPARE(line->points.size(), kFrameMs / kStepMs);
    for (qsizetype k = 0; k < line->points.size(); ++k) {
        QCOMPARE(line->points.at(k).y(), rpmAt(k));
        QVERIFY(std::abs(line->points.at(k).x() - double(m_start + k * kStepMs)) <= 10.0);
    }
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::decimationBounded()
{
    const auto engine = restart();
    QVERIFY(engine);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    const int width = 40; // one-minute columns: drawn from the frames' digests
    feed.setRequest(fixedRange(m_start, m_end, width));
    const auto s = snapshots.waitFor([](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, kRpm);
        return snap.loadTotal == 0 && line && !line->points.isEmpty();
    });
    QVERIFY(s);
    const ChartLine *line = lineOf(*s, kRpm);
    QVERIFY(line->points.size() <= 2 * width + nanCount(*line));
    double lo = 1e9;
    double hi = -1e9;
    for (const QPointF &p : line->points) {
        if (std::isnan(p.y()))
            continue;
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    QCOMPARE(lo, 1000.0);
    QCOMPARE(hi, 1099.0);
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::cancelStopsReading()
{
    forgetDigests();
    const auto engine = restart();
    QVERIFY(engine);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    // 1.2 s columns: every frame is read item by item.
    const ChartRequest request = fixedRange(m_start, m_end, 2000);
    feed.setRequest(request);
    feed.cancelLoading();
    const auto cancelled = snapshots.waitFor(
        [](const ChartSnapshot &snap) { return snap.loadTotal == 0 && lineOf(snap, kRpm); });
    QVERIFY(cancelled);
    const qsizetype partial = lineOf(*cancelled, kRpm)->points.size();

    // Another range reads again, to the end.
    feed.setRequest(fixedRange(m_start, m_end + 1, 1999));
    const auto full = snapshots.waitFor(
        [&](const ChartSnapshot &snap) { return snap.to == m_end + 1 && snap.loadTotal == 0; });
    QVERIFY(full);
    const qsizetype whole = lineOf(*full, kRpm)->points.size();
    QVERIFY2(partial < whole / 2, qPrintable(u"%1 of %2"_s.arg(partial).arg(whole)));
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::progressCountsFrames()
{
    forgetDigests();
    const auto engine = restart();
    QVERIFY(engine);
    History::Reader reader;
    reader.setEngine(engine, {});
    History::Reader::View view {m_start, m_end, 2000, {kRpm}, {}};
    reader.setView(view);
    QCOMPARE(reader.progress().done, 0);
    QCOMPARE(reader.progress().total, kFrames);
    QVERIFY(reader.step());
    const History::Reader::Progress partial = reader.progress();
    QVERIFY(partial.done > 0 && partial.done < kFrames);
    QCOMPARE(partial.total, kFrames);
    while (reader.step()) { }
    QCOMPARE(reader.progress().total, 0); // all read
    // Memory follows the pixels: at most a few buckets per column of items read.
    QVERIFY(reader.heldBucketBytes() < qint64(view.width) * 8 * 64);
    // A cancelled view reports nothing in progress and reads nothing more.
    view.width = 400;
    reader.setView(view);
    reader.cancel();
    QCOMPARE(reader.progress().total, 0);
    QVERIFY(!reader.step() || reader.progress().total == 0);
    engine->stop();
}

void tst_History::gapsFromHistory()
{
    const auto engine = restart();
    QVERIFY(engine);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    const QString laneKey = u"motor"_s;
    for (const auto &[from, to, width] :
         {std::tuple {pauseFrom() - 60'000, pauseTo() + 60'000, 400}, // items read
          std::tuple {m_start, m_end, 40}}) { // digests
        feed.setRequest(fixedRange(from, to, width));
        const auto s = snapshots.waitFor([&](const ChartSnapshot &snap) {
            const ChartLine *line = lineOf(snap, kRpm);
            return snap.from == from && snap.to == to && snap.loadTotal == 0 && line
                && !line->points.isEmpty();
        });
        QVERIFY(s);
        const ChartLine *line = lineOf(*s, kRpm);
        QCOMPARE(nanCount(*line), 1);
        const auto gap = std::find_if(line->points.cbegin(), line->points.cend(),
                                      [](const QPointF &p) { return std::isnan(p.y()); });
        const double columnMs = double(to - from) / width;
        QVERIFY(gap->x() >= double(pauseFrom() - kStepMs) - columnMs);
        QVERIFY(gap->x() <= double(pauseFrom()) + columnMs);
        // No point inside the pause, no pulse in its lane either.
        for (const QPointF &p : line->points)
            QVERIFY(std::isnan(p.y()) || p.x() < pauseFrom() || p.x() >= pauseTo() - columnMs);
        for (const QPointF &p : s->lanes.at(0).pulses) {
            QVERIFY(p.x() < double(pauseFrom()) + columnMs
                    || p.x() >= double(pauseTo()) - columnMs);
        }
    }
    // A range without a pause has no gap.
    feed.setRequest(fixedRange(m_start, m_start + 60'000, 400));
    const auto steady = snapshots.waitFor([&](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, kRpm);
        return snap.to == m_start + 60'000 && snap.loadTotal == 0 && line
            && !line->points.isEmpty();
    });
    QVERIFY(steady);
    QCOMPARE(nanCount(*lineOf(*steady, kRpm)), 0);
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::gapsLive()
{
    ChartFeed feed;
    Snapshots snapshots(&feed);
    const QString key = Series::key(u"sensor"_s, u"v"_s);
    const qint64 t0 = 1'700'000'000'000;
    QList<Engine::LiveEvent> events;
    for (qint64 t = t0; t < t0 + 20'000; t += 100) {
        if (t >= t0 + 5'000 && t < t0 + 15'000)
            continue; // a 10 s pause at 10 events a second
        events.append({u"sensor"_s, u"application/json"_s, t, 0, "{\"v\":1}"});
    }
    feed.addEvents(events);
    feed.setRequest(fixedRange(t0, t0 + 20'000, 200, {key}));
    const auto s = snapshots.waitFor([&](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, key);
        return line && !line->points.isEmpty();
    });
    QVERIFY(s);
    const ChartLine *line = lineOf(*s, key);
    QCOMPARE(nanCount(*line), 1);
    const auto gap = std::find_if(line->points.cbegin(), line->points.cend(),
                                  [](const QPointF &p) { return std::isnan(p.y()); });
    QVERIFY(gap->x() >= double(t0 + 4'900) && gap->x() <= double(t0 + 5'100));
    // Points stay in time order around the break.
    for (qsizetype i = 1; i < line->points.size(); ++i)
        QVERIFY(line->points.at(i).x() >= line->points.at(i - 1).x());
}

void tst_History::openFrameBeforeTheCharts()
{
    // Events the open frame holds before the charts connect (after a restart: what the journal
    // replayed) are drawn at once, not only when their frame finishes.
    QTemporaryDir dir;
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    config.frameDurationMs = 600'000; // the frame stays open through the test
    const auto engine = std::make_shared<Engine::FrameEngine>(config);
    QVERIFY(engine->start());
    const qint64 t0 = engine->status().openFrameId;
    for (int i = 0; i < 5; ++i)
        QVERIFY(engine
                    ->ingest({u"door"_s, u"application/json"_s,
                              "{\"open\":" + QByteArray::number(i % 2) + '}', t0 + i * 10})
                    .ok());

    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    const QString key = Series::key(u"door"_s, u"open"_s);
    feed.setRequest(fixedRange(t0, t0 + 100, 100, {key}));
    QTRY_VERIFY_WITH_TIMEOUT(!snapshots.catalog.isEmpty(), 10'000);
    QCOMPARE(snapshots.catalog.at(0).id, u"door"_s);
    QCOMPARE(snapshots.catalog.at(0).leaves, QStringList {u"open"_s});
    const auto s = snapshots.waitFor([&](const ChartSnapshot &snap) {
        const ChartLine *line = lineOf(snap, key);
        return line && !line->points.isEmpty();
    });
    QVERIFY(s);
    const ChartLine *line = lineOf(*s, key);
    QCOMPARE(line->points.front().x(), double(t0));
    QVERIFY(line->points.back().x() >= double(t0 + 40));
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::digestsPersist()
{
    forgetDigests();
    const QString file = History::DigestCache::defaultFile(m_dir.path());
    {
        const auto engine = restart();
        QVERIFY(engine);
        ChartFeed feed;
        Snapshots snapshots(&feed);
        feed.setEngine(engine);
        feed.setRequest(fixedRange(m_start, m_end, 40));
        QVERIFY(snapshots.waitFor([](const ChartSnapshot &snap) {
            const ChartLine *line = lineOf(snap, kRpm);
            return snap.loadTotal == 0 && line && !line->points.isEmpty();
        }));
        feed.setEngine(nullptr);
        engine->stop();
    }
    QVERIFY(QFile::exists(file));
    // After a restart the far view needs no frame read: its first snapshot is complete.
    const auto engine = restart();
    QVERIFY(engine);
    ChartFeed feed;
    Snapshots snapshots(&feed);
    feed.setEngine(engine);
    feed.setRequest(fixedRange(m_start, m_end, 40));
    const auto first = snapshots.waitFor([](const ChartSnapshot &) { return true; });
    QVERIFY(first);
    QCOMPARE(first->loadTotal, 0);
    QVERIFY(lineOf(*first, kRpm) && lineOf(*first, kRpm)->points.size() > 40);
    feed.setEngine(nullptr);
    engine->stop();
}

void tst_History::damagedCacheFile()
{
    const auto engine = restart();
    QVERIFY(engine);
    const QString file = History::DigestCache::defaultFile(m_dir.path());
    const QList<Engine::FrameSummary> retained = *engine->index();
    qsizetype before = 0;
    {
        History::DigestCache cache;
        cache.open(file, retained);
        before = cache.frameCount();
    }
    QVERIFY(before > 0);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::Append));
        const QByteArray tail =
            QByteArray("\x20\x00\x00\x00", 4) + QByteArray("garbage that is not a record");
        QCOMPARE(f.write(tail), tail.size());
    }
    History::DigestCache cache;
    cache.open(file, retained);
    QCOMPARE(cache.frameCount(), before); // the damaged tail is cut, the rest kept
    QCOMPARE(cache.channels().size(), 2);
    engine->stop();
}

void tst_History::overviewStripDrag()
{
    const auto engine = restart();
    QVERIFY(engine);
    OverviewStrip strip;
    strip.resize(600, 40);
    strip.setEngine(engine);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QCOMPARE(strip.spanFrom(), m_start);
    QVERIFY(strip.spanTo() >= QDateTime::currentMSecsSinceEpoch() - 1000);
    QSignalSpy chosen(&strip, &OverviewStrip::rangeChosen);

    // A drag in the middle picks a fixed range.
    const int y = strip.height() / 2;
    QTest::mousePress(&strip, Qt::LeftButton, {}, QPoint(100, y));
    QTest::mouseMove(&strip, QPoint(200, y));
    QTest::mouseRelease(&strip, Qt::LeftButton, {}, QPoint(200, y));
    QCOMPARE(chosen.count(), 1);
    qint64 from = chosen.at(0).at(0).toLongLong();
    qint64 to = chosen.at(0).at(1).toLongLong();
    QVERIFY(!chosen.at(0).at(2).toBool());
    QCOMPARE(from, strip.timeAt(100));
    QCOMPARE(to, strip.timeAt(200));

    // Dragging from right to left up to the right edge follows live.
    QTest::mousePress(&strip, Qt::LeftButton, {}, QPoint(strip.width() - 1, y));
    QTest::mouseMove(&strip, QPoint(400, y));
    QTest::mouseRelease(&strip, Qt::LeftButton, {}, QPoint(400, y));
    QCOMPARE(chosen.count(), 2);
    from = chosen.at(1).at(0).toLongLong();
    to = chosen.at(1).at(1).toLongLong();
    QVERIFY(chosen.at(1).at(2).toBool());
    QCOMPARE(from, strip.timeAt(400));
    QVERIFY(to >= strip.spanTo() - 2000);
    strip.setEngine(nullptr);
    engine->stop();
}

void tst_History::overviewStripProgress()
{
    OverviewStrip strip;
    strip.resize(600, 40);
    strip.setShownRange(1'000'000, 2'000'000, false);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    auto *cancel = strip.findChild<QToolButton *>();
    QVERIFY(cancel);
    QVERIFY(!cancel->isVisible());
    QSignalSpy cancelled(&strip, &OverviewStrip::cancelRequested);
    strip.setLoadProgress(3, 100);
    QTRY_VERIFY(strip.isProgressShown() && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    strip.setLoadProgress(0, 0);
    QVERIFY(!strip.isProgressShown());
    QVERIFY(!cancel->isVisible());
}

QTEST_MAIN(tst_History)
#include "tst_history.moc"
