// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Server {

enum class InflateError {
    Malformed, // not gzip, or cut short
    TooLarge, // inflates to more than the limit
};

// Inflates a `Content-Encoding: gzip` body (one or more gzip members, RFC 1952) through zlib.
// Stops as soon as the output would pass maxBytes, so a small body that inflates to gigabytes
// costs at most maxBytes of memory.
[[nodiscard]] std::optional<InflateError> inflateGzip(QByteArrayView compressed, qint64 maxBytes,
                                                      QByteArray *out);

} // namespace Server
