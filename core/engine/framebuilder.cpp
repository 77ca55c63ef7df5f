// SPDX-License-Identifier: GPL-3.0-or-later
#include "framebuilder.h"

#include "channelid.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine::FrameBuilder", text);
}

QString timeText(qint64 ms)
{
    return QString::number(ms) % u" ("_s
        % QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) % u')';
}

IngestFailure failure(IngestError error, QString message, qsizetype index)
{
    return IngestFailure {error, std::move(message), index};
}

} // namespace

QString FrameBuilder::defaultType()
{
    return u"application/octet-stream"_s;
}

std::optional<IngestFailure> FrameBuilder::plan(const QList<Event> &events, qint64 receiveTime,
                                                IngestPlan *out) const
{
    out->newChannels.clear();
    out->placements.clear();
    out->placements.reserve(size_t(events.size()));
    const qint64 stamped = std::clamp(receiveTime, m_startAt, m_endAt - 1);

    // Channels of this batch that the frame does not have yet: few, so a linear search.
    auto newChannelIndex = [out](const QString &id) -> qsizetype {
        for (qsizetype i = 0; i < out->newChannels.size(); ++i) {
            if (out->newChannels[i].id == id)
                return i;
        }
        return -1;
    };

    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &event = events[i];
        const qsizetype existing = channelIndex(event.channel);
        // A channel the frame has was checked when it came; only new names need the check.
        if (existing < 0 && checkChannelId(event.channel) != ChannelIdProblem::None) {
            return failure(IngestError::InvalidChannel,
                           tr("Invalid channel id: it must be 1 to %1 bytes of UTF-8 without "
                              "control characters.")
                               .arg(kMaxChannelIdBytes),
                           i);
        }
        const QString &type = event.type.isEmpty() ? defaultType() : event.type;

        IngestPlan::Placement placement;
        if (event.timestamp && (contains(*event.timestamp) || !event.receiveTimeWhenOutside)) {
            if (!contains(*event.timestamp)) {
                return failure(
                    IngestError::OutsideOpenFrame,
                    tr("The timestamp %1 is outside the open frame [%2, %3).")
                        .arg(timeText(*event.timestamp), timeText(m_startAt), timeText(m_endAt)),
                    i);
            }
            placement.timestamp = *event.timestamp;
        } else {
            placement.timestamp = stamped;
        }

        const QString *channelType = nullptr;
        if (existing >= 0) {
            placement.channel = existing;
            channelType = &m_channels[existing].type;
        } else {
            qsizetype added = newChannelIndex(event.channel);
            if (added < 0) {
                out->newChannels.append({event.channel, type});
                added = out->newChannels.size() - 1;
            }
            placement.channel = m_channels.size() + added;
            channelType = &out->newChannels[added].type;
        }
        // Most events share the type's string data with the channel's: skip the compare then.
        const bool sameData =
            channelType->constData() == type.constData() && channelType->size() == type.size();
        if (!sameData && *channelType != type) {
            return failure(IngestError::TypeConflict,
                           tr("Type conflict on channel \"%1\": it has the type %2 in the open "
                              "frame, the event has the type %3.")
                               .arg(event.channel, *channelType, type),
                           i);
        }
        out->placements.push_back(placement);
    }
    return std::nullopt;
}

void FrameBuilder::apply(const IngestPlan &plan, const QList<Event> &events)
{
    for (const IngestPlan::NewChannel &channel : plan.newChannels)
        addChannel(channel.id, channel.type);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const IngestPlan::Placement &placement = plan.placements[size_t(i)];
        addItem(placement.channel, placement.timestamp, events[i].data);
    }
}

qsizetype FrameBuilder::addChannel(const QString &id, const QString &type)
{
    m_channels.append(Channel {id, type, {}, 0, 0});
    const qsizetype index = m_channels.size() - 1;
    m_channelIndex.insert(id, index);
    return index;
}

void FrameBuilder::addItem(qsizetype channelIndex, qint64 timestamp, QByteArrayView data)
{
    Channel &channel = m_channels[channelIndex];
    const qsizetype needed = TimeFrame::Writer::itemSize(data.size());
    if (channel.chunks.isEmpty()
        || channel.chunks.last().size() + needed > channel.chunks.last().capacity()) {
        QByteArray chunk;
        chunk.reserve(std::max(kChunkSize, needed));
        channel.chunks.append(std::move(chunk));
    }
    TimeFrame::Writer::appendItem(&channel.chunks.last(), timestamp, data);
    channel.items += 1;
    channel.dataBytes += needed;
    m_newest = m_items > 0 ? std::max(m_newest, timestamp) : timestamp;
    m_items += 1;
}

FrameBuilder::Mark FrameBuilder::mark() const
{
    Mark m;
    m.channels.reserve(m_channels.size());
    for (const Channel &channel : m_channels) {
        m.channels.append({channel.chunks.size(),
                           channel.chunks.isEmpty() ? 0 : channel.chunks.last().size(),
                           channel.items, channel.dataBytes});
    }
    m.items = m_items;
    m.newest = m_newest;
    return m;
}

void FrameBuilder::rollBack(const Mark &mark)
{
    while (m_channels.size() > mark.channels.size()) {
        m_channelIndex.remove(m_channels.last().id);
        m_channels.removeLast();
    }
    for (qsizetype i = 0; i < m_channels.size(); ++i) {
        Channel &channel = m_channels[i];
        const Mark::ChannelState &state = mark.channels[i];
        if (channel.items == state.items)
            continue;
        channel.chunks.resize(state.chunks);
        if (state.chunks > 0)
            channel.chunks.last().truncate(state.lastChunkSize);
        channel.items = state.items;
        channel.dataBytes = state.dataBytes;
    }
    m_items = mark.items;
    m_newest = mark.newest;
}

void FrameBuilder::cutAt(qint64 endAt)
{
    Q_ASSERT(endAt > m_startAt && endAt <= m_endAt);
    Q_ASSERT(m_items == 0 || m_newest < endAt);
    m_endAt = endAt;
}

TimeFrame::Result<QByteArray> FrameBuilder::encode(TimeFrame::Layout layout) const
{
    QList<TimeFrame::Writer::ChannelRecord> records;
    records.reserve(m_channels.size());
    for (const Channel &channel : m_channels)
        records.append({channel.id.toUtf8(), channel.type.toUtf8(), channel.dataBytes});
    TimeFrame::Writer writer;
    if (TimeFrame::Status begun = writer.begin(m_startAt, m_endAt, records, layout); !begun)
        return begun.error();
    for (const Channel &channel : m_channels) {
        for (const QByteArray &chunk : channel.chunks)
            writer.writeEncodedItems(chunk);
    }
    return writer.finish();
}

FrameSummary FrameBuilder::summary(qint64 encodedBytes) const
{
    FrameSummary s;
    s.id = m_startAt;
    s.startAt = m_startAt;
    s.endAt = m_endAt;
    s.channels = int(m_channels.size());
    s.items = m_items;
    s.size = encodedBytes;
    return s;
}

} // namespace Engine
