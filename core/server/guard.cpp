// SPDX-License-Identifier: GPL-3.0-or-later
#include "guard.h"

#include "peerconnections.h"
#include "servermetrics.h"

#include <QCoreApplication>
#include <QScopedValueRollback>
#include <QSslSocket>

#include <chrono>
#include <cstring>

#include <cerrno>

#include <sys/socket.h>

namespace Server {

namespace {

// Bytes read from the kernel per connection before the parser has taken them; beyond it TCP
// flow control holds the client back.
constexpr qint64 kReadBuffer = 256 * 1024;
// A client that pipelines requests without reading the answers waits once this much is unsent.
constexpr qint64 kHighWater = 1024 * 1024;
// Responder writes at least this large go out at once instead of being collected.
constexpr qsizetype kDirectWrite = 16 * 1024;
// What of the queue is copied into the socket's own buffer, so that it reports when the kernel
// takes bytes again.
constexpr qsizetype kCarrier = 16 * 1024;
// The collection buffer's memory kept between answers (a small answer's head and body).
constexpr qsizetype kKeptOutCapacity = 4 * 1024;
// What a refused request of unknown length may still send before the connection is cut.
constexpr qint64 kUnknownDrainBudget = 64 * 1024 * 1024;
constexpr qint64 kLingerMs = 2'000;
// The largest refused body that is read to its end before the connection closes.
constexpr qint64 kMaxDiscard = qint64(1) << 30;

// What QHttpServer reads in place of a refused request; the handler answers refusal().
constexpr QByteArrayView kStandIn = "GET / HTTP/1.1\r\n\r\n";

} // namespace

QByteArray GuardedSocket::canonicalForm(const HttpRequest &request)
{
    // Only what QHttpServer needs to frame and route the request: QHttpServer 6.4 reads the
    // head one byte per QIODevice::read() inside a read transaction, so every header byte
    // handed over costs; the API takes the headers from the guard, which parsed them already.
    QByteArray out;
    out.reserve(request.target.size() + 64 + request.body.size());
    out.append(request.method);
    out.append(' ');
    out.append(request.target);
    out.append(" HTTP/1.");
    out.append(char('0' + request.minorVersion));
    out.append("\r\n");
    // A valid request of its version: HTTP/1.1 needs its one Host.
    for (const auto &[name, value] : request.headers) {
        if (name == "host") {
            out.append("host: ");
            out.append(value);
            out.append("\r\n");
            break;
        }
    }
    // The connection's semantics as the guard decided them, so that the form reads back the same.
    if (request.minorVersion == 0 && request.keepAlive)
        out.append("connection: keep-alive\r\n");
    else if (request.minorVersion != 0 && !request.keepAlive)
        out.append("connection: close\r\n");
    if (!request.body.isEmpty()) {
        out.append("content-length: ");
        out.append(QByteArray::number(request.body.size()));
        out.append("\r\n");
    }
    out.append("\r\n");
    out.append(request.body);
    return out;
}

qint64 GuardedSocket::steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

GuardedSocket::GuardedSocket(QTcpSocket *wire, const ServerLimits &limits, ServerMetrics *metrics,
                             std::optional<RequestParser::Failure> refuseAtOnce,
                             std::shared_ptr<PeerConnections::Place> place, QObject *parent)
    : QTcpSocket(parent)
    , m_wire(wire)
    , m_limits(limits)
    , m_metrics(metrics)
    , m_place(std::move(place))
    , m_parser(limits)
{
    m_wire->setParent(this);
    m_plain = qobject_cast<QSslSocket *>(m_wire) == nullptr;
    m_wire->setReadBufferSize(kReadBuffer);
    m_wire->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    setPeerAddress(m_wire->peerAddress());
    setPeerPort(m_wire->peerPort());
    setLocalAddress(m_wire->localAddress());
    setLocalPort(m_wire->localPort());
    QIODevice::open(QIODevice::ReadWrite);
    setSocketState(QAbstractSocket::ConnectedState);
    connect(m_wire, &QTcpSocket::readyRead, this, &GuardedSocket::onWireReadyRead);
    connect(m_wire, &QTcpSocket::bytesWritten, this, &GuardedSocket::onWireBytesWritten);
    connect(m_wire, &QTcpSocket::disconnected, this, &GuardedSocket::onWireGone);
    connect(m_wire, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_wire->state() == QAbstractSocket::UnconnectedState)
            onWireGone();
    });
    touch();
    if (m_place)
        m_place->setEvict([this] {
            QMetaObject::invokeMethod(this, &GuardedSocket::evict, Qt::QueuedConnection);
        });
    if (m_metrics)
        m_metrics->connectionOpened();
    if (refuseAtOnce) {
        // Once QAbstractHttpServer listens to this socket.
        QMetaObject::invokeMethod(
            this, [this, failure = *refuseAtOnce] { refuse(failure); }, Qt::QueuedConnection);
    } else if (m_wire->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &GuardedSocket::onWireReadyRead, Qt::QueuedConnection);
    }
}

