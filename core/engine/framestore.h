// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>

#include <deque>
#include <optional>

namespace Engine {

// The newest finished frames as encoded bytes, oldest first. Thread-safe: readers on any thread
// get an implicitly shared copy; the lock is held only to copy a pointer.
class FrameStore
{
public:
    explicit FrameStore(int capacity)
        : m_capacity(capacity)
    { }

    // Adds the newest frame and returns the ids it pushed out (oldest first).
    QList<qint64> add(qint64 id, QByteArray bytes);
    std::optional<QByteArray> get(qint64 id) const;
    bool contains(qint64 id) const;
    qsizetype count() const;
    // Heap bytes the store holds for its frames' bytes (array capacity plus header).
    qint64 heldBytes() const;

private:
    struct Entry
    {
        qint64 id;
        QByteArray bytes;
    };
    const int m_capacity;
    mutable QMutex m_mutex;
    std::deque<Entry> m_frames;
};

} // namespace Engine
