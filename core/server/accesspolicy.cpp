// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesspolicy.h"

#include <QCoreApplication>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Server {

namespace {

QByteArray digest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::AccessPolicy", text);
}

HttpResponse unauthorized(const QString &detail)
{
    HttpResponse r = HttpResponse::error(401, "unauthorized", detail);
    r.addHeader("WWW-Authenticate", "Bearer realm=\"syncstreamer\"");
    return r;
}

} // namespace

AccessPolicy::AccessPolicy(QByteArray writeToken, QByteArray readToken, QStringList allowedOrigins)
{
    if (!writeToken.isEmpty())
        m_writeDigest = digest(writeToken);
    if (!readToken.isEmpty())
        m_readDigest = digest(readToken);
    for (const QString &origin : allowedOrigins) {
        if (origin == u"*")
            m_anyOrigin = true;
        else if (!origin.isEmpty())
            m_origins.append(origin.toUtf8());
    }
}

bool AccessPolicy::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool AccessPolicy::bearerMatches(const HttpRequest &request, const QByteArray &tokenDigest) const
{
    const QByteArray authorization = request.header("authorization");
    constexpr QByteArrayView scheme = "Bearer ";
    if (authorization.size() <= scheme.size()
        || QByteArrayView(authorization).first(scheme.size()).compare(scheme, Qt::CaseInsensitive)
            != 0)
        return false;
    const QByteArray given = authorization.mid(scheme.size()).trimmed();
    return constantTimeEquals(digest(given), tokenDigest);
}

std::optional<HttpResponse> AccessPolicy::checkWrite(const HttpRequest &request) const
{
    if (m_writeDigest.isEmpty()) {
        if (request.peer.isLoopback())
            return std::nullopt;
        return HttpResponse::error(
            403, "forbidden",
            tr("Without a token only this computer may post events. Set one with --token, "
               "--token-file or the SYNCSTREAMER_TOKEN environment variable and send it as "
               "\"Authorization: Bearer <token>\"."));
    }
    if (bearerMatches(request, m_writeDigest))
        return std::nullopt;
    return unauthorized(request.hasHeader("authorization")
                            ? tr("The Bearer token is not the one configured.")
                            : tr("Posting needs \"Authorization: Bearer <token>\"."));
}

std::optional<HttpResponse> AccessPolicy::checkRead(const HttpRequest &request) const
{
    if (m_readDigest.isEmpty())
        return std::nullopt;
    if (bearerMatches(request, m_readDigest)
        || (!m_writeDigest.isEmpty() && bearerMatches(request, m_writeDigest)))
        return std::nullopt;
    return unauthorized(tr("Reading needs \"Authorization: Bearer <read token>\" (--read-token)."));
}

QByteArray AccessPolicy::allowedOrigin(const HttpRequest &request) const
{
    if (m_anyOrigin)
        return "*";
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && m_origins.contains(origin))
        return origin;
    return {};
}

void AccessPolicy::addCorsHeaders(const HttpRequest &request, HttpResponse &response) const
{
    const QByteArray origin = allowedOrigin(request);
    if (!m_anyOrigin)
        response.addHeader("Vary", "Origin");
    if (origin.isEmpty())
        return;
    response.addHeader("Access-Control-Allow-Origin", origin);
    response.addHeader("Access-Control-Expose-Headers",
                       "ETag, Content-Length, Content-Range, Accept-Ranges");
}

HttpResponse AccessPolicy::preflight(const HttpRequest &request, QByteArrayView methods) const
{
    HttpResponse r;
    r.status = 204;
    r.addHeader("Allow", methods.toByteArray());
    const QByteArray origin = allowedOrigin(request);
    if (!m_anyOrigin)
        r.addHeader("Vary", "Origin");
    if (!origin.isEmpty()) {
        r.addHeader("Access-Control-Allow-Origin", origin);
        r.addHeader("Access-Control-Allow-Methods", methods.toByteArray());
        r.addHeader("Access-Control-Allow-Headers",
                    "Authorization, Content-Type, If-None-Match, Range");
        r.addHeader("Access-Control-Max-Age", "86400");
    }
    return r;
}

} // namespace Server
