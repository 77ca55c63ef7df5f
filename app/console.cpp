// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"

#include <cstdio>

namespace {

void writeAll(std::FILE *stream, QByteArrayView data)
{
    std::fwrite(data.data(), 1, size_t(data.size()), stream);
    std::fflush(stream);
}

} // namespace

namespace Console {

void out(const QString &text)
{
    writeAll(stdout, text.toUtf8());
}

void outBytes(QByteArrayView data)
{
    writeAll(stdout, data);
}

void err(const QString &text)
{
    writeAll(stderr, text.toUtf8());
}

} // namespace Console
