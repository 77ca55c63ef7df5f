// SPDX-License-Identifier: GPL-3.0-or-later
#include "peerconnections.h"

namespace Server {

PeerConnections::Admission PeerConnections::tryOpen(const QHostAddress &peer, int maxTotal,
                                                    int maxPerPeer)
{
    const QMutexLocker locker(&m_mutex);
    if (m_total >= maxTotal)
        return Admission::ServerFull;
    int &open = m_open[peer];
    if (open >= maxPerPeer) {
        if (open == 0)
            m_open.remove(peer);
        return Admission::PeerFull;
    }
    ++open;
    ++m_total;
    return Admission::Admitted;
}

void PeerConnections::close(const QHostAddress &peer)
{
    const QMutexLocker locker(&m_mutex);
    const auto it = m_open.find(peer);
    if (it == m_open.end())
        return;
    --m_total;
    if (--*it == 0)
        m_open.erase(it);
}

int PeerConnections::total() const
{
    const QMutexLocker locker(&m_mutex);
    return m_total;
}

} // namespace Server
