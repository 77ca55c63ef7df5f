// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeframe.h"

#include "bytes_p.h"
#include "frameview.h"
#include "parser_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QSet>

#include <limits>

using namespace Qt::StringLiterals;

namespace TimeFrame {

using detail::readBig;
using detail::writeBig;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimeFrame", text);
}

// How much a sequential device is read ahead of what has arrived: a header that claims more
// costs nothing until the bytes are really there.
constexpr qint64 kReadChunk = qint64(1) << 20;

// Reads up to size bytes into out, waiting on sequential devices; returns bytes read or -1.
qint64 readUpTo(QIODevice *device, char *out, qint64 size)
{
    qint64 got = 0;
    while (got < size) {
        const qint64 n = device->read(out + got, size - got);
        if (n < 0)
            return -1;
        if (n == 0) {
            if (!device->isSequential() || !device->waitForReadyRead(30000))
                break;
        }
        got += n;
    }
    return got;
}

Error readFailed(const QString &what, const QString &why)
{
    return Error {ErrorCode::ReadFailed, -1, tr("cannot read %1: %2").arg(what, why)};
}

Error writeFailed(const QString &what, const QString &why)
{
    return Error {ErrorCode::WriteFailed, -1, tr("cannot write %1: %2").arg(what, why)};
}

// What validate() and Writer::begin() both refuse.
std::optional<Error> timeRangeError(qint64 startAt, qint64 endAt)
{
    if (endAt >= startAt)
        return std::nullopt;
    return Error {ErrorCode::InvalidFrame, -1,
                  tr("the frame ends (%1) before it starts (%2)").arg(endAt).arg(startAt)};
}

std::optional<Error> channelError(qsizetype index, const QString &id, bool typeEmpty)
{
    if (id.isEmpty())
        return Error {ErrorCode::InvalidFrame, -1, tr("channel %1 has an empty id").arg(index)};
    if (typeEmpty)
        return Error {ErrorCode::InvalidFrame, -1, tr("channel \"%1\" has an empty type").arg(id)};
    return std::nullopt;
}

} // namespace

QString layoutName(Layout layout)
{
    return layout == Layout::Reference ? u"reference"_s : u"documented"_s;
}

std::optional<Layout> layoutFromName(QStringView name)
{
    if (name == u"documented")
        return Layout::Documented;
    if (name == u"reference")
        return Layout::Reference;
    return std::nullopt;
}

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::HeaderTruncated:
        return "HeaderTruncated";
    case ErrorCode::UnsupportedVersion:
        return "UnsupportedVersion";
    case ErrorCode::SizeOverflow:
        return "SizeOverflow";
    case ErrorCode::SectionTruncated:
        return "SectionTruncated";
    case ErrorCode::TrailingBytes:
        return "TrailingBytes";
    case ErrorCode::InvalidTimeRange:
        return "InvalidTimeRange";
    case ErrorCode::RecordTruncated:
        return "RecordTruncated";
    case ErrorCode::StringOutOfBounds:
        return "StringOutOfBounds";
    case ErrorCode::EmptyChannelId:
        return "EmptyChannelId";
    case ErrorCode::EmptyChannelType:
        return "EmptyChannelType";
    case ErrorCode::InvalidUtf8:
        return "InvalidUtf8";
    case ErrorCode::DuplicateChannel:
        return "DuplicateChannel";
    case ErrorCode::FirstOffsetNotZero:
        return "FirstOffsetNotZero";
    case ErrorCode::OffsetDecreasing:
        return "OffsetDecreasing";
    case ErrorCode::OffsetOutOfRange:
        return "OffsetOutOfRange";
    case ErrorCode::DataWithoutChannels:
        return "DataWithoutChannels";
    case ErrorCode::ItemTruncated:
        return "ItemTruncated";
    case ErrorCode::ItemOverrun:
        return "ItemOverrun";
    case ErrorCode::FrameTooLarge:
        return "FrameTooLarge";
    case ErrorCode::InvalidFrame:
        return "InvalidFrame";
    case ErrorCode::InvalidJson:
        return "InvalidJson";
    case ErrorCode::ReadFailed:
        return "ReadFailed";
    case ErrorCode::WriteFailed:
        return "WriteFailed";
    }
    return "Unknown";
}

