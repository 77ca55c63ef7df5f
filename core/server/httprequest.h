// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>

#include <utility>

namespace Server {

// One HTTP/1.x request: its head as the admission guard checked it, its headers and body as
// QHttpServer parsed them, as the API sees it.
struct HttpRequest
{
    QByteArray method; // as sent, case-sensitive (RFC 9110: "GET", never "get")
    QByteArray target; // the request target as sent
    QByteArray path; // the target's path, still percent-encoded
    QByteArray query; // after '?', still percent-encoded, empty where none
    int minorVersion = 1; // HTTP/1.<minorVersion>
    bool keepAlive = true; // false: the connection closes after the response
    bool hasBody = false; // a Content-Length or chunked body was declared
    QHostAddress peer; // the client's address
    quint16 localPort = 0; // the server's port the request arrived on
    bool encrypted = false; // arrived over TLS
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case, values trimmed
    QByteArray body;

    // The first header with that (lower-case) name, or an empty array.
    QByteArray header(QByteArrayView lowerCaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerCaseName)
                return h.second;
        }
        return {};
    }
    bool hasHeader(QByteArrayView lowerCaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerCaseName)
                return true;
        }
        return false;
    }
};

} // namespace Server
