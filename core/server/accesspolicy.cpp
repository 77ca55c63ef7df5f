// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesspolicy.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkInterface>

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

// The host and port of "host[:port]" (a Host header, the authority of an origin): the host in
// lower case without a trailing dot, an IPv6 address without brackets or zone; nullopt where
// malformed.
struct Authority
{
    QByteArray host;
    int port = -1; // -1: none given
};

std::optional<Authority> splitAuthority(QByteArrayView text)
{
    const QByteArray hostPort = text.toByteArray();
    Authority a;
    qsizetype portStart = -1;
    if (hostPort.startsWith('[')) {
        const qsizetype close = hostPort.indexOf(']');
        if (close < 0)
            return std::nullopt;
        a.host = hostPort.mid(1, close - 1);
        if (close + 1 < hostPort.size()) {
            if (hostPort[close + 1] != ':')
                return std::nullopt;
            portStart = close + 2;
        }
        if (const qsizetype zone = a.host.indexOf('%'); zone >= 0)
            a.host.truncate(zone);
    } else {
        const qsizetype colon = hostPort.indexOf(':');
        a.host = colon < 0 ? hostPort : hostPort.left(colon);
        if (colon >= 0)
            portStart = colon + 1;
    }
    if (portStart >= 0) {
        bool ok = false;
        const QByteArray port = hostPort.mid(portStart);
        a.port = port.toInt(&ok);
        if (!ok || port.isEmpty() || port.front() < '0' || port.front() > '9' || a.port < 0
            || a.port > 65535)
            return std::nullopt;
    }
    const bool bracketed = hostPort.startsWith('[');
    for (const char c : std::as_const(a.host)) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!(alnum || c == '.' || (bracketed ? c == ':' : c == '-' || c == '_')))
            return std::nullopt;
    }
    a.host = a.host.toLower();
    if (a.host.endsWith('.'))
        a.host.chop(1);
    if (a.host.isEmpty())
        return std::nullopt;
    return a;
}

// An origin (RFC 6454) as "scheme://host:port" with the scheme's default port spelled out, and
// its parts; nullopt for "null" and anything else that is no scheme://host[:port][/].
struct Origin
{
    QByteArray scheme;
    Authority authority;
    QByteArray text;
};

std::optional<Origin> parseOrigin(QByteArrayView text)
{
    const qsizetype sep = text.indexOf("://");
    if (sep <= 0)
        return std::nullopt;
    QByteArrayView rest = text.sliced(sep + 3);
    if (rest.endsWith('/'))
        rest.chop(1);
    if (rest.contains('/') || rest.contains('@') || rest.contains('?'))
        return std::nullopt;
    Origin o;
    o.scheme = text.first(sep).toByteArray().toLower();
    std::optional<Authority> authority = splitAuthority(rest);
    if (!authority)
        return std::nullopt;
    o.authority = std::move(*authority);
    if (o.authority.port < 0)
        o.authority.port = o.scheme == "https" ? 443 : o.scheme == "http" ? 80 : -1;
    const bool v6 = o.authority.host.contains(':');
    o.text = o.scheme + "://" + (v6 ? '[' + o.authority.host + ']' : o.authority.host) + ':'
        + QByteArray::number(o.authority.port);
    return o;
}

} // namespace

AccessPolicy::AccessPolicy(QByteArray writeToken, QByteArray readToken,
                           const QStringList &allowedOrigins, const QStringList &allowedHosts,
                           QSet<QByteArray> localNames)
    : m_machine(std::move(localNames))
{
    if (!writeToken.isEmpty())
        m_writeDigest = digest(writeToken);
    if (!readToken.isEmpty())
        m_readDigest = digest(readToken);
    for (const QString &origin : allowedOrigins) {
        if (origin == u"*")
            m_anyOrigin = true;
        else if (const std::optional<Origin> o = parseOrigin(origin.trimmed().toUtf8()))
            m_origins.append(o->text);
    }
    for (const QString &host : allowedHosts) {
        if (host == u"*")
            m_anyHost = true;
        else if (const std::optional<Authority> a = splitAuthority(host.trimmed().toUtf8()))
            m_listedHosts.insert(a->host);
    }
}

bool AccessPolicy::isOriginPattern(const QString &text)
{
    return text == u"*" || parseOrigin(text.toUtf8()).has_value();
}

bool AccessPolicy::isHostPattern(const QString &text)
{
    return text == u"*" || splitAuthority(text.toUtf8()).has_value();
}

