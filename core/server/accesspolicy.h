// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QSet>
#include <QStringList>

#include <optional>

namespace Server {

// Who may do what: the Host a request names (against DNS rebinding), the Origin of writes
// (against cross-site posts), Bearer tokens for writes (and optionally reads), the loopback-only
// rule for writes when no token is configured, and the CORS headers.
class AccessPolicy
{
public:
    // localNames: this machine's host names and addresses as a Host header gives them (lower
    // case, IPv6 without brackets or scope), computed once at start (localNames()).
    AccessPolicy(QByteArray writeToken, QByteArray readToken, const QStringList &allowedOrigins,
                 const QStringList &allowedHosts, QSet<QByteArray> localNames);

    // This machine's host names and every address of its interfaces. Not for a GUI thread.
    static QSet<QByteArray> localNames();
    // What --allow-origin and --allow-host take: "*", or scheme://host[:port] and host.
    static bool isOriginPattern(const QString &text);
    static bool isHostPattern(const QString &text);

    // The Host that checkHost() accepted on one connection: a client sends the same one with
    // every request, and it is not parsed again.
    struct HostVerdict
    {
        QByteArray acceptedHost;
    };

    // nullopt: the request's Host names this server; otherwise the 421 to answer. `connection`:
    // what was accepted before on the request's connection, updated.
    std::optional<HttpResponse> checkHost(const HttpRequest &request,
                                          HostVerdict *connection = nullptr) const;
    // nullopt: allowed; otherwise the 401 or 403 to answer. Checks the Origin first.
    std::optional<HttpResponse> checkWrite(const HttpRequest &request) const;
    std::optional<HttpResponse> checkRead(const HttpRequest &request) const;

    // Adds Access-Control-* headers to a response to a GET or HEAD, or (write) to a POST.
    void addCorsHeaders(const HttpRequest &request, HttpResponse &response, bool write) const;
    // The answer to an OPTIONS preflight for a path that allows `methods`; write: POST is one.
    HttpResponse preflight(const HttpRequest &request, QByteArrayView methods, bool write) const;

    // Compares without an early exit, so the time taken says nothing about the token.
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    bool bearerMatches(const HttpRequest &request, const QByteArray &tokenDigest) const;
    // localhost, a loopback address, or one of this machine's names and addresses.
    bool isMachineName(const QByteArray &host) const;
    // The server's own origin, one of this machine's names on the port the request came to, or
    // listed in --allow-origin: its pages may post (and read with a read token).
    bool originTrusted(const HttpRequest &request, QByteArrayView origin) const;
    // What Access-Control-Allow-Origin says to this request; empty: nothing.
    QByteArray allowedOrigin(const HttpRequest &request, bool write) const;

    QByteArray m_writeDigest; // SHA-256 of the tokens: equal length, so comparing leaks no size
    QByteArray m_readDigest;
    QList<QByteArray> m_origins; // normalised: scheme://host:port
    bool m_anyOrigin = false;
    QSet<QByteArray> m_machine; // this machine's names and addresses, lower case
    QSet<QByteArray> m_listedHosts; // --allow-host, lower case
    bool m_anyHost = false;
};

} // namespace Server
