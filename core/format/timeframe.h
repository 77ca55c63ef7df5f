// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class QIODevice;

// The TimeFrame format, version 1: value types, reader and writer (see docs/FORMAT.md).
namespace TimeFrame {

inline constexpr quint16 kVersion = 1;
inline constexpr qsizetype kHeaderSize = 30;
inline constexpr qsizetype kRecordFixedSize = 16; // offset u64 + two u32 string sizes
inline constexpr qsizetype kItemFixedSize = 16; // timestamp i64 + data size u64
// The largest frame a reader accepts from a device or file; a header that claims more is
// refused before anything is allocated.
inline constexpr qint64 kMaxFrameBytes = qint64(4) << 30;

// Order of the two string sizes and strings inside a metadata record.
enum class Layout {
    Documented, // type size, id size, type, id (the format's documentation; the default)
    Reference, // id size, type size, id, type (the original Go encoder and JavaScript player)
};

QString layoutName(Layout layout); // "documented" / "reference"
std::optional<Layout> layoutFromName(QStringView name); // nullopt for anything else

struct Item
{
    qint64 timestamp = 0; // UNIX ms
    QByteArray data; // the record's raw bytes

    friend bool operator==(const Item &, const Item &) = default;
};

struct Channel
{
    QString id;
    QString type; // a MIME type, the Content-Type of the channel's events
    QList<Item> items;

    friend bool operator==(const Channel &, const Channel &) = default;
};

struct Frame
{
    qint64 startAt = 0; // UNIX ms
    qint64 endAt = 0; // UNIX ms
    QList<Channel> channels;

    friend bool operator==(const Frame &, const Frame &) = default;
};

// The fixed header, as read from the first kHeaderSize bytes.
struct Header
{
    quint16 version = kVersion;
    quint32 metadataSize = 0;
    quint64 dataSize = 0;
    qint64 startAt = 0;
    qint64 endAt = 0;

    qint64 totalSize() const { return kHeaderSize + qint64(metadataSize) + qint64(dataSize); }
};

// What the layout guess concluded and why; shown to the user on import.
struct LayoutGuess
{
    Layout layout = Layout::Documented;
    bool certain = false; // false: no record told the layouts apart, the default was taken
    QString reason; // translated, one sentence
};

// Parses and checks the header against the number of bytes the whole frame has (fileSize),
// without looking at the sections. Used to index archives from headers alone.
Result<Header> parseHeader(QByteArrayView bytes, qint64 fileSize);

// Guesses the layout from which string of each metadata record looks like a MIME type.
// Fails only where the bytes are not a structurally valid frame.
Result<LayoutGuess> guessLayout(QByteArrayView bytes);

// Decodes a whole frame. With no layout given, the layout is guessed (see guessLayout).
Result<Frame> decode(QByteArrayView bytes, std::optional<Layout> layout = Layout::Documented);

// Reads exactly one frame from the device: the header first, then only as many bytes as it
// declares (checked against the device's size where it has one, and against kMaxFrameBytes).
Result<QByteArray> readFrameBytes(QIODevice *device);
Result<Frame> read(QIODevice *device, std::optional<Layout> layout = Layout::Documented);
Result<Frame> readFile(const QString &fileName, std::optional<Layout> layout = Layout::Documented);
// The bytes of a file holding exactly one frame (header and size checked, sections not).
Result<QByteArray> readFileBytes(const QString &fileName);

// Checks what the writer needs: endAt >= startAt, non-empty unique channel ids, non-empty types.
Status validate(const Frame &frame);

// The one encoder of the format: writes a frame into a buffer of its exact size, the header
// and every channel record first, then each channel's items in channel order. encode() writes
// through it, and so does the engine, whose open frame keeps its items in their encoded form
// (appendItem) and hands them over whole (writeEncodedItems).
class Writer
{
public:
    struct ChannelRecord
    {
        QByteArray id; // UTF-8
        QByteArray type; // UTF-8
        qint64 dataBytes = 0; // the channel's encoded items (itemSize() each)
    };

    static constexpr qint64 itemSize(qint64 dataSize) { return kItemFixedSize + dataSize; }
    // Appends one item in its encoded form to out (a buffer the caller reserved).
    static void appendItem(QByteArray *out, qint64 timestamp, QByteArrayView data);

    // Lays out the frame and writes the header and channel records. Fails with InvalidFrame
    // where endAt < startAt, an id or type is empty, or the records do not fit the metadata
    // section (4 GiB); nothing is allocated then.
    Status begin(qint64 startAt, qint64 endAt, const QList<ChannelRecord> &channels,
                 Layout layout = Layout::Documented);
    void writeItem(qint64 timestamp, QByteArrayView data);
    // Items already in their encoded form, as appendItem() writes them.
    void writeEncodedItems(QByteArrayView items);
    // The frame, once every declared data byte is written; the array's capacity is its size.
    QByteArray finish();

private:
    QByteArray m_out;
    char *m_p = nullptr;
};

// Encodes a frame; fails with InvalidFrame where validate() does.
Result<QByteArray> encode(const Frame &frame, Layout layout = Layout::Documented);
Status write(QIODevice *device, const Frame &frame, Layout layout = Layout::Documented);
// Writes atomically through QSaveFile: the file is either the whole new frame or untouched.
Status writeFile(const QString &fileName, const Frame &frame, Layout layout = Layout::Documented);
Status writeFileBytes(const QString &fileName, QByteArrayView bytes);

// The same frame in another layout: header and data section as they were, each channel
// record written with its strings in the order of `to`. `bytes` must decode in `from`.
Result<QByteArray> relayout(const QByteArray &bytes, Layout from, Layout to);

} // namespace TimeFrame