GuardedSocket::~GuardedSocket()
{
    // Nothing is emitted from here on: QAbstractSocket's destructor sees no connection.
    m_gone = true;
    setSocketState(QAbstractSocket::UnconnectedState);
    if (m_metrics)
        m_metrics->connectionClosed();
    if (m_place)
        m_place->release();
}

qint64 GuardedSocket::bytesAvailable() const
{
    return QIODevice::bytesAvailable() + (m_admitted.size() - m_admittedPos);
}

qint64 GuardedSocket::bytesToWrite() const
{
    return backlog();
}

qint64 GuardedSocket::backlog() const
{
    return m_out.size() + m_queued + m_wire->bytesToWrite();
}

qint64 GuardedSocket::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_admitted.size() - m_admittedPos);
    if (n <= 0)
        return m_gone ? -1 : 0;
    std::memcpy(data, m_admitted.constData() + m_admittedPos, size_t(n));
    m_admittedPos += n;
    if (m_admittedPos == m_admitted.size()) {
        m_admitted.clear();
        m_admittedPos = 0;
    }
    return n;
}

qint64 GuardedSocket::writeData(const char *data, qint64 size)
{
    if (m_gone)
        return -1;
    if (size >= kDirectWrite) {
        // A slice of a large body: no copy into the collection buffer, and none at all where
        // it lies inside the body lent by lendBody().
        push();
        const bool lent = !m_lent.isEmpty() && data >= m_lent.constData()
            && data + size <= m_lent.constData() + m_lent.size();
        send(QByteArrayView(data, size), lent ? &m_lent : nullptr);
    } else {
        m_out.append(data, size);
    }
    return size;
}

void GuardedSocket::push()
{
    if (m_out.isEmpty())
        return;
    if (!m_gone)
        send(m_out);
    // The collection buffer keeps its memory for the next answer, unless a large one grew it.
    if (m_out.capacity() > kKeptOutCapacity)
        m_out = QByteArray();
    else
        m_out.resize(0);
}

