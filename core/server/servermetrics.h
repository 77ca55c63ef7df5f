// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <atomic>

namespace Engine {
struct Status;
}

namespace Ingest {
struct SourceState;
}

namespace Server {

// Counters of the HTTP layer, shared by every worker thread (relaxed atomics: they are
// statistics, not synchronisation), rendered in the Prometheus text format for GET /metrics.
class ServerMetrics
{
public:
    ServerMetrics();

    void countResponse(int status, QByteArrayView errorCode);
    void connectionOpened() { m_connections.fetch_add(1, std::memory_order_relaxed); }
    void connectionClosed() { m_connections.fetch_sub(1, std::memory_order_relaxed); }
    void connectionRefused() { m_connectionsRefused.fetch_add(1, std::memory_order_relaxed); }
    void eventsAccepted(qint64 events, qint64 bytes)
    {
        m_events.fetch_add(events, std::memory_order_relaxed);
        m_eventBytes.fetch_add(bytes, std::memory_order_relaxed);
    }
    void frameFinished() { m_framesFinished.fetch_add(1, std::memory_order_relaxed); }
    void subscriberAdded() { m_subscribers.fetch_add(1, std::memory_order_relaxed); }
    void subscriberRemoved() { m_subscribers.fetch_sub(1, std::memory_order_relaxed); }
    void subscriberDropped() { m_subscribersDropped.fetch_add(1, std::memory_order_relaxed); }
    // Unsent live-feed bytes of every worker's subscribers, as each worker last counted them.
    qint64 addLiveBacklog(qint64 delta)
    {
        return m_liveBacklog.fetch_add(delta, std::memory_order_relaxed) + delta;
    }
    qint64 liveBacklog() const { return m_liveBacklog.load(std::memory_order_relaxed); }
    void frameBytesSent(qint64 bytes) { m_frameBytes.fetch_add(bytes, std::memory_order_relaxed); }

    qint64 connections() const { return m_connections.load(std::memory_order_relaxed); }
    qint64 subscribers() const { return m_subscribers.load(std::memory_order_relaxed); }
    quint64 responses(int status) const;
    quint64 errors(QByteArrayView code) const;

    QByteArray render(const Engine::Status &status, qint64 uptimeMs) const;
    // The MQTT sources' connection state and counts, one series per broker.
    static void appendSourceMetrics(QByteArray &out, const QList<Ingest::SourceState> &sources);

    // The "error" codes the API answers with; others are counted as "other".
    static const std::array<const char *, 24> kErrorCodes;

private:
    std::array<std::atomic<quint64>, 600> m_byStatus;
    std::array<std::atomic<quint64>, 25> m_byError; // kErrorCodes, then "other"
    std::atomic<qint64> m_connections {0};
    std::atomic<quint64> m_connectionsRefused {0};
    std::atomic<quint64> m_events {0};
    std::atomic<quint64> m_eventBytes {0};
    std::atomic<quint64> m_framesFinished {0};
    std::atomic<qint64> m_subscribers {0};
    std::atomic<quint64> m_subscribersDropped {0};
    std::atomic<qint64> m_liveBacklog {0};
    std::atomic<quint64> m_frameBytes {0};
};

} // namespace Server
