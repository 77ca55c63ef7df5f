// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelrates.h"

namespace Server {

void ChannelRates::record(const QList<Engine::ChannelActivity> &channels, qint64 nowMs)
{
    const qint64 second = nowMs / 1000;
    const size_t bucket = size_t(second % (kWindowSeconds + 1));
    const QMutexLocker lock(&m_mutex);
    for (const Engine::ChannelActivity &a : channels) {
        Channel &c = m_channels[a.channel];
        c.type = a.type;
        c.lastTimestamp = qMax(c.lastTimestamp, a.lastTimestamp);
        if (c.seconds[bucket] != second) {
            c.seconds[bucket] = second;
            c.counts[bucket] = 0;
        }
        c.counts[bucket] += a.events;
        c.lastSecond = second;
    }
}

QList<ChannelRates::Row> ChannelRates::snapshot(qint64 nowMs) const
{
    // The rate counts the last kWindowSeconds complete seconds, not the one under way.
    const qint64 second = nowMs / 1000;
    QList<Row> rows;
    const QMutexLocker lock(&m_mutex);
    rows.reserve(m_channels.size());
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        if (it->lastSecond < second - kForgetSeconds)
            continue;
        qint64 events = 0;
        for (size_t b = 0; b < it->seconds.size(); ++b) {
            if (it->seconds[b] < second && it->seconds[b] >= second - kWindowSeconds)
                events += it->counts[b];
        }
        rows.append(Row {it.key(), it->type, it->lastTimestamp, double(events) / kWindowSeconds});
    }
    return rows;
}

} // namespace Server
