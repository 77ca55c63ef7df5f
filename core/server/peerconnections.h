// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace Server {

// The connections the server admitted, per client address and in all, over every worker
// thread: one busy host must not take every connection the server will hold. A host at its
// own cap that opens one more connection gets the place of its connection that has waited
// longest for a next request, if one does: a client that opens a connection per request and
// never reuses it (or never closes it) is served, while connections in the middle of a request
// are never taken (docs/DECISIONS.md, "Idle connections make room").
class PeerConnections
{
public:
    enum class Admission { Admitted, ServerFull, PeerFull };

    // One admitted connection's place. The connection tells it, from its own thread, when it
    // waits for its next request and when it does not.
    class Place
    {
    public:
        // Waiting since `steadyMs` (> 0) for a next request, with nothing read of it.
        void setIdle(qint64 steadyMs) { m_idleSince.store(steadyMs, std::memory_order_release); }
        void setBusy() { m_idleSince.store(0, std::memory_order_relaxed); }
        // How the connection is asked to close, from another thread, when its place is given
        // to a newer connection of the peer; set before the first setIdle().
        void setEvict(std::function<void()> evict) { m_evict = std::move(evict); }
        // Once, when the connection ends: its place is free (unless it was given away).
        void release();

    private:
        friend class PeerConnections;
        PeerConnections *m_owner = nullptr;
        QHostAddress m_peer;
        std::atomic<qint64> m_idleSince {0};
        std::function<void()> m_evict;
        bool m_counted = true; // under m_owner->m_mutex
    };

    // Counts a connection from `peer` unless the server already holds `maxTotal` or the peer
    // `maxPerPeer` connections of which none is idle; a refused one is not counted. Where the
    // peer is at its cap, its connection idle the longest is asked to close and its place is
    // the new one's. `*place` is the admitted connection's place.
    Admission tryOpen(const QHostAddress &peer, int maxTotal, int maxPerPeer,
                      std::shared_ptr<Place> *place);

    int total() const;

private:
    void release(Place *place);

    struct Peer
    {
        std::vector<std::shared_ptr<Place>> places;
    };

    mutable QMutex m_mutex;
    QHash<QHostAddress, Peer> m_open;
    int m_total = 0;
};

} // namespace Server
