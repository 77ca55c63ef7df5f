// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "format/timeframe.h"

#include <QDateTime>
#include <QMutex>

// An in-memory engine for the HTTP tests: the same rules as the real one (all or nothing,
// channel ids, type conflicts, timestamps inside the open frame), frames finished on request.
class FakeEngine final : public Engine::EngineApi
{
public:
    explicit FakeEngine(qint64 frameDurationMs = 10'000)
        : m_duration(frameDurationMs)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        openAt(now - now % m_duration);
    }

    bool storageAvailable = true;

    using EngineApi::ingest;
    Engine::IngestResult ingest(const QList<Engine::Event> &events) override
    {
        Engine::IngestResult result;
        QList<Engine::LiveEvent> live;
        {
            const QMutexLocker lock(&m_mutex);
            if (!storageAvailable) {
                result.failure = Engine::IngestFailure {Engine::IngestError::StorageUnavailable,
                                                        QStringLiteral("disk full"), 0};
                return result;
            }
            QHash<QString, QString> types;
            for (const TimeFrame::Channel &c : m_open.channels)
                types.insert(c.id, c.type);
            for (qsizetype i = 0; i < events.size(); ++i) {
                const Engine::Event &e = events[i];
                if (e.channel.isEmpty() || e.channel.toUtf8().size() > 128) {
                    result.failure = Engine::IngestFailure {Engine::IngestError::InvalidChannel,
                                                            QStringLiteral("bad channel"), i};
                    return result;
                }
                const QString known = types.value(e.channel);
                if (!known.isEmpty() && known != e.type) {
                    result.failure =
                        Engine::IngestFailure {Engine::IngestError::TypeConflict,
                                               QStringLiteral("channel %1 has type %2, not %3")
                                                   .arg(e.channel, known, e.type),
                                               i};
                    return result;
                }
                types.insert(e.channel, e.type);
                if (e.timestamp && !e.receiveTimeWhenOutside && !inOpen(*e.timestamp)) {
                    result.failure = Engine::IngestFailure {Engine::IngestError::OutsideOpenFrame,
                                                            QStringLiteral("outside"), i};
                    return result;
                }
            }
            const qint64 now =
                qBound(m_open.startAt, QDateTime::currentMSecsSinceEpoch(), m_open.endAt - 1);
            for (const Engine::Event &e : events) {
                const qint64 ts = e.timestamp && inOpen(*e.timestamp) ? *e.timestamp : now;
                channel(e.channel, e.type).items.append(TimeFrame::Item {ts, e.data});
                result.acks.append(Engine::Ack {e.channel, m_open.startAt, ts});
                live.append(Engine::LiveEvent {e.channel, e.type, ts, m_open.startAt, e.data});
                ++m_accepted;
            }
        }
        QList<Engine::ChannelActivity> channels;
        for (const Engine::LiveEvent &e : live) {
            if (channels.isEmpty() || channels.back().channel != e.channel)
                channels.append(Engine::ChannelActivity {e.channel, e.type, 0, 0});
            ++channels.back().events;
            channels.back().lastTimestamp = qMax(channels.back().lastTimestamp, e.timestamp);
        }
        Q_EMIT activity(channels);
        Q_EMIT liveEvents(live);
        return result;
    }

    Engine::FrameIndex index() const override
    {
        const QMutexLocker lock(&m_mutex);
        return m_index;
    }

    std::optional<QByteArray> frameBytes(qint64 id) const override
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_bytes.constFind(id);
        if (it == m_bytes.cend())
            return std::nullopt;
        return *it;
    }

    QByteArray openFrameBytes() const override
    {
        const QMutexLocker lock(&m_mutex);
        return TimeFrame::encode(m_open).value();
    }

    Engine::Status status() const override
    {
        const QMutexLocker lock(&m_mutex);
        Engine::Status s;
        s.storage = storageAvailable ? Engine::StorageState::Ok : Engine::StorageState::Unavailable;
        s.storageDetail = storageAvailable ? QString() : QStringLiteral("disk full");
        s.openFrameId = m_open.startAt;
        s.openFrameEndAt = m_open.endAt;
        s.framesRetained = m_index->size();
        s.eventsAccepted = m_accepted;
        return s;
    }

    // Adds a finished frame to the index (newest first) and announces it.
    Engine::FrameSummary addFrame(const TimeFrame::Frame &frame)
    {
        const QByteArray bytes = TimeFrame::encode(frame).value();
        Engine::FrameSummary s;
        s.id = s.startAt = frame.startAt;
        s.endAt = frame.endAt;
        s.channels = int(frame.channels.size());
        for (const TimeFrame::Channel &c : frame.channels)
            s.items += c.items.size();
        s.size = bytes.size();
        s.inMemory = true;
        {
            const QMutexLocker lock(&m_mutex);
            auto list = std::make_shared<QList<Engine::FrameSummary>>(*m_index);
            list->append(s);
            std::sort(list->begin(), list->end(),
                      [](const auto &a, const auto &b) { return a.id > b.id; });
            m_index = list;
            m_bytes.insert(s.id, bytes);
        }
        Q_EMIT frameFinished(s);
        return s;
    }

    // Finishes the open frame and opens the next one.
    Engine::FrameSummary finishOpenFrame()
    {
        TimeFrame::Frame finished;
        {
            const QMutexLocker lock(&m_mutex);
            finished = m_open;
        }
        const Engine::FrameSummary s = addFrame(finished);
        const QMutexLocker lock(&m_mutex);
        openAt(finished.endAt);
        return s;
    }

    qint64 frameDuration() const { return m_duration; }

private:
    void openAt(qint64 start) { m_open = TimeFrame::Frame {start, start + m_duration, {}}; }

    TimeFrame::Channel &channel(const QString &id, const QString &type)
    {
        for (TimeFrame::Channel &c : m_open.channels) {
            if (c.id == id)
                return c;
        }
        m_open.channels.append(TimeFrame::Channel {id, type, {}});
        return m_open.channels.back();
    }

    bool inOpen(qint64 t) const { return t >= m_open.startAt && t < m_open.endAt; }

    mutable QMutex m_mutex;
    const qint64 m_duration;
    TimeFrame::Frame m_open;
    Engine::FrameIndex m_index = std::make_shared<const QList<Engine::FrameSummary>>();
    QHash<qint64, QByteArray> m_bytes;
    qint64 m_accepted = 0;
};
