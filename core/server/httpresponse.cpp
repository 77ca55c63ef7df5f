// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpresponse.h"

#include "jsonutil.h"

#include <QDateTime>
#include <QLocale>

namespace Server {

namespace {

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

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::error(int status, QByteArrayView code, QStringView detail)
{
    HttpResponse r = json(status, Json::error(code, detail));
    r.errorCode = code.toByteArray();
    r.addHeader("Cache-Control", "no-store");
    return r;
}

// True where an If-None-Match list names this entity tag (weak comparison, RFC 9110 13.1.2).
bool ifNoneMatchHits(QByteArrayView header, QByteArrayView etag)
{
    while (!header.isEmpty()) {
        const qsizetype comma = header.indexOf(',');
        QByteArrayView tag = (comma < 0 ? header : header.first(comma)).trimmed();
        if (tag == "*")
            return true;
        if (tag.startsWith("W/"))
            tag = tag.sliced(2);
        if (tag == etag)
            return true;
        if (comma < 0)
            break;
        header = header.sliced(comma + 1);
    }
    return false;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

QByteArray serializeHead(const HttpResponse &response, qint64 contentLength, bool close)
{
    QByteArray head;
    head.reserve(256);
    head.append("HTTP/1.1 ");
    Json::appendNumber(head, response.status);
    head.append(' ');
    head.append(reasonPhrase(response.status));
    head.append("\r\nDate: ");
    head.append(currentDate());
    if (!response.contentType.isEmpty()) {
        head.append("\r\nContent-Type: ");
        head.append(response.contentType);
    }
    if (contentLength >= 0) {
        head.append("\r\nContent-Length: ");
        Json::appendNumber(head, contentLength);
    }
    for (const auto &[name, value] : response.headers) {
        head.append("\r\n");
        head.append(name);
        head.append(": ");
        head.append(value);
    }
    if (close)
        head.append("\r\nConnection: close");
    head.append("\r\n\r\n");
    return head;
}

} // namespace Server
