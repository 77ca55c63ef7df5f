// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/data/chartmodel.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QStringList>

#include <memory>

class QThread;
class QTimer;

// Runs the charts' model (ChartModel) on a thread of its own and feeds it the engine's events:
// JSON parsing and bucketing never run on the GUI thread. Snapshots go out at most 30 times a
// second, and a new one only after the GUI took the previous one (so a slow GUI is never flooded).
// With an engine, the charts also reach back over every retained frame (History::Reader): the
// live store draws what arrived since the engine was set, the retained frames what came before.
class ChartFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRefreshMs = ChartModel::kRefreshMs;

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
    void snapshotTaken();
    // Adds events directly (tests, and the queued path from the engine).
    void addEvents(const QList<Engine::LiveEvent> &events);
    void clear();

Q_SIGNALS:
    void snapshotReady(const ChartSnapshot &snapshot);
    // The channels and JSON leaves known so far; emitted when one appears.
    void catalogChanged(const QList<Series::ChannelInfo> &channels);

private:
    std::unique_ptr<QThread> m_thread;
    ChartModel *m_model = nullptr; // lives on m_thread, deleted when it ends
    QMetaObject::Connection m_engineConnection;
    QMetaObject::Connection m_finishedConnection;
};
