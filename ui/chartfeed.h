// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "format/frameview.h"
#include "seriesstore.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

// What the charts ask for: a time range (or a window that follows now), the width of the plot
// area in pixels, and the value series to draw.
struct ChartRequest
{
    qint64 windowMs = 60'000; // following: how far back from now; 0: the whole history
    bool follow = true;
    qint64 from = 0; // not following: the fixed range
    qint64 to = 0;
    int width = 800;
    QStringList series; // Series::key()s
};

// One lane of the timeline: a pulse per pixel column that holds items.
struct ChartLane
{
    QString channel;
    QList<QPointF> pulses; // (ms, lane base / lane top) triples
};

struct ChartLine
{
    QString key;
    // (ms, value), min then max per pixel column. A gap (no item for more than 5 times the
    // series' median interval, over at least one empty column) is a point whose y is NaN, at the
    // gap's start: drawers break the line there.
    QList<QPointF> points;
};

// Counts of the frame the latest events went into (the open frame, for the live row).
struct OpenFrameStats
{
    qint64 frameId = 0;
    int channels = 0;
    qint64 items = 0;
    qint64 bytes = 0;
};

// Everything the charts draw at one refresh: bounded by the width, not by the event rate.
struct ChartSnapshot
{
    qint64 from = 0;
    qint64 to = 0;
    QList<ChartLane> lanes;
    QList<ChartLine> lines;
    OpenFrameStats openFrame;
    // Reading retained frames for this range: frames ready of those in range. Both 0 where
    // nothing is being read (everything is ready, or the reading was cancelled).
    qint64 loadDone = 0;
    qint64 loadTotal = 0;
    // The span of every retained frame, live data included (0, 0 when nothing is known).
    qint64 historyFrom = 0;
    qint64 historyTo = 0;
};

Q_DECLARE_METATYPE(ChartSnapshot)
Q_DECLARE_METATYPE(ChartRequest)

// Collects events into a Series::Store and decimates them for the charts, on a thread of its own:
// JSON parsing and bucketing never run on the GUI thread. Snapshots go out at most 30 times a
// second, and a new one only after the GUI took the previous one (so a slow GUI is never flooded).
// With an engine, the charts also reach back over every retained frame (History::Reader): the
// live store draws what arrived since the engine was set, the retained frames what came before.
class ChartFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 34; // under 30 refreshes a second

    explicit ChartFeed(QObject *parent = nullptr);
    ~ChartFeed() override;

    // Live mode: events come from the engine's liveEvents, the past from its retained frames
    // (digests persist in History::DigestCache::defaultFile() of its data directory); null
    // disconnects.
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    // Stops reading retained frames for the range shown; another range reads again.
    void cancelLoading();
    // Frame mode: the store is rebuilt from one frame, and the range defaults to the frame's.
    void setFrame(const TimeFrame::FrameView &view);
    void setRequest(const ChartRequest &request);
    // The GUI applied the last snapshot: the next may be sent.
    void snapshotTaken() { m_inFlight.store(false, std::memory_order_release); }
    // Adds events directly (tests, and the queued path from the engine).
    void addEvents(const QList<Engine::LiveEvent> &events);
    void clear();

Q_SIGNALS:
    void snapshotReady(const ChartSnapshot &snapshot);
    // The channels and JSON leaves known so far; emitted when one appears.
    void catalogChanged(const QList<Series::ChannelInfo> &channels);

private:
    class Worker;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread, deleted when it ends
    std::atomic<bool> m_inFlight {false};
    QMetaObject::Connection m_engineConnection;
    QMetaObject::Connection m_finishedConnection;
};
