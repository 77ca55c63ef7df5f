// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "requestparser.h"
#include "serverlimits.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace Server {

class Connection;
class ServerMetrics;

// What a connection hands complete requests to. Answers through Connection::respond() or
// Connection::beginStream(), at once or later: the connection waits for it before it parses
// the next request, so pipelined requests are answered in order.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handle(HttpRequest &&request, Connection *connection) = 0;
};

// One HTTP/1.x client connection: parses requests within the limits, frames responses, paces
// large bodies in slices so that the socket's buffer stays small, closes after "Connection:
// close", HTTP/1.0 and refused requests (with a lingering close so the client reads the
// answer), and times out idle or stuck peers (checkTimeouts(), called by the worker).
class Connection : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of the socket, which must be connected (or encrypting, for TLS).
    Connection(QTcpSocket *socket, RequestHandler *handler, const ServerLimits &limits,
               ServerMetrics *metrics, QObject *parent = nullptr);
    ~Connection() override;

    // Exactly once per request handed to the handler.
    void respond(HttpResponse &&response);

    // Instead of respond(): sends the head of a response without a length and keeps the
    // connection for streamWrite() until endStream() or the client leaves.
    void beginStream(HttpResponse &&head);
    void streamWrite(QByteArrayView data);
    void endStream();
    qint64 backlog() const; // bytes accepted by streamWrite() and not yet sent
    bool isStreaming() const { return m_streaming && !m_gone; }

    // Closes connections that are idle, stuck or lingering too long; nowMs is a steady clock.
    void checkTimeouts(qint64 nowMs);

    static qint64 steadyNowMs();

Q_SIGNALS:
    // The client left or the connection was closed; the object is deleted soon after.
    void closed();

private:
    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void processInput();
    void refuse(const RequestParser::Failure &failure);
    void pump();
    void send(QByteArrayView data);
    void finishResponse(bool close);
    void closeGracefully();
    void shutdownWrite();
    void drain();
    void discard();
    void abortNow();
    void touch() { m_lastActivity = steadyNowMs(); }

    QTcpSocket *m_socket;
    RequestHandler *m_handler;
    const ServerLimits &m_limits;
    ServerMetrics *m_metrics;
    RequestParser m_parser;
    QByteArray m_in;
    qsizetype m_inPos = 0;

    bool m_busy = false; // a request is being answered
    bool m_inProcess = false; // processInput() is on the stack
    bool m_keepAlive = true; // of the request being answered
    bool m_http10 = false;
    bool m_head = false;
    bool m_streaming = false;
    bool m_closing = false; // close once the write buffer is empty
    bool m_lingering = false; // write side shut, discarding what the client still sends
    bool m_gone = false;
    bool m_plain = true; // not TLS: answers may go straight to the descriptor

    QByteArray m_body; // a large body being sent in slices
    qint64 m_bodyPos = 0;
    qint64 m_bodyEnd = 0;
    bool m_closeAfterBody = false;

    bool m_discarding = false; // answered; dropping the rest of a refused body
    qint64 m_discardRemaining = 0; // bytes of that body still to come
    qint64 m_drainBudget = 0;
    qint64 m_lastActivity = 0;
};

} // namespace Server
