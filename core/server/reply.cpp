// SPDX-License-Identifier: GPL-3.0-or-later
#include "reply.h"

#include "guard.h"
#include "servermetrics.h"

#include <QDateTime>
#include <QLocale>

namespace Server {

namespace {

// Large bodies go out in slices of this size while the socket holds less than kHighWater
// unsent bytes: memory per connection stays near 1 MiB whatever the frame size.
constexpr qint64 kSlice = 256 * 1024;
constexpr qint64 kHighWater = 1024 * 1024;
// Smaller bodies are written at once.
constexpr qint64 kInlineBody = 64 * 1024;

// An IMF-fixdate (RFC 9110, 5.6.7), formatted at most once a second per thread.
const QByteArray &currentDate()
{
    thread_local qint64 second = -1;
    thread_local QByteArray text;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 s = now.toSecsSinceEpoch();
    if (s != second) {
        second = s;
        text = QLocale::c().toString(now, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
    }
    return text;
}

} // namespace

Reply::Reply(QHttpServerResponder &&responder, GuardedSocket *socket, ServerMetrics *metrics)
    : QObject(socket)
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_metrics(metrics)
{ }

void Reply::writeHead(QHttpServerResponder &responder, const GuardedSocket *socket,
                      const HttpResponse &response, qint64 contentLength, bool close)
{
    // The responder takes names and values as QByteArray: literals, not a temporary array per
    // header and answer.
    static const QByteArray date = QByteArrayLiteral("Date");
    static const QByteArray contentType = QByteArrayLiteral("Content-Type");
    static const QByteArray length = QByteArrayLiteral("Content-Length");
    static const QByteArray connection = QByteArrayLiteral("Connection");
    static const QByteArray closeValue = QByteArrayLiteral("close");
    static const QByteArray keepAlive = QByteArrayLiteral("keep-alive");
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader(date, currentDate());
    if (!response.contentType.isEmpty())
        responder.writeHeader(contentType, response.contentType);
    if (contentLength >= 0)
        responder.writeHeader(length, QByteArray::number(contentLength));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    if (close)
        responder.writeHeader(connection, closeValue);
    else if (socket->current().minorVersion == 0)
        responder.writeHeader(connection, keepAlive);
}

void Reply::respond(QHttpServerResponder &&responder, GuardedSocket *socket, ServerMetrics *metrics,
                    HttpResponse &&response)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (metrics)
        metrics->countResponse(response.status, response.errorCode);
    const bool close = socket->closesAfterAnswer();
    const bool bodiless = response.status == 204 || response.status == 304;
    const qint64 length = bodiless ? 0 : response.sendLength();
    writeHead(responder, socket, response, bodiless ? -1 : length, close);
    if (socket->current().method == "HEAD" || response.headOnly || length == 0
        || response.declaredLength >= 0) {
        responder.writeBody("", 0);
        socket->answerDone(close);
        return;
    }
    if (length <= kInlineBody) {
        responder.writeBody(response.body.constData() + response.bodyOffset, length);
        socket->answerDone(close);
        return;
    }
    auto *slices = new Reply(std::move(responder), socket, metrics);
    slices->m_body = std::move(response.body);
    slices->m_bodyPos = response.bodyOffset;
    slices->m_bodyEnd = response.bodyOffset + length;
    slices->m_close = close;
    socket->lendBody(slices->m_body);
    connect(socket, &QIODevice::bytesWritten, slices, &Reply::pump);
    slices->pump();
}

void Reply::pump()
{
    while (!m_done && m_socket && m_socket->state() == QAbstractSocket::ConnectedState
           && m_socket->backlog() < kHighWater) {
        const qint64 n = qMin(kSlice, m_bodyEnd - m_bodyPos);
        m_responder.writeBody(m_body.constData() + m_bodyPos, n);
        m_socket->push();
        m_bodyPos += n;
        if (m_bodyPos >= m_bodyEnd) {
            m_body = QByteArray();
            finish(m_close);
            return;
        }
    }
}

void Reply::finish(bool close)
{
    m_done = true;
    m_streaming = false;
    deleteLater();
    if (m_socket)
        m_socket->answerDone(close);
}

void Reply::beginStream(HttpResponse &&head)
{
    if (m_done || m_streaming || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (m_metrics)
        m_metrics->countResponse(head.status, head.errorCode);
    m_streaming = true;
    m_socket->answerIsStream();
    writeHead(m_responder, m_socket, head, -1, true);
    m_responder.writeBody("", 0);
    m_socket->push();
}

void Reply::streamWrite(QByteArrayView data)
{
    if (!isStreaming())
        return;
    m_responder.writeBody(data.data(), data.size());
    m_socket->push();
}

void Reply::endStream()
{
    if (!m_streaming || m_done)
        return;
    finish(true);
}

qint64 Reply::backlog() const
{
    return m_socket ? m_socket->backlog() : 0;
}

bool Reply::isStreaming() const
{
    return m_streaming && !m_done && m_socket
        && m_socket->state() == QAbstractSocket::ConnectedState;
}

} // namespace Server
