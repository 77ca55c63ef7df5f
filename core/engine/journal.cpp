// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal.h"

#include "crc32c.h"
#include "framebuilder.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

constexpr char kMagic[8] = {'S', 'S', 'J', 'R', 'N', 'L', '0', '1'};
constexpr quint8 kChannelEntry = 1;
constexpr quint8 kItemEntry = 2;

// A bounds-checked big-endian reader over one record's payload.
class Reader
{
public:
    Reader(const char *p, qint64 size)
        : m_p(p)
        , m_end(p + size)
    { }
    bool atEnd() const { return m_p == m_end; }
    template<typename T> bool get(T *value)
    {
        if (m_end - m_p < qint64(sizeof(T)))
            return false;
        *value = qFromBigEndian<T>(m_p);
        m_p += sizeof(T);
        return true;
    }
    bool bytes(quint64 size, QByteArrayView *out)
    {
        if (quint64(m_end - m_p) < size)
            return false;
        *out = QByteArrayView(m_p, qsizetype(size));
        m_p += size;
        return true;
    }

private:
    const char *m_p;
    const char *m_end;
};

// Applies one record to the builder; false where its payload does not parse, in which case the
// builder must be rebuilt without it (the caller stops before applying on a dry run).
bool applyRecord(const char *payload, qint64 size, FrameBuilder *builder, bool dryRun,
                 qsizetype channelsBefore)
{
    Reader r(payload, size);
    qsizetype channels = channelsBefore;
    while (!r.atEnd()) {
        quint8 tag = 0;
        if (!r.get(&tag))
            return false;
        if (tag == kChannelEntry) {
            quint32 index = 0, idSize = 0, typeSize = 0;
            QByteArrayView id, type;
            if (!r.get(&index) || index != quint32(channels) || !r.get(&idSize)
                || !r.bytes(idSize, &id) || !r.get(&typeSize) || !r.bytes(typeSize, &type)
                || id.isEmpty() || type.isEmpty()) {
                return false;
            }
            if (!dryRun)
                builder->addChannel(QString::fromUtf8(id), QString::fromUtf8(type));
            ++channels;
        } else if (tag == kItemEntry) {
            quint32 channel = 0;
            qint64 timestamp = 0;
            quint64 dataSize = 0;
            QByteArrayView data;
            if (!r.get(&channel) || channel >= quint32(channels) || !r.get(&timestamp)
                || !builder->contains(timestamp) || !r.get(&dataSize)
                || !r.bytes(dataSize, &data)) {
                return false;
            }
            if (!dryRun)
                builder->addItem(channel, timestamp, data);
        } else {
            return false;
        }
    }
    return true;
}

// One channel entry of a record: tag, channel index, id size, id, type size, type.
char *writeChannelEntry(char *p, quint32 index, const QByteArray &id, const QByteArray &type)
{
    *p++ = char(kChannelEntry);
    qToBigEndian<quint32>(index, p);
    qToBigEndian<quint32>(quint32(id.size()), p + 4);
    p += 8;
    std::memcpy(p, id.constData(), size_t(id.size()));
    p += id.size();
    qToBigEndian<quint32>(quint32(type.size()), p);
    p += 4;
    std::memcpy(p, type.constData(), size_t(type.size()));
    return p + type.size();
}

// Whether a record (or the end of what was written) starts at pos: the end of the file, reserved
// space (zeros), or a record header whose payload lies inside the file and passes its checksum.
bool recordStartsAt(const char *bytes, qint64 size, qint64 pos)
{
    if (pos == size)
        return true;
    if (size - pos < Journal::kRecordHeaderSize)
        return std::all_of(bytes + pos, bytes + size, [](char c) { return c == 0; });
    const quint64 payloadSize = qFromBigEndian<quint64>(bytes + pos);
    if (payloadSize == 0)
        return true;
    if (payloadSize > quint64(size - pos - Journal::kRecordHeaderSize))
        return false;
    const quint32 crc = qFromBigEndian<quint32>(bytes + pos + 8);
    return crc32c(QByteArrayView(bytes + pos + Journal::kRecordHeaderSize, qsizetype(payloadSize)))
        == crc;
}

} // namespace

namespace Journal {

QByteArray encodeHeader(qint64 startAt, qint64 endAt)
{
    QByteArray header(kHeaderSize, Qt::Uninitialized);
    char *p = header.data();
    std::memcpy(p, kMagic, 8);
    qToBigEndian<qint64>(startAt, p + 8);
    qToBigEndian<qint64>(endAt, p + 16);
    qToBigEndian<quint32>(crc32c(QByteArrayView(p, 24)), p + 24);
    return header;
}

QByteArray encodeRecord(const IngestPlan &plan, const QList<Event> &events,
                        qsizetype firstNewChannel)
{
    QList<QByteArray> channelIds, channelTypes;
    qint64 size = kRecordHeaderSize;
    for (const IngestPlan::NewChannel &channel : plan.newChannels) {
        channelIds.append(channel.id.toUtf8());
        channelTypes.append(channel.type.toUtf8());
        size += 1 + 12 + channelIds.last().size() + channelTypes.last().size();
    }
    for (const Event &event : events)
        size += 1 + 4 + 8 + 8 + event.data.size();

    QByteArray record(size, Qt::Uninitialized);
    char *p = record.data() + kRecordHeaderSize;
    for (qsizetype i = 0; i < channelIds.size(); ++i)
        p = writeChannelEntry(p, quint32(firstNewChannel + i), channelIds[i], channelTypes[i]);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const IngestPlan::Placement &placement = plan.placements[size_t(i)];
        const QByteArray &data = events[i].data;
        *p++ = char(kItemEntry);
        qToBigEndian<quint32>(quint32(placement.channel), p);
        qToBigEndian<qint64>(placement.timestamp, p + 4);
        qToBigEndian<quint64>(quint64(data.size()), p + 12);
        p += 20;
        if (!data.isEmpty())
            std::memcpy(p, data.constData(), size_t(data.size()));
        p += data.size();
    }
    Q_ASSERT(p == record.constData() + record.size());

