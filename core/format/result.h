// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>
#include <variant>

namespace TimeFrame {

// Why decoding or encoding failed. Each malformed input maps to exactly one code.
enum class ErrorCode {
    HeaderTruncated, // fewer than 30 bytes: the file ends inside a header field
    UnsupportedVersion, // version is not 1
    SizeOverflow, // metadata + data size cannot be the size of any frame (near 2^64)
    SectionTruncated, // the file ends before the metadata and data sections it declares
    TrailingBytes, // bytes after the data section
    InvalidTimeRange, // endAt < startAt
    RecordTruncated, // the metadata section ends inside a record's fixed fields
    StringOutOfBounds, // a record's string sizes pass the end of the metadata section
    EmptyChannelId, // a channel id of zero bytes
    EmptyChannelType, // a channel type of zero bytes
    InvalidUtf8, // a channel id or type that is not UTF-8
    DuplicateChannel, // two records with the same channel id
    FirstOffsetNotZero, // the first channel's items do not start at data offset 0
    OffsetDecreasing, // a channel's offset is below the previous one
    OffsetOutOfRange, // a channel's offset is past the data size
    DataWithoutChannels, // data bytes but no channel record to own them
    ItemTruncated, // a channel's bytes end inside an item's timestamp or size
    ItemOverrun, // an item's record data passes the end of its channel
    FrameTooLarge, // more than kMaxFrameBytes
    InvalidFrame, // the writer was given a frame it cannot encode
    InvalidJson, // the JSON form of a frame is malformed
    ReadFailed, // the device or file could not be read
    WriteFailed, // the device or file could not be written
};

const char *errorCodeName(ErrorCode code); // "HeaderTruncated", ... for logs and tests

struct Error
{
    ErrorCode code = ErrorCode::ReadFailed;
    qint64 offset = -1; // byte offset where decoding failed, -1 where no byte is concerned
    QString message; // translated, names the field and the sizes involved
};

// An expected-style result: a value or an Error, never an exception.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_data(std::in_place_index<0>, value)
    { }
    Result(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// A result without a value.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace TimeFrame
