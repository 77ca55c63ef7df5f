// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serverlimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Server {

// Everything the HTTP server is configured with; the command line fills it (app/headless).
struct ServerOptions
{
    static constexpr quint16 kDefaultPort = 8080;
    static constexpr int kDefaultIndexLimit = 100;

    QHostAddress bindAddress = QHostAddress::Any; // all interfaces, IPv4 and IPv6
    quint16 port = kDefaultPort; // 0: any free port (see HttpServer::port())
    int threads = 0; // worker threads; 0: one per core
    ServerLimits limits;
    int indexLimit = kDefaultIndexLimit; // frames listed by GET /frame without a selection
    QByteArray writeToken; // required as a Bearer token on POST when set
    QByteArray readToken; // required on reads when set
    // Origins (scheme://host[:port]) whose web pages may post, besides the server's own; "*":
    // any. With --read-token, also those whose pages may read.
    QStringList allowedOrigins;
    // Host header names served besides localhost, this machine's names and addresses; "*": any.
    QStringList allowedHosts;
    QString tlsCertificateFile; // PEM; both set: HTTPS only
    QString tlsKeyFile;
};

} // namespace Server
