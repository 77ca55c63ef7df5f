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
    , m_head(socket->current().method == "HEAD")
{ }

void Reply::writeHead(const HttpResponse &response, qint64 contentLength, bool close)
{
    m_responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    m_responder.writeHeader("Date", currentDate());
    if (!response.contentType.isEmpty())
        m_responder.writeHeader("Content-Type", response.contentType);
    if (contentLength >= 0)
        m_responder.writeHeader("Content-Length", QByteArray::number(contentLength));
    for (const auto &[name, value] : response.headers)
        m_responder.writeHeader(name, value);
    if (close)
        m_responder.writeHeader("Connection", "close");
    else if (m_socket->current().minorVersion == 0)
        m_responder.writeHeader("Connection", "keep-alive");
}

void Reply::respond(HttpResponse &&response)
{
    if (m_done || m_streaming || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (m_metrics)
        m_metrics->countResponse(response.status, response.errorCode);
    const bool close = m_socket->closesAfterAnswer();
    const bool bodiless = response.status == 204 || response.status == 304;
    const qint64 length = bodiless ? 0 : response.sendLength();
    writeHead(response, bodiless ? -1 : length, close);
    if (m_head || response.headOnly || length == 0 || response.declaredLength >= 0) {
        m_responder.writeBody("", 0);
        finish(close);
        return;
    }
    if (length <= kInlineBody) {
        m_responder.writeBody(response.body.constData() + response.bodyOffset, length);
        finish(close);
        return;
    }
    m_body = std::move(response.body);
    m_bodyPos = response.bodyOffset;
    m_bodyEnd = response.bodyOffset + length;
    m_close = close;
    connect(m_socket, &QIODevice::bytesWritten, this, &Reply::pump);
    pump();
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
    writeHead(head, -1, true);
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
