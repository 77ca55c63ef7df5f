// SPDX-License-Identifier: GPL-3.0-or-later
#include "gzipbody.h"

#include <zlib.h>

#include <algorithm>

namespace Server {

std::optional<InflateError> inflateGzip(QByteArrayView compressed, qint64 maxBytes, QByteArray *out)
{
    out->clear();
    z_stream stream {};
    // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream, nothing else.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return InflateError::Malformed;
    struct End
    {
        z_stream *s;
        ~End() { inflateEnd(s); }
    } end {&stream};

    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = uInt(compressed.size()); // bodies are far below 4 GiB (maxBody)
    // Start from a guess (deflate rarely passes 1:10 on text), grow by doubling up to the limit
    // and one byte more, which tells "exactly the limit" from "beyond it".
    qint64 capacity =
        std::min<qint64>(maxBytes + 1, std::max<qint64>(64 * 1024, compressed.size() * 8));
    out->resize(capacity);
    qint64 written = 0;
    for (;;) {
        if (written == capacity) {
            if (capacity > maxBytes)
                return InflateError::TooLarge;
            capacity = std::min<qint64>(maxBytes + 1, capacity * 2);
            out->resize(capacity);
        }
        stream.next_out = reinterpret_cast<Bytef *>(out->data() + written);
        stream.avail_out = uInt(capacity - written);
        const int rc = inflate(&stream, Z_NO_FLUSH);
        written = capacity - stream.avail_out;
        if (written > maxBytes)
            return InflateError::TooLarge;
        if (rc == Z_STREAM_END) {
            if (stream.avail_in == 0)
                break;
            // Another gzip member follows (concatenated files are one gzip stream).
            if (inflateReset(&stream) != Z_OK)
                return InflateError::Malformed;
            continue;
        }
        if (rc == Z_BUF_ERROR && stream.avail_out > 0)
            return InflateError::Malformed; // the input ended inside the stream
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return InflateError::Malformed;
    }
    out->resize(written);
    return std::nullopt;
}

} // namespace Server
