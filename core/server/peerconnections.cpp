// SPDX-License-Identifier: GPL-3.0-or-later
#include "peerconnections.h"

#include <algorithm>

namespace Server {

void PeerConnections::Place::release()
{
    if (m_owner)
        m_owner->release(this);
}

PeerConnections::Admission PeerConnections::tryOpen(const QHostAddress &peer, int maxTotal,
                                                    int maxPerPeer, std::shared_ptr<Place> *place)
{
    const QMutexLocker locker(&m_mutex);
    if (m_total >= maxTotal)
        return Admission::ServerFull;
    auto it = m_open.find(peer);
    if (maxPerPeer <= 0)
        return Admission::PeerFull;
    if (it != m_open.end() && qsizetype(it->places.size()) >= maxPerPeer) {
        // The peer's connection that has waited longest for a next request gives its place.
        std::vector<std::shared_ptr<Place>> &places = it->places;
        qsizetype oldest = -1;
        qint64 oldestSince = 0;
        for (qsizetype i = 0; i < qsizetype(places.size()); ++i) {
            const qint64 since = places[size_t(i)]->m_idleSince.load(std::memory_order_acquire);
            if (since > 0 && (oldest < 0 || since < oldestSince)) {
                oldest = i;
                oldestSince = since;
            }
        }
        if (oldest < 0)
            return Admission::PeerFull;
        const std::shared_ptr<Place> evicted = places[size_t(oldest)];
        places.erase(places.begin() + oldest); // kept in order of admission: ties go oldest first
        evicted->m_counted = false;
        --m_total;
        // The connection is still alive: it releases its place under this mutex, before it
        // is destroyed, and the queued call goes with it if it is.
        evicted->m_evict();
    }
    if (it == m_open.end())
        it = m_open.insert(peer, Peer {});
    auto admitted = std::make_shared<Place>();
    admitted->m_owner = this;
    admitted->m_peer = peer;
    it->places.push_back(admitted);
    ++m_total;
    *place = std::move(admitted);
    return Admission::Admitted;
}

void PeerConnections::release(Place *place)
{
    const QMutexLocker locker(&m_mutex);
    if (!place->m_counted)
        return;
    place->m_counted = false;
    const auto it = m_open.find(place->m_peer);
    if (it == m_open.end())
        return;
    std::vector<std::shared_ptr<Place>> &places = it->places;
    const auto found = std::find_if(places.begin(), places.end(),
                                    [place](const auto &p) { return p.get() == place; });
    if (found != places.end())
        places.erase(found);
    --m_total;
    if (places.empty())
        m_open.erase(it);
}

int PeerConnections::total() const
{
    const QMutexLocker locker(&m_mutex);
    return m_total;
}

} // namespace Server