Result<Header> parseHeader(QByteArrayView bytes, qint64 fileSize)
{
    Header header;
    if (bytes.size() < 2)
        return detail::headerTruncated(bytes.size());
    header.version = readBig<quint16>(bytes.data());
    if (header.version != kVersion) {
        return Error {ErrorCode::UnsupportedVersion, 0,
                      tr("TimeFrame version %1 is not supported (this build reads version %2)")
                          .arg(header.version)
                          .arg(kVersion)};
    }
    if (bytes.size() < kHeaderSize)
        return detail::headerTruncated(bytes.size());
    header.metadataSize = readBig<quint32>(bytes.data() + 2);
    header.dataSize = readBig<quint64>(bytes.data() + 6);
    header.startAt = readBig<qint64>(bytes.data() + 14);
    header.endAt = readBig<qint64>(bytes.data() + 22);

    constexpr quint64 maxData = quint64(std::numeric_limits<qint64>::max()) - kHeaderSize
        - std::numeric_limits<quint32>::max();
    if (header.dataSize > maxData) {
        return Error {ErrorCode::SizeOverflow, 6,
                      tr("the header declares a data size of %1 bytes, which no frame can have")
                          .arg(header.dataSize)};
    }
    if (header.endAt < header.startAt) {
        return Error {
            ErrorCode::InvalidTimeRange, 22,
            tr("the frame ends (%1) before it starts (%2)").arg(header.endAt).arg(header.startAt)};
    }
    if (fileSize >= 0 && header.totalSize() > fileSize) {
        return Error {ErrorCode::SectionTruncated, fileSize,
                      tr("the header declares %1 bytes of metadata and %2 of data, %3 in all, but "
                         "only %4 are present")
                          .arg(header.metadataSize)
                          .arg(header.dataSize)
                          .arg(header.totalSize())
                          .arg(fileSize)};
    }
    if (fileSize >= 0 && header.totalSize() < fileSize) {
        return Error {ErrorCode::TrailingBytes, header.totalSize(),
                      tr("%1 bytes follow the end of the frame at byte %2")
                          .arg(fileSize - header.totalSize())
                          .arg(header.totalSize())};
    }
    return header;
}

Result<LayoutGuess> guessLayout(QByteArrayView bytes)
{
    auto header = detail::checkHeader(bytes);
    if (!header)
        return header.error();
    auto records = detail::parseRecords(bytes, header.value());
    if (!records)
        return records.error();
    const LayoutGuess guess = detail::guessFromRecords(records.value(), bytes);
    // A guess is only made for a frame that decodes in the guessed layout, so that guessLayout()
    // and decode() refuse the same bytes with the same error.
    const QByteArray borrowed = QByteArray::fromRawData(bytes.data(), bytes.size());
    if (auto view = FrameView::index(borrowed, guess.layout); !view)
        return view.error();
    return guess;
}

Result<Frame> decode(QByteArrayView bytes, std::optional<Layout> layout)
{
    // The view only lives inside this call, so it may borrow the caller's bytes.
    const QByteArray borrowed = QByteArray::fromRawData(bytes.data(), bytes.size());
    auto view = FrameView::index(borrowed, layout);
    if (!view)
        return view.error();
    return view.value().toFrame();
}

Result<QByteArray> readFrameBytes(QIODevice *device)
{
    if (!device || !device->isReadable())
        return readFailed(tr("the frame"), tr("the device is not open for reading"));

    QByteArray bytes(kHeaderSize, Qt::Uninitialized);
    const qint64 headerRead = readUpTo(device, bytes.data(), kHeaderSize);
    if (headerRead < 0)
        return readFailed(tr("the frame"), device->errorString());
    bytes.truncate(headerRead);
    auto header = parseHeader(bytes, -1);
    if (!header)
        return header.error();

    const qint64 total = header.value().totalSize();
    if (total > kMaxFrameBytes) {
        return Error {ErrorCode::FrameTooLarge, 6,
                      tr("the header declares a frame of %1 bytes, more than the %2 this "
                         "reader accepts")
                          .arg(total)
                          .arg(kMaxFrameBytes)};
    }
    if (!device->isSequential()) {
        const qint64 present = kHeaderSize + device->size() - device->pos();
        if (present < total) {
            // Read what is there, so the error can name the field the end cuts.
            bytes.resize(present);
            const qint64 got = readUpTo(device, bytes.data() + kHeaderSize, present - kHeaderSize);
            bytes.truncate(kHeaderSize + qMax<qint64>(got, 0));
            return detail::checkHeader(bytes).error();
        }
        bytes.resize(total);
        const qint64 got = readUpTo(device, bytes.data() + kHeaderSize, total - kHeaderSize);
        if (got < 0)
            return readFailed(tr("the frame"), device->errorString());
        if (got < total - kHeaderSize) {
            bytes.truncate(kHeaderSize + got);
            return detail::checkHeader(bytes).error();
        }
        return bytes;
    }

    qint64 have = kHeaderSize;
    while (have < total) {
        const qint64 chunk = qMin(kReadChunk, total - have);
        bytes.resize(have + chunk);
        const qint64 got = readUpTo(device, bytes.data() + have, chunk);
        if (got < 0)
            return readFailed(tr("the frame"), device->errorString());
        have += got;
        if (got < chunk) {
            bytes.truncate(have);
            return detail::checkHeader(bytes).error();
        }
    }
    return bytes;
}

