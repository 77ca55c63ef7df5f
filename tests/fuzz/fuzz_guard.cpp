// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the HTTP admission guard (core/server/guard.h): arbitrary bytes as what
// a client sends on one connection. Besides the sanitizers' findings, it aborts where
// - the guard decides differently when the same bytes arrive in other pieces (the input's
//   first byte picks the piece sizes), since a client chooses how its bytes are split;
// - a request it admits does not read back, from the canonical form QHttpServer is handed, as
//   the same request in exactly that many bytes, or the canonical form is not a fixed point:
//   the guard and what reads behind it must agree on where every request ends;
// - a refusal carries a status the guard does not document (docs/API.md, "Limits").

#include "server/guard.h"
#include "server/requestparser.h"

#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Server;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_guard: %s %s\n", what, detail.constData());
    std::abort();
}

ServerLimits smallLimits()
{
    ServerLimits l;
    l.maxRequestLine = 256;
    l.maxHeaderBytes = 1024;
    l.maxHeaders = 16;
    l.maxBody = 4096;
    return l;
}

// What the guard made of a connection's bytes: each admitted request in canonical form, then
// the refusal's status and code, if any.
struct Outcome
{
    QList<QByteArray> admitted;
    QList<HttpRequest> requests;
    int refusedStatus = 0;
    QByteArray refusedCode;
    bool operator==(const Outcome &o) const
    {
        return admitted == o.admitted && refusedStatus == o.refusedStatus
            && refusedCode == o.refusedCode;
    }
};

// Feeds `input` in pieces the way GuardedSocket does (a buffer of what is not consumed yet).
Outcome run(QByteArrayView input, const ServerLimits &limits, quint32 seed)
{
    RequestParser parser(limits);
    Outcome out;
    QByteArray buffer;
    qsizetype pos = 0;
    qsizetype fed = 0;
    quint32 state = seed;
    while (out.refusedStatus == 0) {
        bool more = false;
        if (fed < input.size()) {
            qsizetype piece = input.size() - fed;
            if (seed != 0) {
                state = state * 1103515245u + 12345u;
                piece = qMin<qsizetype>(piece, 1 + (state >> 16) % 7);
            }
            buffer.append(input.sliced(fed, piece));
            fed += piece;
            more = true;
        }
        for (;;) {
            qsizetype consumed = 0;
            const RequestParser::Result r =
                parser.parse(QByteArrayView(buffer).sliced(pos), &consumed);
            if (consumed < 0 || consumed > buffer.size() - pos)
                fail("parse() consumed bytes it was not given");
            pos += consumed;
            if (r == RequestParser::Result::Failed) {
                out.refusedStatus = parser.failure().status;
                out.refusedCode = parser.failure().error;
                break;
            }
            if (r == RequestParser::Result::NeedMore) {
                if (parser.wantsContinue())
                    parser.continueSent();
                break;
            }
            HttpRequest request = parser.takeRequest();
            out.admitted.append(GuardedSocket::canonicalForm(request));
            out.requests.append(std::move(request));
        }
        if (!more)
            break;
    }
    return out;
}

void checkCanonical(const QByteArray &canonical, const HttpRequest &original,
                    const ServerLimits &limits)
{
    // What QHttpServer reads is read back by the guard as the same request, in exactly its
    // size; canonical limits are looser, since the canonical head may be a little longer.
    ServerLimits loose = limits;
    loose.maxHeaders += 2;
    loose.maxHeaderBytes += 64;
    RequestParser parser(loose);
    qsizetype consumed = 0;
    if (parser.parse(canonical, &consumed) != RequestParser::Result::Complete)
        fail("the canonical form of an admitted request does not parse", canonical.left(200));
    if (consumed != canonical.size())
        fail("the canonical form ends elsewhere than its bytes", canonical.left(200));
    const HttpRequest back = parser.takeRequest();
    if (back.method != original.method || back.target != original.target
        || back.path != original.path || back.query != original.query
        || back.minorVersion != original.minorVersion || back.keepAlive != original.keepAlive
        || back.body != original.body)
        fail("the canonical form reads back as another request", canonical.left(200));
    if (GuardedSocket::canonicalForm(back) != canonical)
        fail("the canonical form is not a fixed point", canonical.left(200));
}

bool documentedStatus(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 414:
    case 417:
    case 431:
    case 501:
    case 505:
        return true;
    default:
        return false;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const quint32 seed = data[0] | 1u;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    static const ServerLimits limits = smallLimits();

    const Outcome whole = run(bytes, limits, 0);
    const Outcome pieces = run(bytes, limits, seed);
    if (!(whole == pieces))
        fail("the outcome depends on how the bytes were split:",
             QByteArray::number(whole.admitted.size()) + " admitted, refused "
                 + QByteArray::number(whole.refusedStatus) + " " + whole.refusedCode + " at once; "
                 + QByteArray::number(pieces.admitted.size()) + " admitted, refused "
                 + QByteArray::number(pieces.refusedStatus) + " " + pieces.refusedCode
                 + " in pieces");
    if (whole.refusedStatus != 0 && !documentedStatus(whole.refusedStatus))
        fail("a refusal with an undocumented status", QByteArray::number(whole.refusedStatus));
    for (qsizetype i = 0; i < whole.admitted.size(); ++i)
        checkCanonical(whole.admitted[i], whole.requests[i], limits);
    return 0;
}