void GuardedSocket::send(QByteArrayView data, const QByteArray *owner)
{
    if (!m_plain) {
        m_wire->write(data.data(), data.size()); // TLS encrypts a copy anyway
        return;
    }
    // With nothing queued, a plain socket takes the bytes at once: one send() instead of
    // arming and disarming the socket's write notifier, which wakes the thread's event loop
    // twice per answer.
    if (m_queue.empty() && m_wire->bytesToWrite() == 0
        && m_wire->state() == QAbstractSocket::ConnectedState) {
        const ssize_t sent = ::send(int(m_wire->socketDescriptor()), data.data(),
                                    size_t(data.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == data.size())
            return;
        if (sent > 0)
            data = data.sliced(sent);
        else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return; // the connection is gone; the socket reports it on its next read
    }
    // What the kernel did not take waits in order: a lent body by reference, anything else
    // copied.
    if (owner)
        m_queue.push_back({*owner, data.data() - owner->constData(),
                           data.data() - owner->constData() + data.size()});
    else
        m_queue.push_back({data.toByteArray(), 0, data.size()});
    m_queued += data.size();
    carry();
}

void GuardedSocket::carry()
{
    // The socket tells when the kernel takes bytes again only while it holds some itself: it
    // gets (a copy of) the first few KiB of the queue, and once it has written them,
    // sendQueued() hands the rest to the kernel directly.
    if (m_queue.empty() || m_wire->bytesToWrite() > 0)
        return;
    Pending &head = m_queue.front();
    const qsizetype n = qMin(kCarrier, head.end - head.pos);
    m_wire->write(head.bytes.constData() + head.pos, n);
    head.pos += n;
    m_queued -= n;
    if (head.pos == head.end)
        m_queue.pop_front();
}

void GuardedSocket::sendQueued()
{
    while (!m_queue.empty() && m_wire->bytesToWrite() == 0) {
        Pending &head = m_queue.front();
        const ssize_t sent =
            ::send(int(m_wire->socketDescriptor()), head.bytes.constData() + head.pos,
                   size_t(head.end - head.pos), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                break;
            m_queue.clear(); // the connection is gone; the socket reports it on its next read
            m_queued = 0;
            return;
        }
        head.pos += sent;
        m_queued -= sent;
        if (head.pos < head.end)
            break;
        m_queue.pop_front();
    }
    carry();
}

void GuardedSocket::onWireReadyRead()
{
    touch();
    if (m_place)
        m_place->setBusy();
    if (m_lingering) {
        drain();
        return;
    }
    if (m_discarding) {
        discard();
        return;
    }
    // While an answer is in flight the bytes stay in the socket's bounded read buffer.
    if (!m_busy && !m_closing)
        processInput();
}

void GuardedSocket::processInput()
{
    if (m_inProcess || m_gone)
        return;
    const QScopedValueRollback inProcess(m_inProcess, true);
    while (!m_busy && !m_closing && !m_lingering && !m_discarding && !m_gone) {
        if (backlog() > kHighWater)
            return;
        if (m_wire->bytesAvailable() > 0) {
            const qsizetype before = m_in.size() - m_inPos;
            if (m_inPos == m_in.size()) {
                m_in = m_wire->readAll();
                m_inPos = 0;
            } else {
                m_in.append(m_wire->readAll());
            }
            if (m_bodyStartMs != 0)
                m_bodyBytes += m_in.size() - m_inPos - before;
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
        trackDeadlines();
        switch (result) {
        case RequestParser::Result::NeedMore:
            // Between requests: the place may go to a newer connection of this peer.
            if (m_place && !m_parser.inRequest() && m_in.isEmpty() && m_wire->bytesAvailable() == 0)
                m_place->setIdle(m_lastActivity);
            if (m_parser.wantsContinue()) {
                send("HTTP/1.1 100 Continue\r\n\r\n");
                m_parser.continueSent();
            }
            if (m_wire->bytesAvailable() > 0)
                continue;
            return;
        case RequestParser::Result::Failed:
            refuse(m_parser.failure());
            return;
        case RequestParser::Result::Complete:
            admit(m_parser.takeRequest());
            break;
        }
    }
}

void GuardedSocket::trackDeadlines()
{
    // The head's deadline runs from its first byte, the body's rate from the head's end.
    if (!m_parser.inHead())
        m_headStartMs = 0;
    else if (m_headStartMs == 0)
        m_headStartMs = steadyNowMs();
    if (!m_parser.inBody()) {
        m_bodyStartMs = 0;
    } else if (m_bodyStartMs == 0) {
        m_bodyStartMs = steadyNowMs();
        m_bodyBytes = 0;
    }
}

void GuardedSocket::admit(HttpRequest &&request)
{
    m_busy = true;
    m_streaming = false;
    m_keepAlive = request.keepAlive && !m_refusal && !m_evicted;
    request.peer = m_wire->peerAddress();
    request.localPort = m_wire->localPort();
    request.encrypted = !m_plain;
    m_admittedPos = 0;
    if (m_refusal) {
        m_admitted = kStandIn.toByteArray();
    } else {
        m_admitted = canonicalForm(request);
    }
    request.body = QByteArray();
    m_current = std::move(request);
    const bool nested = m_inProcess;
    {
        const QScopedValueRollback inProcess(m_inProcess, true);
        Q_EMIT readyRead();
    }
    // An answer completed at once inside a refusal or timeout (not from processInput()).
    if (!nested && !m_busy && !m_closing)
        processInput();
}

void GuardedSocket::refuse(const RequestParser::Failure &failure)
{
    if (m_gone)
        return;
    m_keepAlive = false;
    // What the client still sends of a refused body is read and dropped (bounded), so that it
    // sees the answer instead of a reset. A refused body of known length is read to its end
    // before the connection is closed, so that clients which read the answer only after
    // sending everything still get it.
    const qint64 buffered = m_in.size() - m_inPos;
    m_discardRemaining = qMax<qint64>(0, failure.unreadBodyBytes - buffered);
    // Beyond this, waiting for the body is not worth the bandwidth: the write side is shut at
    // once and the client stops (or is cut off after the lingering budget).
    if (m_discardRemaining > qMax(kMaxDiscard, 4 * m_limits.maxBody))
        m_discardRemaining = 0;
    m_drainBudget = kUnknownDrainBudget;
    m_in.clear();
    m_inPos = 0;
    m_refusal = failure;
    admit(HttpRequest {});
}

void GuardedSocket::answerDone(bool close)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_streaming = false;
    push();
    m_lent = QByteArray(); // what of it is still queued is kept by the queue
    if (close || !m_keepAlive) {
        closeGracefully();
        return;
    }
    // Called from the handler inside processInput(), the loop there goes on; called later
    // (an answer that waited), parsing resumes here.
    if (!m_inProcess)
        processInput();
}

void GuardedSocket::disconnectFromHost()
{
    // QAbstractHttpServer's answer to what it could not parse (the guard never lets that by).
    m_keepAlive = false;
    m_busy = false;
    closeGracefully();
}

void GuardedSocket::onWireBytesWritten(qint64 bytes)
{
    touch();
    if (m_wire->bytesToWrite() == 0)
        sendQueued();
    Q_EMIT bytesWritten(bytes);
    if (m_closing) {
        if (m_wire->bytesToWrite() == 0 && m_queue.empty())
            shutdownWrite();
        return;
    }
    if (!m_busy && !m_lingering && !m_discarding)
        processInput();
}

void GuardedSocket::closeGracefully()
{
    if (m_closing || m_lingering || m_discarding || m_gone)
        return;
    push();
    m_closing = true;
    m_in.clear();
    m_inPos = 0;
    if (m_drainBudget == 0)
        m_drainBudget = kUnknownDrainBudget;
    if (m_wire->bytesToWrite() == 0 && m_queue.empty())
        shutdownWrite();
}

void GuardedSocket::shutdownWrite()
{
    m_closing = false;
    if (m_discardRemaining > 0) {
        m_discarding = true;
        discard();
        return;
    }
    if (!m_plain) {
        // TLS has its own closing handshake.
        m_wire->disconnectFromHost();
        return;
    }
    // Half-close: the client gets the end of the answer, and whatever it still sends is read
    // and dropped until it closes, so no reset destroys the answer in flight.
    m_lingering = true;
    m_lingerSinceMs = steadyNowMs();
    ::shutdown(int(m_wire->socketDescriptor()), SHUT_WR);
    touch();
    drain();
}

void GuardedSocket::discard()
{
    const qint64 n = m_wire->skip(qMin(m_discardRemaining, m_wire->bytesAvailable()));
    if (n > 0)
        m_discardRemaining -= n;
    if (m_discardRemaining <= 0) {
        m_discarding = false;
        shutdownWrite();
    }
}

void GuardedSocket::drain()
{
    const qint64 n = m_wire->skip(m_wire->bytesAvailable());
    if (n > 0)
        m_drainBudget -= n;
    if (m_drainBudget < 0)
        abortNow();
}

void GuardedSocket::abortNow()
{
    if (m_gone)
        return;
    m_wire->abort();
    onWireGone();
}

void GuardedSocket::onWireGone()
{
    if (m_gone)
        return;
    m_gone = true;
    m_out.clear();
    m_queue.clear();
    m_queued = 0;
    m_lent = QByteArray();
    m_admitted.clear();
    m_admittedPos = 0;
    // QAbstractHttpServer deletes the socket on this, or once its handler returns.
    setSocketState(QAbstractSocket::UnconnectedState);
    Q_EMIT stateChanged(QAbstractSocket::UnconnectedState);
    Q_EMIT disconnected();
}

void GuardedSocket::checkTimeouts(qint64 nowMs)
{
    if (m_gone || m_streaming)
        return;
    const qint64 idle = nowMs - m_lastActivity;
    if (m_lingering) {
        // Bounded however the client dribbles: a refused peer does not keep its socket.
        if (idle > qMin<qint64>(kLingerMs, m_limits.idleTimeoutMs)
            || nowMs - m_lingerSinceMs > kLingerMs)
            abortNow();
        return;
    }
    if (m_discarding) {
        if (idle > m_limits.idleTimeoutMs)
            abortNow();
        return;
    }
    if (!m_busy && !m_closing) {
        // Every byte resets the idle time; these deadlines hold however the bytes trickle.
        if (m_headStartMs != 0 && nowMs - m_headStartMs >= m_limits.headerTimeoutMs) {
            timeOut(QCoreApplication::translate("Server::GuardedSocket",
                                                "The request head did not arrive whole within "
                                                "%1 ms.")
                        .arg(m_limits.headerTimeoutMs));
            return;
        }
        const qint64 bodyMs = m_bodyStartMs != 0 ? nowMs - m_bodyStartMs : 0;
        if (bodyMs >= m_limits.bodyGraceMs
            && m_bodyBytes * 1000 < m_limits.minBodyBytesPerSecond * bodyMs) {
            timeOut(QCoreApplication::translate("Server::GuardedSocket",
                                                "The request body arrived slower than %1 bytes "
                                                "per second.")
                        .arg(m_limits.minBodyBytesPerSecond));
            return;
        }
    }
    if (idle < m_limits.idleTimeoutMs)
        return;
    if (m_busy && backlog() == 0 && !m_closing)
        return; // the handler answers later; its own timeouts apply
    if (m_busy || m_closing) {
        abortNow(); // the client stopped reading
        return;
    }
    if (m_parser.inRequest()) {
        timeOut(QCoreApplication::translate("Server::GuardedSocket",
                                            "The request did not arrive within %1 ms.")
                    .arg(m_limits.idleTimeoutMs));
        return;
    }
    m_wire->disconnectFromHost();
    if (m_wire->state() == QAbstractSocket::UnconnectedState)
        onWireGone();
}

void GuardedSocket::evict()
{
    m_evicted = true;
    m_keepAlive = false;
    // A request that arrived meanwhile is answered first, with Connection: close.
    if (!m_busy && m_wire->bytesAvailable() > 0)
        processInput();
    if (m_busy || m_closing || m_lingering || m_discarding || m_gone || m_parser.inRequest())
        return;
    m_wire->disconnectFromHost();
    if (m_wire->state() == QAbstractSocket::UnconnectedState)
        onWireGone();
}

void GuardedSocket::timeOut(const QString &detail)
{
    RequestParser::Failure timeout;
    timeout.status = 408;
    timeout.error = "request_timeout";
    timeout.detail = detail;
    refuse(timeout);
}

} // namespace Server
