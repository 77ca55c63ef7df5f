// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "serverlimits.h"

#include <QByteArrayView>
#include <QString>

namespace Server {

// An incremental HTTP/1.x request parser that enforces ServerLimits before it buffers anything:
// the head is only scanned in the caller's buffer until it is complete, and a body is only
// collected once its declared or running size is known to be within the limit.
class RequestParser
{
public:
    enum class Result {
        NeedMore, // everything given was consumed or must stay buffered; feed more
        Complete, // takeRequest() returns the request
        Failed, // failure() says why; the connection answers and closes
    };

    struct Failure
    {
        int status = 400;
        QByteArray error; // a short machine-readable code, e.g. "header_too_large"
        QString detail; // one sentence for a person
        qint64 unreadBodyBytes = -1; // a declared body that was refused, -1 where unknown
    };

    explicit RequestParser(const ServerLimits &limits)
        : m_limits(limits)
    { }

    // Parses from the start of `input`, which holds every byte not yet consumed. Sets
    // *consumed to the number of bytes the caller may drop from the front of its buffer.
    Result parse(QByteArrayView input, qsizetype *consumed);

    HttpRequest takeRequest();
    const Failure &failure() const { return m_failure; }

    // A request has begun (its first byte arrived) but is not complete.
    bool inRequest() const { return m_state != State::Idle; }
    // The head has begun and is not complete.
    bool inHead() const { return m_state == State::Head; }
    // The head is complete and the body is still arriving.
    bool inBody() const
    {
        return m_state == State::Body || m_state == State::ChunkSize || m_state == State::ChunkData
            || m_state == State::ChunkDataEnd || m_state == State::Trailers;
    }
    // The head is complete and the client waits for "100 Continue" before sending the body.
    bool wantsContinue() const { return m_wantsContinue; }
    void continueSent() { m_wantsContinue = false; }

private:
    enum class State {
        Idle,
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Complete,
        Failed
    };

    Result fail(int status, const char *error, const QString &detail);
    Result parseHead(QByteArrayView head);
    Result checkRequestLine(QByteArrayView line); // Failed, or NeedMore for the headers
    bool parseRequestLine(QByteArrayView line);
    Result startBody();

    const ServerLimits &m_limits;
    State m_state = State::Idle;
    HttpRequest m_request;
    Failure m_failure;

    // Head scanning: how far the buffer has been looked at, and the current line.
    qsizetype m_scanned = 0;
    qsizetype m_lineStart = 0;
    qsizetype m_headerStart = 0;
    int m_lines = 0;

    // Body
    qint64 m_remaining = 0; // of the body (Content-Length) or of the current chunk
    qint64 m_chunkedTotal = 0;
    bool m_chunked = false;
    bool m_wantsContinue = false;
    qsizetype m_trailerBytes = 0;
    int m_trailers = 0;
};

} // namespace Server
