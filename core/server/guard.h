// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accesspolicy.h"
#include "httprequest.h"
#include "peerconnections.h"
#include "requestparser.h"
#include "serverlimits.h"

#include <QByteArray>
#include <QTcpSocket>

#include <deque>
#include <memory>
#include <optional>

namespace Server {

class ServerMetrics;

// The admission guard in front of QHttpServer (docs/DECISIONS.md, "HTTP"). It owns the
// client's real socket (plain or TLS) and is itself the QTcpSocket that QAbstractHttpServer
// reads: it parses what the client sends within ServerLimits and makes readable exactly one
// whole request at a time, rewritten in a canonical form (no chunked framing, one
// Content-Length), so QHttpServer can never read a byte that the guard has not checked, nor
// disagree with it on where a request ends. The next request becomes readable only after the
// answer to this one is complete, so pipelined requests are answered in order.
//
// What the guard refuses never reaches QHttpServer: instead it hands over a stand-in request,
// and refusal() tells the handler to answer it with that error, so every answer is written
// through QHttpServerResponder. The guard also answers "100 Continue", closes after
// "Connection: close", HTTP/1.0 and refusals (half-closing so the client reads the answer),
// times out idle and stuck peers (checkTimeouts()) and holds back reading while the client
// does not read its answers.
class GuardedSocket final : public QTcpSocket
{
    Q_OBJECT
public:
    // Takes ownership of `wire`, which must be connected (and, for TLS, encrypted). A refusal
    // given here (a connection cap) is the only answer the connection gets. `place`: the place
    // the connection was admitted in, told when it is idle and released when it ends (none for
    // a refused one).
    GuardedSocket(QTcpSocket *wire, const ServerLimits &limits, ServerMetrics *metrics,
                  std::optional<RequestParser::Failure> refuseAtOnce,
                  std::shared_ptr<PeerConnections::Place> place, QObject *parent);
    ~GuardedSocket() override;

    // The head of the request QHttpServer is handed now, as the guard read it (no body): the
    // request line, every header (names in lower case) and the connection's semantics.
    const HttpRequest &current() const { return m_current; }
    // Set when the request handed over stands in for one the guard refused.
    const std::optional<RequestParser::Failure> &refusal() const { return m_refusal; }
    // What the access policy accepted of this connection's Host header.
    AccessPolicy::HostVerdict &hostVerdict() { return m_hostVerdict; }
    // The connection closes after the answer in progress.
    bool closesAfterAnswer() const { return !m_keepAlive; }

    // What QHttpServerResponder wrote goes to the client now (the guard collects the
    // responder's small writes so that an answer leaves in one send).
    void push();
    // The answer to the current request is complete; `close` forces the connection to close.
    void answerDone(bool close);
    // The answer in progress is an endless stream: no timeout applies while it lasts.
    void answerIsStream() { m_streaming = true; }
    // Bytes written and not yet taken by the kernel.
    qint64 backlog() const;
    // On a plain connection, responder writes that lie inside `body` are sent by reference,
    // without a copy, and `body` is kept until the kernel took them; until the answer is done.
    void lendBody(const QByteArray &body) { m_lent = body; }

    // What QHttpServer reads for a request the guard admitted: the request line as checked,
    // the Host header, a Connection header where the connection's fate is not the version's
    // default, CRLF line ends, and the decoded body behind one Content-Length (the API reads
    // the other headers from current()). The guard's parser reads it back as the same request
    // (tests/fuzz/fuzz_guard.cpp checks it).
    static QByteArray canonicalForm(const HttpRequest &request);

    void checkTimeouts(qint64 nowMs);
    static qint64 steadyNowMs();

    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override;
    void disconnectFromHost() override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void onWireReadyRead();
    void onWireBytesWritten(qint64 bytes);
    void onWireGone();
    void processInput();
    void admit(HttpRequest &&request);
    void refuse(const RequestParser::Failure &failure);
    void send(QByteArrayView data, const QByteArray *owner = nullptr);
    void carry();
    void sendQueued();
    void closeGracefully();
    void shutdownWrite();
    void drain();
    void discard();
    void abortNow();
    void touch() { m_lastActivity = steadyNowMs(); }
    void trackDeadlines();
    void timeOut(const QString &detail);
    void evict();

    QTcpSocket *m_wire;
    const ServerLimits &m_limits;
    ServerMetrics *m_metrics;
    std::shared_ptr<PeerConnections::Place> m_place;
    RequestParser m_parser;
    QByteArray m_in; // read from the client, not yet parsed
    qsizetype m_inPos = 0;
    QByteArray m_admitted; // the one request QHttpServer may read
    qsizetype m_admittedPos = 0;
    QByteArray m_out; // written by the responder, not yet pushed
    struct Pending
    {
        QByteArray bytes;
        qsizetype pos;
        qsizetype end;
    };
    std::deque<Pending> m_queue; // not yet taken by the kernel, behind what m_wire holds
    qint64 m_queued = 0;
    QByteArray m_lent;
    HttpRequest m_current;
    std::optional<RequestParser::Failure> m_refusal;
    AccessPolicy::HostVerdict m_hostVerdict;

    bool m_busy = false; // a request was handed over and its answer is not complete
    bool m_inProcess = false; // processInput() or admit() is on the stack
    bool m_keepAlive = true;
    bool m_closing = false; // close once the write buffer is empty
    bool m_lingering = false; // write side shut, discarding what the client still sends
    bool m_gone = false;
    bool m_streaming = false;
    bool m_plain = true; // not TLS: answers may go straight to the descriptor
    bool m_evicted = false; // its place went to a newer connection: close after this answer

    bool m_discarding = false; // answered; dropping the rest of a refused body
    qint64 m_discardRemaining = 0;
    qint64 m_drainBudget = 0;
    qint64 m_lastActivity = 0;
    qint64 m_headStartMs = 0; // the head in progress began; 0: none
    qint64 m_bodyStartMs = 0; // the body in progress began; 0: none
    qint64 m_bodyBytes = 0; // read from the client since then
    qint64 m_lingerSinceMs = 0;
};

} // namespace Server
