// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builds TimeFrame bytes field by field for the codec tests, straight from the format's
// description (big-endian integers, header, metadata records, items), without the encoder,
// so that a test can write any field with any value, including the wrong ones.

#include "format/timeframe.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtTest/QTest>

#include <cstring>

namespace FrameBytes {

// Appends big-endian integers and raw bytes.
class ByteWriter
{
public:
    ByteWriter &u16(quint16 v) { return be(v, 2); }
    ByteWriter &u32(quint32 v) { return be(v, 4); }
    ByteWriter &u64(quint64 v) { return be(v, 8); }
    ByteWriter &i64(qint64 v) { return be(quint64(v), 8); }
    ByteWriter &raw(QByteArrayView bytes)
    {
        m_bytes.append(bytes);
        return *this;
    }
    ByteWriter &text(const char *utf8)
    {
        return raw(QByteArrayView(utf8, qsizetype(std::strlen(utf8))));
    }

    const QByteArray &bytes() const { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }

private:
    ByteWriter &be(quint64 v, int width)
    {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
            m_bytes.append(char((v >> shift) & 0xFF));
        return *this;
    }

    QByteArray m_bytes;
};

inline QByteArray header(quint16 version, quint32 metadataSize, quint64 dataSize, qint64 startAt,
                         qint64 endAt)
{
    return ByteWriter()
        .u16(version)
        .u32(metadataSize)
        .u64(dataSize)
        .i64(startAt)
        .i64(endAt)
        .bytes();
}

// A metadata record with its string sizes taken from the strings.
inline QByteArray record(TimeFrame::Layout layout, quint64 offset, QByteArrayView id,
                         QByteArrayView type)
{
    ByteWriter w;
    w.u64(offset);
    if (layout == TimeFrame::Layout::Documented)
        w.u32(quint32(type.size())).u32(quint32(id.size())).raw(type).raw(id);
    else
        w.u32(quint32(id.size())).u32(quint32(type.size())).raw(id).raw(type);
    return w.bytes();
}

// A metadata record whose two string sizes are given apart from the strings (in wire order).
inline QByteArray rawRecord(quint64 offset, quint32 firstSize, quint32 secondSize,
                            QByteArrayView strings)
{
    return ByteWriter().u64(offset).u32(firstSize).u32(secondSize).raw(strings).bytes();
}

inline QByteArray item(qint64 timestamp, QByteArrayView data)
{
    return ByteWriter().i64(timestamp).u64(quint64(data.size())).raw(data).bytes();
}

// A whole frame whose header sizes match the sections given.
inline QByteArray frame(const QByteArray &metadata, const QByteArray &data, qint64 startAt = 1000,
                        qint64 endAt = 2000, quint16 version = TimeFrame::kVersion)
{
    return header(version, quint32(metadata.size()), quint64(data.size()), startAt, endAt)
        + metadata + data;
}

// The error message of a failed result, empty for a value: for QVERIFY2's description, which is
// evaluated whether or not the check fails.
template<typename R> QByteArray whyNot(const R &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

} // namespace FrameBytes

// Compares error codes by name so that a failure prints both.
#define COMPARE_CODE(actual, expected)                                                             \
    QCOMPARE(QLatin1StringView(TimeFrame::errorCodeName(actual)),                                  \
             QLatin1StringView(TimeFrame::errorCodeName(expected)))
