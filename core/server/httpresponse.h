// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <utility>

namespace Server {

// A response as handlers build it; a Reply writes it through QHttpServerResponder (status line,
// Content-Length, Connection) and paces large bodies.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers, names as sent
    QByteArray body; // implicitly shared: a whole frame is never copied
    qint64 bodyOffset = 0; // the part of `body` to send (a Range)
    qint64 bodyLength = -1; // -1: from bodyOffset to the end
    qint64 declaredLength = -1; // HEAD without loading the body: the Content-Length to announce
    bool headOnly = false; // HEAD: the head of the GET response, no body
    QByteArray errorCode; // for metrics: the "error" member of an error body

    void addHeader(QByteArray name, QByteArray value)
    {
        headers.emplaceBack(std::move(name), std::move(value));
    }
    qint64 sendLength() const
    {
        if (declaredLength >= 0)
            return declaredLength;
        return bodyLength >= 0 ? bodyLength : body.size() - bodyOffset;
    }

    static HttpResponse json(int status, QByteArray body);
    static HttpResponse error(int status, QByteArrayView code, QStringView detail);
};

// True where an If-None-Match list names this entity tag (weak comparison, RFC 9110 13.1.2).
bool ifNoneMatchHits(QByteArrayView header, QByteArrayView etag);

} // namespace Server
