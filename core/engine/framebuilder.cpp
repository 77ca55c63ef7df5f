// SPDX-License-Identifier: GPL-3.0-or-later
#include "framebuilder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QtEndian>

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

bool FrameBuilder::isValidChannelId(const QString &id)
{
    if (id.isEmpty())
        return false;
    if (!id.isValidUtf16()) // a lone surrogate would not survive the UTF-8 encoding
        return false;
    qsizetype utf8Bytes = 0;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7F && u < 0xA0))
            return false;
        // A surrogate pair is 4 bytes of UTF-8: count 2 for each half.
        utf8Bytes += u < 0x80 ? 1 : (u < 0x800 || c.isSurrogate()) ? 2 : 3;
    }
    return utf8Bytes <= kMaxChannelIdBytes;
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
        if (existing < 0 && !isValidChannelId(event.channel)) {
            return failure(IngestError::InvalidChannel,
                           tr("Invalid channel id: it must be 1 to %1 bytes of UTF-8 without "
                              "control characters.")
                               .arg(kMaxChannelIdBytes),
                           i);
        }
        const QString &type = event.type.isEmpty() ? defaultType() : event.type;

        IngestPlan::Placement placement;
        if (event.timestamp) {
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
    const qsizetype needed = TimeFrame::kItemFixedSize + data.size();
    if (channel.chunks.isEmpty()
        || channel.chunks.last().size() + needed > channel.chunks.last().capacity()) {
        QByteArray chunk;
        chunk.reserve(std::max(kChunkSize, needed));
        channel.chunks.append(std::move(chunk));
    }
    QByteArray &chunk = channel.chunks.last();
    char fixed[TimeFrame::kItemFixedSize];
    qToBigEndian<qint64>(timestamp, fixed);
    qToBigEndian<quint64>(quint64(data.size()), fixed + 8);
    chunk.append(fixed, sizeof fixed);
    chunk.append(data);
    channel.items += 1;
    channel.dataBytes += needed;
    m_newest = m_items > 0 ? std::max(m_newest, timestamp) : timestamp;
    m_items += 1;
}

void FrameBuilder::cutAt(qint64 endAt)
{
    Q_ASSERT(endAt > m_startAt && endAt <= m_endAt);
    Q_ASSERT(m_items == 0 || m_newest < endAt);
    m_endAt = endAt;
}

qint64 FrameBuilder::encodedSize(TimeFrame::Layout) const
{
    qint64 size = TimeFrame::kHeaderSize;
    for (const Channel &channel : m_channels) {
        size += TimeFrame::kRecordFixedSize + channel.id.toUtf8().size()
            + channel.type.toUtf8().size() + channel.dataBytes;
    }
    return size;
}

QByteArray FrameBuilder::encode(TimeFrame::Layout layout) const
{
    QList<QByteArray> ids;
    QList<QByteArray> types;
    qint64 metadataSize = 0;
    qint64 dataSize = 0;
    for (const Channel &channel : m_channels) {
        ids.append(channel.id.toUtf8());
        types.append(channel.type.toUtf8());
        metadataSize += TimeFrame::kRecordFixedSize + ids.last().size() + types.last().size();
        dataSize += channel.dataBytes;
    }

    QByteArray bytes(TimeFrame::kHeaderSize + metadataSize + dataSize, Qt::Uninitialized);
    char *p = bytes.data();
    auto put16 = [&p](quint16 v) {
        qToBigEndian(v, p);
        p += 2;
    };
    auto put32 = [&p](quint32 v) {
        qToBigEndian(v, p);
        p += 4;
    };
    auto put64 = [&p](quint64 v) {
        qToBigEndian(v, p);
        p += 8;
    };
    auto putBytes = [&p](const QByteArray &b) {
        std::copy(b.cbegin(), b.cend(), p);
        p += b.size();
    };

    put16(TimeFrame::kVersion);
    put32(quint32(metadataSize));
    put64(quint64(dataSize));
    put64(quint64(m_startAt));
    put64(quint64(m_endAt));

    qint64 offset = 0;
    for (qsizetype i = 0; i < m_channels.size(); ++i) {
        put64(quint64(offset));
        const bool documented = layout == TimeFrame::Layout::Documented;
        const QByteArray &first = documented ? types[i] : ids[i];
        const QByteArray &second = documented ? ids[i] : types[i];
        put32(quint32(first.size()));
        put32(quint32(second.size()));
        putBytes(first);
        putBytes(second);
        offset += m_channels[i].dataBytes;
    }
    for (const Channel &channel : m_channels) {
        for (const QByteArray &chunk : channel.chunks)
            putBytes(chunk);
    }
    Q_ASSERT(p == bytes.constData() + bytes.size());
    return bytes;
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
