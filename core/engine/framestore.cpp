// SPDX-License-Identifier: GPL-3.0-or-later
#include "framestore.h"

namespace Engine {

QList<qint64> FrameStore::add(qint64 id, QByteArray bytes)
{
    QList<qint64> evicted;
    QList<QByteArray> released; // freed after the lock is let go
    QMutexLocker locker(&m_mutex);
    m_frames.push_back({id, std::move(bytes)});
    while (m_frames.size() > size_t(std::max(m_capacity, 0))) {
        evicted.append(m_frames.front().id);
        released.append(std::move(m_frames.front().bytes));
        m_frames.pop_front();
    }
    locker.unlock();
    return evicted;
}

std::optional<QByteArray> FrameStore::get(qint64 id) const
{
    QMutexLocker locker(&m_mutex);
    for (const Entry &entry : m_frames) {
        if (entry.id == id)
            return entry.bytes;
    }
    return std::nullopt;
}

bool FrameStore::contains(qint64 id) const
{
    return get(id).has_value();
}

qsizetype FrameStore::count() const
{
    QMutexLocker locker(&m_mutex);
    return qsizetype(m_frames.size());
}

qint64 FrameStore::heldBytes() const
{
    QMutexLocker locker(&m_mutex);
    qint64 held = 0;
    for (const Entry &entry : m_frames)
        held += entry.bytes.capacity() + 1 + qint64(sizeof(QArrayData)) + qint64(sizeof(Entry));
    return held;
}

} // namespace Engine
