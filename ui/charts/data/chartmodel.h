// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/data/seriesstore.h"
#include "charts/history/historyreader.h"
#include "engine/engineapi.h"
#include "format/frameview.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

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

// The charts' model: the series of the live events (a Series::Store) and of the retained
// frames (History::Reader) for the range the charts ask for, decimated to their width. Lives on
// the chart feed's thread (ChartFeed), which calls it there; snapshots go out at most every
// kRefreshMs, and a new one only after the last was taken.
class ChartModel : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 34; // under 30 refreshes a second

    explicit ChartModel(QObject *parent = nullptr);

    void addEvents(const QList<Engine::LiveEvent> &events);
    void setHistory(const std::shared_ptr<Engine::EngineApi> &engine);
    // What the open frame held before the live events were connected (after a restart, what
    // the journal replayed) goes into the live store in time order, so that it is drawn before
    // the frame finishes. An event accepted in the instant between connecting and this read
    // comes twice: the same point drawn twice, counted twice in that moment's rate.
    void addOpenFrame(const QByteArray &bytes);
    void frameFinished(const Engine::FrameSummary &frame);
    void cancelLoading();
    void setFrame(const TimeFrame::FrameView &view);
    void clear();
    void setRequest(const ChartRequest &request);
    // The GUI applied the last snapshot: the next may be sent. Safe from any thread.
    void snapshotTaken() { m_inFlight.store(false, std::memory_order_release); }

Q_SIGNALS:
    void snapshotReady(const ChartSnapshot &snapshot);
    // The channels and JSON leaves known so far; emitted when one appears.
    void catalogChanged(const QList<Series::ChannelInfo> &channels);

private:
    // Starts reading a chunk of retained frames on the reader's pool; when it is taken in, the
    // next starts, for the view of the latest request. The feed's thread never waits for it.
    void scheduleStep();
    QList<Series::ChannelInfo> catalog() const;
    // Where the live store takes over from the retained frames, per buffer key.
    qint64 cutoffOf(const QString &bufferKey) const;
    static QString bufferKeyOf(const QString &key);
    void prepareView(std::pair<qint64, qint64> r);
    // Columns of a buffer: the live store's, with the retained frames' before it.
    std::vector<Series::Column> columnsOf(const QString &bufferKey, qint64 from, qint64 to,
                                          int width) const;
    qint64 intervalOf(const QString &bufferKey, qint64 from, qint64 to) const;
    qint64 firstTime() const;
    qint64 lastTime() const;
    std::pair<qint64, qint64> range() const;
    void refresh();
    ChartSnapshot snapshot();

    QTimer *m_timer;
    Series::Store m_store;
    ChartRequest m_request;
    OpenFrameStats m_open;
    QSet<QString> m_openChannels;
    History::Reader m_history;
    QElapsedTimer m_sinceSnapshot; // since the last snapshot was made
    qint64 m_snapshotCostMs = 0;
    int m_historyRevision = -1;
    bool m_stepQueued = false;
    bool m_catalogDirty = false;
    bool m_dataDirty = true;
    std::atomic<bool> m_inFlight {false};
};
