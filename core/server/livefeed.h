// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "serverlimits.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <vector>

namespace Server {

class Reply;
class ServerMetrics;

// GET /events subscribers of one worker thread: every accepted item as a Server-Sent Event,
// an "event: frame" per finished frame. A subscriber whose unsent bytes pass the backlog limit
// is sent "event: dropped" and closed: a slow reader never holds back ingest or the others.
// All subscribers of all workers together hold at most ServerLimits::maxLiveBacklog unsent
// bytes (counted in ServerMetrics): beyond it, the subscriber with the most unsent bytes is
// disconnected at once, its bytes dropped, until the total is under the limit again. Once
// subscribers are gone the freed memory is given back to the system (malloc_trim).
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    // Listens to the engine's live events only while someone subscribes: with no subscriber
    // anywhere the engine does not collect them at all.
    LiveFeed(Engine::EngineApi *engine, const ServerLimits &limits, ServerMetrics *metrics,
             QObject *parent = nullptr);
    ~LiveFeed() override;

    // Starts the event stream on the connection; an empty filter means every channel.
    void subscribe(Reply *connection, QSet<QString> channels,
                   const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});
    qsizetype subscriberCount() const { return qsizetype(m_subscribers.size()); }

    void onLiveEvents(const QList<Engine::LiveEvent> &events);
    void onFrameFinished(const Engine::FrameSummary &frame);

    // One event's SSE text ("data: {...}\n\n").
    static QByteArray eventText(const Engine::LiveEvent &event);

private:
    struct Subscriber
    {
        QPointer<Reply> connection;
        QSet<QString> channels;
        qint64 counted = 0; // its unsent bytes as last added to the total
    };

    // Many subscribers: events are coalesced for a few milliseconds, so that each subscriber
    // gets one write per interval rather than one per engine batch (the writes, not the bytes,
    // are what the fan-out costs).
    static int coalesceMs(qsizetype subscribers);
    void flushPending();
    void deliver(Subscriber &subscriber, QByteArrayView text);
    void removeGone();
    // Counts every subscriber's unsent bytes into the total and drops the slowest of this
    // worker while the total is over the limit.
    void enforceTotalBacklog();
    void recount(Subscriber &subscriber);
    qint64 addBacklog(qint64 delta);
    void listen(bool on);

    Engine::EngineApi *m_engine;
    QMetaObject::Connection m_listening;
    const ServerLimits &m_limits;
    ServerMetrics *m_metrics;
    std::vector<Subscriber> m_subscribers;
    QTimer m_keepAlive;
    QList<Engine::LiveEvent> m_pending;
    QTimer m_flush;
    qint64 m_ownBacklog = 0; // this worker's share of the total
    QTimer m_trim; // gives freed memory back a moment after subscribers left
};

} // namespace Server