Result<Frame> read(QIODevice *device, std::optional<Layout> layout)
{
    auto bytes = readFrameBytes(device);
    if (!bytes)
        return bytes.error();
    return decode(bytes.value(), layout);
}

Result<QByteArray> readFileBytes(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return readFailed(fileName, file.errorString());
    auto bytes = readFrameBytes(&file);
    if (!bytes)
        return bytes.error();
    if (!file.atEnd()) {
        const qint64 total = bytes.value().size();
        return Error {ErrorCode::TrailingBytes, total,
                      tr("%1 bytes follow the end of the frame at byte %2")
                          .arg(file.size() - total)
                          .arg(total)};
    }
    return bytes;
}

Result<Frame> readFile(const QString &fileName, std::optional<Layout> layout)
{
    auto bytes = readFileBytes(fileName);
    if (!bytes)
        return bytes.error();
    return decode(bytes.value(), layout);
}

Status validate(const Frame &frame)
{
    if (auto error = timeRangeError(frame.startAt, frame.endAt))
        return *error;
    QSet<QString> seen;
    for (qsizetype i = 0; i < frame.channels.size(); ++i) {
        const Channel &channel = frame.channels[i];
        if (auto error = channelError(i, channel.id, channel.type.isEmpty()))
            return *error;
        if (seen.contains(channel.id)) {
            return Error {ErrorCode::InvalidFrame, -1,
                          tr("channel id \"%1\" appears twice").arg(channel.id)};
        }
        seen.insert(channel.id);
    }
    return {};
}

void Writer::appendItem(QByteArray *out, qint64 timestamp, QByteArrayView data)
{
    char fixed[kItemFixedSize];
    writeBig<quint64>(writeBig<qint64>(fixed, timestamp), quint64(data.size()));
    out->append(fixed, kItemFixedSize);
    out->append(data);
}

Status Writer::begin(qint64 startAt, qint64 endAt, const QList<ChannelRecord> &channels,
                     Layout layout)
{
    if (auto error = timeRangeError(startAt, endAt))
        return *error;
    qint64 metadataSize = 0;
    qint64 dataSize = 0;
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const ChannelRecord &channel = channels[i];
        if (channel.id.isEmpty() || channel.type.isEmpty())
            return *channelError(i, QString::fromUtf8(channel.id), channel.type.isEmpty());
        metadataSize += kRecordFixedSize + channel.id.size() + channel.type.size();
        dataSize += channel.dataBytes;
    }
    if (metadataSize > qint64(std::numeric_limits<quint32>::max())) {
        return Error {ErrorCode::InvalidFrame, -1,
                      tr("the channel records need %1 bytes, more than a frame's metadata can hold")
                          .arg(metadataSize)};
    }

    m_out = QByteArray(kHeaderSize + metadataSize + dataSize, Qt::Uninitialized);
    char *p = m_out.data();
    p = writeBig<quint16>(p, kVersion);
    p = writeBig<quint32>(p, quint32(metadataSize));
    p = writeBig<quint64>(p, quint64(dataSize));
    p = writeBig<qint64>(p, startAt);
    p = writeBig<qint64>(p, endAt);
    quint64 offset = 0;
    for (const ChannelRecord &channel : channels) {
        const bool documented = layout == Layout::Documented;
        const QByteArray &first = documented ? channel.type : channel.id;
        const QByteArray &second = documented ? channel.id : channel.type;
        p = writeBig<quint64>(p, offset);
        p = writeBig<quint32>(p, quint32(first.size()));
        p = writeBig<quint32>(p, quint32(second.size()));
        std::memcpy(p, first.constData(), size_t(first.size()));
        p += first.size();
        std::memcpy(p, second.constData(), size_t(second.size()));
        p += second.size();
        offset += quint64(channel.dataBytes);
    }
    m_p = p;
    return {};
}

