// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtEndian>
#include <QtGlobal>

#include <cstring>

// Big-endian reads and writes on raw bytes: explicit byte order, never a struct cast.
namespace TimeFrame::detail {

template<typename T> inline T readBig(const char *p)
{
    T value;
    std::memcpy(&value, p, sizeof(T));
    return qFromBigEndian(value);
}

template<typename T> inline char *writeBig(char *p, T value)
{
    value = qToBigEndian(value);
    std::memcpy(p, &value, sizeof(T));
    return p + sizeof(T);
}

// type "/" subtype with RFC 6838 restricted names, optionally followed by ";" parameters.
bool looksLikeMimeType(const char *data, qsizetype size);

} // namespace TimeFrame::detail
