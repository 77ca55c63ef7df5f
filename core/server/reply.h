// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpresponse.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>

namespace Server {

class GuardedSocket;
class ServerMetrics;

// Answers written through the QHttpServerResponder that QAbstractHttpServer made for a
// request. respond() writes an answer at once, or keeps the responder in a Reply that sends a
// large body in slices as the socket drains; a stream (the live feed) is a Reply of its own
// (beginStream(), streamWrite(), endStream()). A Reply is a child of the connection's socket,
// so it goes when the client leaves; every write checks first that the socket is still there.
class Reply final : public QObject
{
    Q_OBJECT
public:
    // Exactly once per request that is not answered with a stream.
    static void respond(QHttpServerResponder &&responder, GuardedSocket *socket,
                        ServerMetrics *metrics, HttpResponse &&response);

    // For a stream: keeps the responder until endStream() or the client leaves.
    Reply(QHttpServerResponder &&responder, GuardedSocket *socket, ServerMetrics *metrics);

    // Sends the head of a response without a length; the connection closes after endStream()
    // or when the client leaves.
    void beginStream(HttpResponse &&head);
    void streamWrite(QByteArrayView data);
    void endStream();
    // Ends the stream by closing the connection at once: what was not sent yet is dropped.
    void abortStream();
    qint64 backlog() const; // bytes accepted by streamWrite() and not yet sent
    bool isStreaming() const;

private:
    static void writeHead(QHttpServerResponder &responder, const GuardedSocket *socket,
                          const HttpResponse &response, qint64 contentLength, bool close);
    void pump();
    void finish(bool close);

    QHttpServerResponder m_responder;
    QPointer<GuardedSocket> m_socket;
    ServerMetrics *m_metrics;
    bool m_streaming = false;
    bool m_done = false;

    QByteArray m_body; // a large body being sent in slices
    qint64 m_bodyPos = 0;
    qint64 m_bodyEnd = 0;
    bool m_close = false;
};

} // namespace Server