QSet<QByteArray> AccessPolicy::localNames()
{
    QSet<QByteArray> names;
    const QByteArray host = QHostInfo::localHostName().toLower().toUtf8();
    if (!host.isEmpty()) {
        names.insert(host);
        // The name multicast DNS gives this machine on the LAN.
        if (!host.contains('.'))
            names.insert(host + ".local");
        const QByteArray domain = QHostInfo::localDomainName().toLower().toUtf8();
        if (!domain.isEmpty())
            names.insert(host + '.' + domain);
    }
    for (QHostAddress address : QNetworkInterface::allAddresses()) {
        address.setScopeId(QString());
        names.insert(address.toString().toLower().toLatin1());
    }
    return names;
}

bool AccessPolicy::isMachineName(const QByteArray &host) const
{
    if (host == "localhost" || host.endsWith(".localhost"))
        return true;
    QHostAddress address;
    if (address.setAddress(QString::fromLatin1(host)) && address.isLoopback())
        return true;
    return m_machine.contains(host);
}

std::optional<HttpResponse> AccessPolicy::checkHost(const HttpRequest &request,
                                                    HostVerdict *connection) const
{
    const QByteArray host = request.header("host");
    if (connection && !host.isEmpty() && host == connection->acceptedHost)
        return std::nullopt;
    // An HTTP/1.0 client may send none; browsers always do, so DNS rebinding cannot go there.
    if (host.isEmpty() && request.minorVersion == 0 && !request.hasHeader("host"))
        return std::nullopt;
    if (m_anyHost)
        return std::nullopt;
    if (const std::optional<Authority> a = splitAuthority(host)) {
        if (isMachineName(a->host) || m_listedHosts.contains(a->host)) {
            if (connection)
                connection->acceptedHost = host;
            return std::nullopt;
        }
    }
    return HttpResponse::error(
        421, "unknown_host",
        tr("This server does not answer for the host \"%1\": it is not localhost, a name or "
           "address of this computer, nor listed in --allow-host.")
            .arg(QString::fromUtf8(host.left(200))));
}

bool AccessPolicy::originTrusted(const HttpRequest &request, QByteArrayView origin) const
{
    if (m_anyOrigin)
        return true;
    const std::optional<Origin> o = parseOrigin(origin);
    if (!o)
        return false;
    if (m_origins.contains(o->text))
        return true;
    const QByteArray scheme = request.encrypted ? "https" : "http";
    if (o->scheme != scheme)
        return false;
    // The server's own origin, as the request's Host names it (checkHost() vouched for it)...
    const std::optional<Origin> own =
        parseOrigin(QByteArray(scheme + "://" + request.header("host")));
    if (own && own->text == o->text)
        return true;
    // ...or one of this computer's names and addresses on the port the request came to.
    return o->authority.port == request.localPort && isMachineName(o->authority.host);
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
    // Browsers send Origin with every cross-site POST: a page from elsewhere never writes,
    // whatever the peer or the token.
    if (const QByteArray origin = request.header("origin");
        !origin.isEmpty() && !originTrusted(request, origin)) {
        return HttpResponse::error(
            403, "forbidden_origin",
            tr("Web pages from %1 may not post here; allow their origin with --allow-origin.")
                .arg(QString::fromUtf8(origin.left(200))));
    }
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

QByteArray AccessPolicy::allowedOrigin(const HttpRequest &request, bool write) const
{
    // Frames are public on the LAN unless a read token is set: any page may read them.
    if (!write && m_readDigest.isEmpty())
        return "*";
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && originTrusted(request, origin))
        return origin;
    return {};
}

void AccessPolicy::addCorsHeaders(const HttpRequest &request, HttpResponse &response,
                                  bool write) const
{
    const QByteArray origin = allowedOrigin(request, write);
    if (origin != "*")
        response.addHeader("Vary", "Origin");
    if (origin.isEmpty())
        return;
    response.addHeader("Access-Control-Allow-Origin", origin);
    response.addHeader("Access-Control-Expose-Headers",
                       "ETag, Content-Length, Content-Range, Accept-Ranges");
}

HttpResponse AccessPolicy::preflight(const HttpRequest &request, QByteArrayView methods,
                                     bool write) const
{
    HttpResponse r;
    r.status = 204;
    r.addHeader("Allow", methods.toByteArray());
    const QByteArray origin = allowedOrigin(request, write);
    if (origin != "*")
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
