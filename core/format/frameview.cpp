// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameview.h"

#include "bytes_p.h"
#include "parser_p.h"

#include <QCoreApplication>
#include <QSet>

namespace TimeFrame {

using detail::readBig;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimeFrame", text);
}

Error makeError(ErrorCode code, qint64 offset, const QString &message)
{
    return Error {code, offset, message};
}

} // namespace

// Walks the bytes once, applying every check of the format, and fills a FrameView.
class ViewBuilder
{
public:
    static Result<FrameView> build(const QByteArray &bytes, std::optional<Layout> requested)
    {
        const QByteArrayView all(bytes);
        auto header = detail::checkHeader(all);
        if (!header)
            return header.error();
        auto records = detail::parseRecords(all, header.value());
        if (!records)
            return records.error();

        FrameView view;
        view.m_bytes = bytes;
        view.m_header = header.value();
        view.m_layout =
            requested ? *requested : detail::guessFromRecords(records.value(), all).layout;

        const qint64 dataStart = kHeaderSize + qint64(view.m_header.metadataSize);
        const qint64 dataSize = qint64(view.m_header.dataSize);
        const std::vector<detail::RawRecord> &raw = records.value();

        if (raw.empty() && dataSize > 0) {
            return makeError(
                ErrorCode::DataWithoutChannels, dataStart,
                tr("the data section holds %1 bytes but the frame has no channel").arg(dataSize));
        }

        view.m_channels.resize(raw.size());
        QSet<QString> seen;
        seen.reserve(qsizetype(raw.size()));
        for (size_t i = 0; i < raw.size(); ++i) {
            const detail::RawRecord &record = raw[i];
            FrameView::ChannelRecord &channel = view.m_channels[i];
            if (auto error = checkOffset(raw, i, dataSize))
                return *error;

            const bool documented = view.m_layout == Layout::Documented;
            const detail::RawString &idField = documented ? record.second : record.first;
            const detail::RawString &typeField = documented ? record.first : record.second;
            if (idField.size == 0) {
                return makeError(ErrorCode::EmptyChannelId, idField.offset,
                                 tr("channel %1 has an empty id").arg(i));
            }
            if (typeField.size == 0) {
                return makeError(ErrorCode::EmptyChannelType, typeField.offset,
                                 tr("channel %1 has an empty type").arg(i));
            }
            const char *base = bytes.constData();
            if (!QByteArrayView(base + idField.offset, idField.size).isValidUtf8()) {
                return makeError(ErrorCode::InvalidUtf8, idField.offset,
                                 tr("the id of channel %1 is not valid UTF-8").arg(i));
            }
            if (!QByteArrayView(base + typeField.offset, typeField.size).isValidUtf8()) {
                return makeError(ErrorCode::InvalidUtf8, typeField.offset,
                                 tr("the type of channel %1 is not valid UTF-8").arg(i));
            }
            channel.id = QString::fromUtf8(base + idField.offset, idField.size);
            channel.type = QString::fromUtf8(base + typeField.offset, typeField.size);
            if (seen.contains(channel.id)) {
                return makeError(ErrorCode::DuplicateChannel, idField.offset,
                                 tr("channel id \"%1\" appears twice").arg(channel.id));
            }
            seen.insert(channel.id);

            channel.dataBegin = qint64(record.dataOffset);
            channel.dataEnd = i + 1 < raw.size() ? qint64(raw[i + 1].dataOffset) : dataSize;
        }

        // Every offset is now known to lie in [0, dataSize] and to never decrease, and
        // bytes.size() == dataStart + dataSize, so the item walk stays inside the buffer.
        const char *data = bytes.constData() + dataStart;
        for (size_t i = 0; i < view.m_channels.size(); ++i) {
            FrameView::ChannelRecord &channel = view.m_channels[i];
            channel.firstItem = qsizetype(view.m_items.size());
            qint64 pos = channel.dataBegin;
            const qint64 end = channel.dataEnd;
            qint64 payload = 0;
            while (pos < end) {
                const qint64 left = end - pos;
                if (left < kItemFixedSize) {
                    const bool inTimestamp = left < 8;
                    return makeError(
                        ErrorCode::ItemTruncated, dataStart + pos + (inTimestamp ? 0 : 8),
                        tr("channel \"%1\" ends inside an item's %2: %3 bytes left where an "
                           "item needs at least %4")
                            .arg(channel.id, inTimestamp ? tr("timestamp") : tr("data size"))
                            .arg(left)
                            .arg(kItemFixedSize));
                }
                const qint64 timestamp = readBig<qint64>(data + pos);
                const quint64 size = readBig<quint64>(data + pos + 8);
                if (size > quint64(left - kItemFixedSize)) {
                    return makeError(ErrorCode::ItemOverrun, dataStart + pos + 8,
                                     tr("an item of channel \"%1\" claims %2 bytes but only %3 "
                                        "remain in the channel")
                                         .arg(channel.id)
                                         .arg(size)
                                         .arg(left - kItemFixedSize));
                }
                view.m_items.push_back(
                    FrameView::ItemRef {timestamp, dataStart + pos + kItemFixedSize, qint64(size)});
                payload += qint64(size);
                pos += kItemFixedSize + qint64(size);
            }
            channel.itemCount = qsizetype(view.m_items.size()) - channel.firstItem;
            channel.payloadBytes = payload;
        }
        return view;
    }

private:
    static std::optional<Error> checkOffset(const std::vector<detail::RawRecord> &raw, size_t i,
                                            qint64 dataSize)
    {
        const detail::RawRecord &record = raw[i];
        if (i == 0 && record.dataOffset != 0) {
            return makeError(ErrorCode::FirstOffsetNotZero, record.recordOffset,
                             tr("the first channel's items start at data offset %1, not 0")
                                 .arg(record.dataOffset));
        }
        if (record.dataOffset > quint64(dataSize)) {
            return makeError(ErrorCode::OffsetOutOfRange, record.recordOffset,
                             tr("channel %1 starts at data offset %2, past the data size %3")
                                 .arg(i)
                                 .arg(record.dataOffset)
                                 .arg(dataSize));
        }
        if (i > 0 && record.dataOffset < raw[i - 1].dataOffset) {
            return makeError(ErrorCode::OffsetDecreasing, record.recordOffset,
                             tr("channel %1 starts at data offset %2, before the previous "
                                "channel's %3")
                                 .arg(i)
                                 .arg(record.dataOffset)
                                 .arg(raw[i - 1].dataOffset));
        }
        return std::nullopt;
    }
};

Result<FrameView> FrameView::index(const QByteArray &bytes, std::optional<Layout> layout)
{
    return ViewBuilder::build(bytes, layout);
}

qsizetype FrameView::channelIndex(QStringView id) const
{
    for (size_t i = 0; i < m_channels.size(); ++i) {
        if (m_channels[i].id == id)
            return qsizetype(i);
    }
    return -1;
}

Frame FrameView::toFrame() const
{
    Frame frame;
    frame.startAt = m_header.startAt;
    frame.endAt = m_header.endAt;
    frame.channels.reserve(channelCount());
    for (const ChannelRecord &record : m_channels) {
        Channel channel;
        channel.id = record.id;
        channel.type = record.type;
        channel.items.reserve(record.itemCount);
        for (qsizetype i = 0; i < record.itemCount; ++i) {
            const ItemRef &ref = m_items[size_t(record.firstItem + i)];
            channel.items.append(
                Item {ref.timestamp, QByteArray(m_bytes.constData() + ref.offset, ref.size)});
        }
        frame.channels.append(std::move(channel));
    }
    return frame;
}

} // namespace TimeFrame
