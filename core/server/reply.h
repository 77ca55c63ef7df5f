// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpresponse.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>

namespace Server {

class GuardedSocket;
class ServerMetrics;

// The answer to one request, written through the QHttpServerResponder that QAbstractHttpServer
// made for it and that this object keeps: at once (respond()), in slices as the socket drains
// (a large body), or as an endless stream (beginStream(), streamWrite(), endStream()). A child
// of the connection's socket, so it goes when the client leaves; every write checks first that
// the socket is still there.
class Reply final : public QObject
{
    Q_OBJECT
public:
    Reply(QHttpServerResponder &&responder, GuardedSocket *socket, ServerMetrics *metrics);

    // Exactly once per request, or beginStream() instead.
    void respond(HttpResponse &&response);

    // Sends the head of a response without a length; the connection closes after endStream()
    // or when the client leaves.
    void beginStream(HttpResponse &&head);
    void streamWrite(QByteArrayView data);
    void endStream();
    qint64 backlog() const; // bytes accepted by streamWrite() and not yet sent
    bool isStreaming() const;

private:
    void writeHead(const HttpResponse &response, qint64 contentLength, bool close);
    void pump();
    void finish(bool close);

    QHttpServerResponder m_responder;
    QPointer<GuardedSocket> m_socket;
    ServerMetrics *m_metrics;
    bool m_head = false; // HEAD: the GET answer's head only
    bool m_streaming = false;
    bool m_done = false;

    QByteArray m_body; // a large body being sent in slices
    qint64 m_bodyPos = 0;
    qint64 m_bodyEnd = 0;
    bool m_close = false;
};

} // namespace Server
