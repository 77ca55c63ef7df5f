// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <array>

namespace Server {

// Per-channel type, last timestamp and event rate over the last seconds, fed by the engine's
// activity batches from any thread (a short critical section per batch).
class ChannelRates
{
public:
    static constexpr int kWindowSeconds = 5;
    static constexpr int kForgetSeconds = 60; // channels quiet this long are not listed

    struct Row
    {
        QString id;
        QString type;
        qint64 lastTimestamp = 0;
        double eventsPerSecond = 0;
    };

    void record(const QList<Engine::ChannelActivity> &channels, qint64 nowMs);
    QList<Row> snapshot(qint64 nowMs) const;

private:
    struct Channel
    {
        QString type;
        qint64 lastTimestamp = 0;
        qint64 lastSecond = 0; // when the channel last had an event (receive time)
        std::array<qint64, kWindowSeconds + 1> seconds {}; // which second each bucket counts
        std::array<qint64, kWindowSeconds + 1> counts {};
    };

    mutable QMutex m_mutex;
    QHash<QString, Channel> m_channels;
};

} // namespace Server
