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
    };

    // Many subscribers: events are coalesced for a few milliseconds, so that each subscriber
    // gets one write per interval rather than one per engine batch (the writes, not the bytes,
    // are what the fan-out costs).
    static int coalesceMs(qsizetype subscribers);
    void flushPending();
    void deliver(Subscriber &subscriber, QByteArrayView text);
    void removeGone();
    void listen(bool on);

    Engine::EngineApi *m_engine;
    QMetaObject::Connection m_listening;
    const ServerLimits &m_limits;
    ServerMetrics *m_metrics;
    std::vector<Subscriber> m_subscribers;
    QTimer m_keepAlive;
    QList<Engine::LiveEvent> m_pending;
    QTimer m_flush;
};

} // namespace Server
