// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace Server {

// The connections the server admitted, per client address and in all, over every worker
// thread: one busy host must not take every connection the server will hold.
class PeerConnections
{
public:
    enum class Admission { Admitted, ServerFull, PeerFull };

    // Counts a connection from `peer` unless the server already holds `maxTotal` or the peer
    // `maxPerPeer`; a refused one is not counted.
    Admission tryOpen(const QHostAddress &peer, int maxTotal, int maxPerPeer);
    // Each admitted connection, once, when it ends.
    void close(const QHostAddress &peer);

    int total() const;

private:
    mutable QMutex m_mutex;
    QHash<QHostAddress, int> m_open;
    int m_total = 0;
};

} // namespace Server
