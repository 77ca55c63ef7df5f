// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include "servermetrics.h"

#include <QCoreApplication>
#include <QScopedValueRollback>
#include <QSslSocket>
#include <QTcpSocket>

#include <chrono>

#include <cerrno>

#include <sys/socket.h>

namespace Server {

namespace {

// Large bodies go out in slices of this size while the socket holds less than kHighWater
// unsent bytes: memory per connection stays near 1 MiB whatever the frame size.
constexpr qint64 kSlice = 256 * 1024;
constexpr qint64 kHighWater = 1024 * 1024;
// Smaller bodies are appended to the head and written at once.
constexpr qint64 kInlineBody = 64 * 1024;
// Bytes read from the kernel per connection before the parser has taken them; beyond it TCP
// flow control holds the client back.
constexpr qint64 kReadBuffer = 256 * 1024;
// What a refused request of unknown length may still send before the connection is cut.
constexpr qint64 kUnknownDrainBudget = 64 * 1024 * 1024;
constexpr qint64 kLingerMs = 2'000;
// The largest refused body that is read to its end before the connection closes.
constexpr qint64 kMaxDiscard = qint64(1) << 30;

} // namespace

qint64 Connection::steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Connection::Connection(QTcpSocket *socket, RequestHandler *handler, const ServerLimits &limits,
                       ServerMetrics *metrics, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_limits(limits)
    , m_metrics(metrics)
    , m_parser(limits)
{
    m_socket->setParent(this);
    m_plain = qobject_cast<QSslSocket *>(m_socket) == nullptr;
    m_socket->setReadBufferSize(kReadBuffer);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    touch();
    if (m_metrics)
        m_metrics->connectionOpened();
}

Connection::~Connection()
{
    if (m_metrics)
        m_metrics->connectionClosed();
}

void Connection::onReadyRead()
{
    touch();
    if (m_lingering) {
        drain();
        return;
    }
    if (m_discarding) {
        discard();
        return;
    }
    // While a response is in flight the bytes stay in the socket's bounded read buffer.
    if (!m_busy && !m_closing)
        processInput();
}

void Connection::processInput()
{
    if (m_inProcess || m_gone)
        return;
    const QScopedValueRollback inProcess(m_inProcess, true);
    while (!m_busy && !m_closing && !m_lingering && !m_discarding && !m_gone) {
        // A client that pipelines requests without reading the answers waits here.
        if (m_socket->bytesToWrite() > kHighWater)
            return;
        if (m_socket->bytesAvailable() > 0) {
            if (m_inPos == m_in.size()) {
                m_in = m_socket->readAll();
                m_inPos = 0;
            } else {
                m_in.append(m_socket->readAll());
            }
        }
        qsizetype consumed = 0;
        const RequestParser::Result result =
            m_parser.parse(QByteArrayView(m_in).sliced(m_inPos), &consumed);
        m_inPos += consumed;
        if (m_inPos == m_in.size()) {
            m_in.clear();
            m_inPos = 0;
        } else if (m_inPos > kReadBuffer) {
            m_in.remove(0, m_inPos);
            m_inPos = 0;
        }
        switch (result) {
        case RequestParser::Result::NeedMore:
            if (m_parser.wantsContinue()) {
                send("HTTP/1.1 100 Continue\r\n\r\n");
                m_parser.continueSent();
            }
            if (m_socket->bytesAvailable() > 0)
                continue;
            return;
        case RequestParser::Result::Failed:
            refuse(m_parser.failure());
            return;
        case RequestParser::Result::Complete: {
            HttpRequest request = m_parser.takeRequest();
            m_busy = true;
            m_keepAlive = request.keepAlive;
            m_http10 = request.minorVersion == 0;
            m_head = request.method == "HEAD";
            request.peer = m_socket->peerAddress();
            request.encrypted = qobject_cast<QSslSocket *>(m_socket) != nullptr;
            m_handler->handle(std::move(request), this);
            break;
        }
        }
    }
}

void Connection::refuse(const RequestParser::Failure &failure)
{
    m_busy = true;
    m_keepAlive = false;
    m_head = false;
    // What the client still sends of a refused body is read and dropped (bounded), so that it
    // sees the answer instead of a reset.
    // A refused body of known length is read to its end before the connection is closed, so
    // that clients which read the answer only after sending everything still get it.
    const qint64 buffered = m_in.size() - m_inPos;
    m_discardRemaining = qMax<qint64>(0, failure.unreadBodyBytes - buffered);
    // Beyond this, waiting for the body is not worth the bandwidth: the write side is shut at
    // once and the client stops (or is cut off after the lingering budget).
    if (m_discardRemaining > qMax(kMaxDiscard, 4 * m_limits.maxBody))
        m_discardRemaining = 0;
    m_drainBudget = kUnknownDrainBudget;
    m_in.clear();
    m_inPos = 0;
    respond(HttpResponse::error(failure.status, failure.error, failure.detail));
}

void Connection::respond(HttpResponse &&response)
{
    if (m_gone || !m_busy)
        return;
    if (m_metrics)
        m_metrics->countResponse(response.status, response.errorCode);
    const bool close = !m_keepAlive;
    if (m_http10 && !close)
        response.addHeader("Connection", "keep-alive");
    const bool bodiless = response.status == 204 || response.status == 304;
    const qint64 length = bodiless ? 0 : response.sendLength();
    QByteArray head = serializeHead(response, bodiless ? -1 : length, close);
    if (m_head || response.headOnly || length == 0 || response.declaredLength >= 0) {
        send(head);
        finishResponse(close);
        return;
    }
    if (length <= kInlineBody) {
        head.append(response.body.constData() + response.bodyOffset, length);
        send(head);
        finishResponse(close);
        return;
    }
    send(head);
    m_body = std::move(response.body);
    m_bodyPos = response.bodyOffset;
    m_bodyEnd = response.bodyOffset + length;
    m_closeAfterBody = close;
    pump();
}

void Connection::send(QByteArrayView data)
{
    // With nothing queued, a plain socket takes the bytes at once: one send() instead of
    // arming and disarming the socket's write notifier, which wakes the thread's event loop
    // twice per answer. Whatever the kernel does not take goes through the socket's buffer,
    // so order and back-pressure stay the socket's.
    if (m_plain && m_socket->bytesToWrite() == 0
        && m_socket->state() == QAbstractSocket::ConnectedState) {
        const ssize_t sent = ::send(int(m_socket->socketDescriptor()), data.data(),
                                    size_t(data.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == data.size())
            return;
        if (sent > 0)
            data = data.sliced(sent);
        else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return; // the connection is gone; the socket reports it on its next read
    }
    m_socket->write(data.data(), data.size());
}

void Connection::pump()
{
    while (!m_body.isNull() && m_socket->bytesToWrite() < kHighWater) {
        const qint64 n = qMin(kSlice, m_bodyEnd - m_bodyPos);
        send(QByteArrayView(m_body).sliced(m_bodyPos, n));
        m_bodyPos += n;
        if (m_bodyPos >= m_bodyEnd) {
            m_body = QByteArray();
            finishResponse(m_closeAfterBody);
            return;
        }
    }
}

void Connection::finishResponse(bool close)
{
    m_busy = false;
    if (close) {
        closeGracefully();
        return;
    }
    // Called from the handler inside processInput(), the loop there goes on; called later
    // (an answer that waited), parsing resumes here.
    if (!m_inProcess)
        processInput();
}

void Connection::beginStream(HttpResponse &&head)
{
    if (m_gone || !m_busy)
        return;
    if (m_metrics)
        m_metrics->countResponse(head.status, head.errorCode);
    m_streaming = true;
    send(serializeHead(head, -1, true));
}

void Connection::streamWrite(QByteArrayView data)
{
    if (m_gone || !m_streaming || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    send(data);
}

void Connection::endStream()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    m_busy = false;
    closeGracefully();
}

qint64 Connection::backlog() const
{
    return m_socket->bytesToWrite();
}

void Connection::onBytesWritten()
{
    touch();
    if (!m_body.isNull()) {
        pump();
        return;
    }
    if (m_closing) {
        if (m_socket->bytesToWrite() == 0)
            shutdownWrite();
        return;
    }
    if (!m_busy && !m_lingering && !m_discarding)
        processInput();
}

void Connection::closeGracefully()
{
    if (m_closing || m_lingering || m_discarding || m_gone)
        return;
    m_closing = true;
    m_in.clear();
    m_inPos = 0;
    if (m_drainBudget == 0)
        m_drainBudget = kUnknownDrainBudget;
    if (m_socket->bytesToWrite() == 0)
        shutdownWrite();
}

void Connection::shutdownWrite()
{
    m_closing = false;
    if (m_discardRemaining > 0) {
        m_discarding = true;
        discard();
        return;
    }
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS has its own closing handshake.
        m_socket->disconnectFromHost();
        return;
    }
    // Half-close: the client gets the end of the answer, and whatever it still sends is read
    // and dropped until it closes, so no reset destroys the answer in flight.
    m_lingering = true;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    touch();
    drain();
}

void Connection::discard()
{
    const qint64 n = m_socket->skip(qMin(m_discardRemaining, m_socket->bytesAvailable()));
    if (n > 0)
        m_discardRemaining -= n;
    if (m_discardRemaining <= 0) {
        m_discarding = false;
        shutdownWrite();
    }
}

void Connection::drain()
{
    const qint64 n = m_socket->skip(m_socket->bytesAvailable());
    if (n > 0)
        m_drainBudget -= n;
    if (m_drainBudget < 0)
        abortNow();
}

void Connection::abortNow()
{
    if (m_gone)
        return;
    m_socket->abort();
    onDisconnected();
}

void Connection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_body = QByteArray();
    Q_EMIT closed();
    deleteLater();
}

void Connection::checkTimeouts(qint64 nowMs)
{
    if (m_gone || m_streaming)
        return;
    const qint64 idle = nowMs - m_lastActivity;
    if (m_lingering) {
        if (idle > qMin<qint64>(kLingerMs, m_limits.idleTimeoutMs))
            abortNow();
        return;
    }
    if (m_discarding) {
        if (idle > m_limits.idleTimeoutMs)
            abortNow();
        return;
    }
    if (idle < m_limits.idleTimeoutMs)
        return;
    if (m_busy && m_body.isNull() && !m_closing)
        return; // the handler answers later; its own timeouts apply
    if (m_busy || m_closing) {
        abortNow(); // the client stopped reading
        return;
    }
    if (m_parser.inRequest()) {
        RequestParser::Failure timeout;
        timeout.status = 408;
        timeout.error = "request_timeout";
        timeout.detail = QCoreApplication::translate("Server::Connection",
                                                     "The request did not arrive within %1 ms.")
                             .arg(m_limits.idleTimeoutMs);
        refuse(timeout);
        return;
    }
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        onDisconnected();
}

} // namespace Server