    char *header = record.data();
    const QByteArrayView payload(header + kRecordHeaderSize, size - kRecordHeaderSize);
    qToBigEndian<quint64>(quint64(payload.size()), header);
    qToBigEndian<quint32>(crc32c(payload), header + 8);
    return record;
}

QByteArray encodeSnapshot(const FrameBuilder &builder)
{
    qint64 size = kRecordHeaderSize;
    QList<QByteArray> ids, types;
    for (qsizetype c = 0; c < builder.channelCount(); ++c) {
        const FrameBuilder::Channel &channel = builder.channel(c);
        ids.append(channel.id.toUtf8());
        types.append(channel.type.toUtf8());
        // Each item: the tag and channel index in front of the encoded item.
        size += 1 + 12 + ids.last().size() + types.last().size() + channel.dataBytes
            + channel.items * 5;
    }
    QByteArray record(size, Qt::Uninitialized);
    char *p = record.data() + kRecordHeaderSize;
    for (qsizetype c = 0; c < builder.channelCount(); ++c)
        p = writeChannelEntry(p, quint32(c), ids[c], types[c]);
    for (qsizetype c = 0; c < builder.channelCount(); ++c) {
        for (const QByteArray &chunk : builder.channel(c).chunks) {
            // A chunk holds whole encoded items: timestamp i64, size u64, data.
            qsizetype pos = 0;
            while (pos < chunk.size()) {
                const quint64 dataSize = qFromBigEndian<quint64>(chunk.constData() + pos + 8);
                const qsizetype itemSize = TimeFrame::kItemFixedSize + qsizetype(dataSize);
                *p++ = char(kItemEntry);
                qToBigEndian<quint32>(quint32(c), p);
                p += 4;
                std::memcpy(p, chunk.constData() + pos, size_t(itemSize));
                p += itemSize;
                pos += itemSize;
            }
        }
    }
    Q_ASSERT(p == record.constData() + record.size());
    char *header = record.data();
    const QByteArrayView payload(header + kRecordHeaderSize, size - kRecordHeaderSize);
    qToBigEndian<quint64>(quint64(payload.size()), header);
    qToBigEndian<quint32>(crc32c(payload), header + 8);
    return record;
}

Replay replay(const QString &fileName, std::unique_ptr<FrameBuilder> *builder)
{
    Replay result;
    builder->reset();
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
        return result;
    }
    const qint64 fileSize = file.size();
    // Mapped where possible: a journal may be as large as a frame.
    QByteArray readBytes;
    const char *bytes = nullptr;
    if (fileSize > 0) {
        if (uchar *mapped = file.map(0, fileSize)) {
            bytes = reinterpret_cast<const char *>(mapped);
        } else {
            readBytes = file.readAll();
            bytes = readBytes.constData();
        }
    }
    const qint64 size = bytes ? fileSize : 0;

    if (size < kHeaderSize || std::memcmp(bytes, kMagic, 8) != 0
        || qFromBigEndian<quint32>(bytes + 24) != crc32c(QByteArrayView(bytes, 24))) {
        result.droppedBytes = size;
        return result;
    }
    result.headerValid = true;
    result.startAt = qFromBigEndian<qint64>(bytes + 8);
    result.endAt = qFromBigEndian<qint64>(bytes + 16);
    if (result.endAt <= result.startAt) {
        result.headerValid = false;
        result.droppedBytes = size;
        return result;
    }
    *builder = std::make_unique<FrameBuilder>(result.startAt, result.endAt);

    qint64 pos = kHeaderSize;
    while (size - pos >= kRecordHeaderSize) {
        const quint64 payloadSize = qFromBigEndian<quint64>(bytes + pos);
        const quint32 crc = qFromBigEndian<quint32>(bytes + pos + 8);
        if (payloadSize == 0)
            break; // every record holds at least one entry: this is reserved space
        if (payloadSize > quint64(size - pos - kRecordHeaderSize))
            break; // torn: the record was not written whole
        const char *payload = bytes + pos + kRecordHeaderSize;
        const qint64 next = pos + kRecordHeaderSize + qint64(payloadSize);
        // Check the whole record before applying any of it: a batch is all or nothing.
        const qsizetype channels = (*builder)->channelCount();
        const bool good = crc32c(QByteArrayView(payload, qsizetype(payloadSize))) == crc
            && applyRecord(payload, qint64(payloadSize), builder->get(), true, channels);
        if (!good) {
            // A damaged record is skipped, not the rest of the journal, where its size can be
            // trusted: it leads to the end of the data or to a record that checks out.
            if (!recordStartsAt(bytes, size, next))
                break;
            ++result.skippedRecords;
            pos = next;
            continue;
        }
        applyRecord(payload, qint64(payloadSize), builder->get(), false, channels);
        pos = next;
        ++result.records;
    }
    result.goodSize = pos;
    // Space the writer reserved but never filled reads as zeros: not damage.
    const bool reservedTail = std::all_of(bytes + pos, bytes + size, [](char c) { return c == 0; });
    result.droppedBytes = reservedTail ? 0 : size - pos;
    return result;
}

} // namespace Journal

} // namespace Engine
