// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelrates.h"

namespace Server {

void ChannelRates::record(const QList<Engine::LiveEvent> &events, qint64 nowMs)
{
    const qint64 second = nowMs / 1000;
    const size_t bucket = size_t(second % (kWindowSeconds + 1));
    const QMutexLocker lock(&m_mutex);
    // Events come in runs of one channel: look the channel up once per run, and keep its type
    // string unless it changed (copies of shared strings cost atomic operations per event).
    Channel *run = nullptr;
    const QString *runChannel = nullptr;
    for (const Engine::LiveEvent &e : events) {
        if (!run || e.channel != *runChannel) {
            run = &m_channels[e.channel];
            runChannel = &e.channel;
        }
        Channel &c = *run;
        if (c.type != e.type)
            c.type = e.type;
        c.lastTimestamp = qMax(c.lastTimestamp, e.timestamp);
        if (c.seconds[bucket] != second) {
            c.seconds[bucket] = second;
            c.counts[bucket] = 0;
        }
        ++c.counts[bucket];
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
