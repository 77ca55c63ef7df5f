// SPDX-License-Identifier: GPL-3.0-or-later
#include "salvage.h"

#include "bytes_p.h"

#include <QSet>

#include <algorithm>

namespace TimeFrame {

using detail::readBig;

Salvaged salvage(QByteArrayView bytes, Layout layout)
{
    Salvaged result;
    const qint64 size = bytes.size();
    if (size < kHeaderSize)
        return result;
    const char *p = bytes.data();
    result.headerRead = true;
    Frame &frame = result.frame;
    const quint32 metadataSize = readBig<quint32>(p + 2);
    const quint64 dataSize = readBig<quint64>(p + 6);
    frame.startAt = readBig<qint64>(p + 14);
    frame.endAt = std::max(frame.startAt, readBig<qint64>(p + 22));

    // The records that lie whole inside both the metadata section and the bytes.
    struct Record
    {
        quint64 offset;
        QString id;
        QString type;
    };
    QList<Record> records;
    const qint64 metadataEnd = std::min<qint64>(kHeaderSize + qint64(metadataSize), size);
    qint64 pos = kHeaderSize;
    while (metadataEnd - pos >= kRecordFixedSize) {
        const quint64 offset = readBig<quint64>(p + pos);
        const quint64 firstSize = readBig<quint32>(p + pos + 8);
        const quint64 secondSize = readBig<quint32>(p + pos + 12);
        const qint64 strings = pos + kRecordFixedSize;
        if (quint64(metadataEnd - strings) < firstSize + secondSize)
            break;
        const QString first = QString::fromUtf8(p + strings, qsizetype(firstSize));
        const QString second =
            QString::fromUtf8(p + strings + qint64(firstSize), qsizetype(secondSize));
        // Documented: type, id; reference: id, type.
        if (layout == Layout::Documented)
            records.append({offset, second, first});
        else
            records.append({offset, first, second});
        pos = strings + qint64(firstSize + secondSize);
    }

    // Each channel's items, from its offset to the next channel's (or the data's end).
    const qint64 dataStart = kHeaderSize + qint64(metadataSize);
    const qint64 dataEnd = dataStart > size
        ? dataStart
        : dataStart + qint64(std::min<quint64>(dataSize, quint64(size - dataStart)));
    QSet<QString> ids;
    for (qsizetype r = 0; r < records.size(); ++r) {
        const Record &record = records[r];
        const quint64 next = r + 1 < records.size() ? records[r + 1].offset : dataSize;
        if (record.offset > next || record.offset > dataSize || record.id.isEmpty()
            || record.type.isEmpty() || ids.contains(record.id))
            continue;
        ids.insert(record.id);
        Channel channel;
        channel.id = record.id;
        channel.type = record.type;
        qint64 at = dataStart + qint64(record.offset);
        const qint64 end = std::min(dataStart + qint64(next), dataEnd);
        while (end - at >= kItemFixedSize) {
            const qint64 timestamp = readBig<qint64>(p + at);
            const quint64 itemSize = readBig<quint64>(p + at + 8);
            if (quint64(end - at - kItemFixedSize) < itemSize || timestamp < frame.startAt
                || timestamp >= std::max(frame.endAt, frame.startAt + 1))
                break;
            channel.items.append(
                Item {timestamp, QByteArray(p + at + kItemFixedSize, qsizetype(itemSize))});
            at += kItemFixedSize + qint64(itemSize);
        }
        result.itemsRead += channel.items.size();
        frame.channels.append(std::move(channel));
    }
    return result;
}

} // namespace TimeFrame
