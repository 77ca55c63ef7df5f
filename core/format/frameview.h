// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeframe.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace TimeFrame {

// A checked index over an encoded frame held in a QByteArray (implicitly shared, never copied):
// the header, the channel records and the position of every item. Payloads stay where they are.
// Indexing applies every check decode() applies, so a view is always of a valid frame.
class FrameView
{
public:
    struct ChannelRecord
    {
        QString id;
        QString type;
        qint64 dataBegin = 0; // offsets inside the data section
        qint64 dataEnd = 0;
        qsizetype firstItem = 0; // index into the item table
        qsizetype itemCount = 0;
        qint64 payloadBytes = 0; // sum of the items' record data sizes
    };

    struct ItemRef
    {
        qint64 timestamp = 0;
        qint64 offset = 0; // of the record data, from the start of the frame
        qint64 size = 0;
    };

    FrameView() = default;

    // With no layout given, the layout is guessed (see guessLayout()).
    static Result<FrameView> index(const QByteArray &bytes,
                                   std::optional<Layout> layout = Layout::Documented);

    const QByteArray &bytes() const { return m_bytes; }
    const Header &header() const { return m_header; }
    Layout layout() const { return m_layout; }
    qint64 startAt() const { return m_header.startAt; }
    qint64 endAt() const { return m_header.endAt; }

    qsizetype channelCount() const { return qsizetype(m_channels.size()); }
    const ChannelRecord &channel(qsizetype i) const { return m_channels[size_t(i)]; }
    qsizetype channelIndex(QStringView id) const; // -1 where there is no such channel

    qsizetype itemCount() const { return qsizetype(m_items.size()); } // over all channels
    qsizetype itemCount(qsizetype channelIndex) const { return channel(channelIndex).itemCount; }
    const ItemRef &item(qsizetype channelIndex, qsizetype i) const
    {
        return m_items[size_t(channel(channelIndex).firstItem + i)];
    }
    QByteArrayView itemData(qsizetype channelIndex, qsizetype i) const
    {
        const ItemRef &ref = item(channelIndex, i);
        return QByteArrayView(m_bytes.constData() + ref.offset, ref.size);
    }

    // Copies the payloads out into value types.
    Frame toFrame() const;

private:
    friend class ViewBuilder;

    QByteArray m_bytes;
    Header m_header;
    Layout m_layout = Layout::Documented;
    std::vector<ChannelRecord> m_channels;
    std::vector<ItemRef> m_items;
};

} // namespace TimeFrame
