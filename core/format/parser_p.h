// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeframe.h"

#include <vector>

// The structural part of decoding, shared by FrameView, decode() and guessLayout().
namespace TimeFrame::detail {

struct RawString
{
    qint64 offset = 0; // from the start of the frame
    qint64 size = 0;
};

// A metadata record before the layout says which string is the id and which the type.
struct RawRecord
{
    qint64 recordOffset = 0;
    quint64 dataOffset = 0;
    RawString first;
    RawString second;
};

// The HeaderTruncated error for a frame of only `available` bytes, naming the cut field.
Error headerTruncated(qint64 available);

// Reads the header and checks it against the whole of bytes (which must be exactly one frame).
Result<Header> checkHeader(QByteArrayView bytes);

// Splits the metadata section into records; checks only that every field lies inside it.
Result<std::vector<RawRecord>> parseRecords(QByteArrayView bytes, const Header &header);

LayoutGuess guessFromRecords(const std::vector<RawRecord> &records, QByteArrayView bytes);

} // namespace TimeFrame::detail
