// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace Server {

// Who may do what: Bearer tokens for writes (and optionally reads), the loopback-only rule for
// writes when no token is configured, and the CORS headers of cross-origin reads.
class AccessPolicy
{
public:
    AccessPolicy(QByteArray writeToken, QByteArray readToken, QStringList allowedOrigins);

    // nullopt: allowed; otherwise the 401 or 403 to answer.
    std::optional<HttpResponse> checkWrite(const HttpRequest &request) const;
    std::optional<HttpResponse> checkRead(const HttpRequest &request) const;

    // Adds Access-Control-* headers to a response to a GET or HEAD.
    void addCorsHeaders(const HttpRequest &request, HttpResponse &response) const;
    // The answer to an OPTIONS preflight for a path that allows `methods`.
    HttpResponse preflight(const HttpRequest &request, QByteArrayView methods) const;

    // Compares without an early exit, so the time taken says nothing about the token.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    bool bearerMatches(const HttpRequest &request, const QByteArray &tokenDigest) const;
    QByteArray allowedOrigin(const HttpRequest &request) const;

    QByteArray m_writeDigest; // SHA-256 of the tokens: equal length, so comparing leaks no size
    QByteArray m_readDigest;
    QList<QByteArray> m_origins;
    bool m_anyOrigin = false;
};

} // namespace Server