void Writer::writeItem(qint64 timestamp, QByteArrayView data)
{
    Q_ASSERT(m_p + itemSize(data.size()) <= m_out.constData() + m_out.size());
    m_p = writeBig<quint64>(writeBig<qint64>(m_p, timestamp), quint64(data.size()));
    if (!data.isEmpty()) {
        std::memcpy(m_p, data.data(), size_t(data.size()));
        m_p += data.size();
    }
}

void Writer::writeEncodedItems(QByteArrayView items)
{
    Q_ASSERT(m_p + items.size() <= m_out.constData() + m_out.size());
    if (!items.isEmpty()) {
        std::memcpy(m_p, items.data(), size_t(items.size()));
        m_p += items.size();
    }
}

QByteArray Writer::finish()
{
    Q_ASSERT(m_p == m_out.constData() + m_out.size());
    m_p = nullptr;
    return std::move(m_out);
}

Result<QByteArray> encode(const Frame &frame, Layout layout)
{
    if (Status valid = validate(frame); !valid)
        return valid.error();
    QList<Writer::ChannelRecord> records;
    records.reserve(frame.channels.size());
    for (const Channel &channel : frame.channels) {
        qint64 dataBytes = 0;
        for (const Item &item : channel.items)
            dataBytes += Writer::itemSize(item.data.size());
        records.append({channel.id.toUtf8(), channel.type.toUtf8(), dataBytes});
    }
    Writer writer;
    if (Status begun = writer.begin(frame.startAt, frame.endAt, records, layout); !begun)
        return begun.error();
    for (const Channel &channel : frame.channels) {
        for (const Item &item : channel.items)
            writer.writeItem(item.timestamp, item.data);
    }
    return writer.finish();
}

Result<QByteArray> relayout(const QByteArray &bytes, Layout from, Layout to)
{
    Result<FrameView> view = FrameView::index(bytes, from);
    if (!view)
        return view.error();
    const FrameView &frame = view.value();
    if (from == to)
        return bytes;
    QList<Writer::ChannelRecord> records;
    records.reserve(frame.channelCount());
    for (qsizetype i = 0; i < frame.channelCount(); ++i) {
        const FrameView::ChannelRecord &channel = frame.channel(i);
        records.append(
            {channel.id.toUtf8(), channel.type.toUtf8(), channel.dataEnd - channel.dataBegin});
    }
    Writer writer;
    if (Status begun = writer.begin(frame.startAt(), frame.endAt(), records, to); !begun)
        return begun.error();
    const qint64 dataStart = kHeaderSize + qint64(frame.header().metadataSize);
    writer.writeEncodedItems(QByteArrayView(bytes).sliced(dataStart));
    return writer.finish();
}

Status write(QIODevice *device, const Frame &frame, Layout layout)
{
    if (!device || !device->isWritable())
        return writeFailed(tr("the frame"), tr("the device is not open for writing"));
    auto bytes = encode(frame, layout);
    if (!bytes)
        return bytes.error();
    if (device->write(bytes.value()) != bytes.value().size())
        return writeFailed(tr("the frame"), device->errorString());
    return {};
}

Status writeFileBytes(const QString &fileName, QByteArrayView bytes)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return writeFailed(fileName, file.errorString());
    // flush() here, not inside commit(): commit() does not report a failed flush of the last
    // buffered bytes (ENOSPC), and would rename a short file into place.
    if (file.write(bytes.data(), bytes.size()) != bytes.size() || !file.flush()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return writeFailed(fileName, why);
    }
    if (!file.commit())
        return writeFailed(fileName, file.errorString());
    return {};
}

Status writeFile(const QString &fileName, const Frame &frame, Layout layout)
{
    auto bytes = encode(frame, layout);
    if (!bytes)
        return bytes.error();
    return writeFileBytes(fileName, bytes.value());
}

} // namespace TimeFrame
