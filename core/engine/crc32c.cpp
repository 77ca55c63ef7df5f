// SPDX-License-Identifier: GPL-3.0-or-later
#include "crc32c.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace Engine {

namespace {

constexpr quint32 kPolynomial = 0x82F63B78u; // reflected Castagnoli polynomial

// Eight tables so the software path consumes eight bytes per step (slicing-by-8).
using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ kPolynomial : c >> 1;
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
    }
    return t;
}

constexpr Tables kTables = makeTables();

quint32 softwareCrc(const uchar *p, qsizetype n, quint32 c)
{
    while (n >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        if constexpr (Q_BYTE_ORDER == Q_BIG_ENDIAN)
            word = qFromLittleEndian(word);
        word ^= c;
        c = kTables[7][word & 0xFF] ^ kTables[6][(word >> 8) & 0xFF]
            ^ kTables[5][(word >> 16) & 0xFF] ^ kTables[4][(word >> 24) & 0xFF]
            ^ kTables[3][(word >> 32) & 0xFF] ^ kTables[2][(word >> 40) & 0xFF]
            ^ kTables[1][(word >> 48) & 0xFF] ^ kTables[0][word >> 56];
        p += 8;
        n -= 8;
    }
    while (n-- > 0)
        c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xFF];
    return c;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SYNCSTREAMER_HAVE_SSE42_CRC 1
__attribute__((target("sse4.2"))) quint32 hardwareCrc(const uchar *p, qsizetype n, quint32 c)
{
    quint64 c64 = c;
    while (n >= 8) {
        quint64 word;
        std::memcpy(&word, p, 8);
        c64 = __builtin_ia32_crc32di(c64, word);
        p += 8;
        n -= 8;
    }
    c = quint32(c64);
    while (n-- > 0)
        c = __builtin_ia32_crc32qi(c, *p++);
    return c;
}

bool cpuHasSse42()
{
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

} // namespace

quint32 crc32c(QByteArrayView bytes, quint32 crc)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const quint32 c = ~crc;
#ifdef SYNCSTREAMER_HAVE_SSE42_CRC
    if (cpuHasSse42())
        return ~hardwareCrc(p, bytes.size(), c);
#endif
    return ~softwareCrc(p, bytes.size(), c);
}

} // namespace Engine
