// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker.h"

#include "api.h"
#include "engine/engineapi.h"
#include "guard.h"
#include "livefeed.h"
#include "reply.h"
#include "servermetrics.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QSslServer>
#include <QTcpServer>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Server {

namespace {

// A listening socket that shares its port with the other workers' (SO_REUSEPORT). -1 and
// *error on failure.
int openListeningSocket(const QHostAddress &address, quint16 port, QString *error)
{
    const bool any = address == QHostAddress::Any;
    const bool v6 = any || address.protocol() == QAbstractSocket::IPv6Protocol;
    int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    bool fallbackV4 = false;
    if (fd < 0 && any) { // a host without IPv6
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        fallbackV4 = true;
    }
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    int rc;
    if (v6 && !fallbackV4) {
        const int v6only = any ? 0 : 1; // Any: IPv4 and IPv6
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
        sockaddr_in6 a {};
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(port);
        if (!any) {
            const Q_IPV6ADDR ip = address.toIPv6Address();
            std::memcpy(&a.sin6_addr, ip.c, sizeof a.sin6_addr);
            a.sin6_scope_id = address.scopeId().toUInt();
        }
        rc = ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
    } else {
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = any ? htonl(INADDR_ANY) : htonl(address.toIPv4Address());
        rc = ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
    }
    if (rc != 0 || ::listen(fd, SOMAXCONN) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

// The project's listening server: every connection QAbstractHttpServer takes from it is
// handed over inside the admission guard. Base is QTcpServer or, for HTTPS, QSslServer (which
// hands over connections once their handshake is done).
template<typename Base> class GuardingListener final : public Base
{
public:
    GuardingListener(const ApiContext &context, QObject *parent)
        : Base(parent)
        , m_context(context)
    { }

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *wire = Base::nextPendingConnection();
        if (!wire)
            return nullptr;
        std::optional<RequestParser::Failure> refusal;
        ServerMetrics *metrics = m_context.metrics;
        const ServerLimits &limits = m_context.options.limits;
        if (metrics && metrics->connections() >= limits.maxConnections) {
            metrics->connectionRefused();
            refusal = RequestParser::Failure {
                503, "too_many_connections",
                QCoreApplication::translate("Server::Worker",
                                            "The server has reached its connection limit."),
                -1};
        }
        return new GuardedSocket(wire, limits, metrics, std::move(refusal), this);
    }

private:
    const ApiContext &m_context;
};

// Every request QAbstractHttpServer parsed goes to the API; what the guard refused is
// answered with its error.
class ApiServer final : public QAbstractHttpServer
{
public:
    ApiServer(const ApiContext &context, Api *api)
        : m_context(context)
        , m_api(api)
    { }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        auto *guard = qobject_cast<GuardedSocket *>(socket);
        if (!guard)
            return false;
        QHttpServerResponder responder = makeResponder(request, socket);
        if (const std::optional<RequestParser::Failure> &refused = guard->refusal()) {
            HttpResponse r = HttpResponse::error(refused->status, refused->error, refused->detail);
            if (refused->status == 503)
                r.addHeader("Retry-After", "1");
            Reply::respond(std::move(responder), guard, m_context.metrics, std::move(r));
            return true;
        }
        // The request line and the connection's semantics as the guard checked them (Qt 6.4's
        // QHttpServerRequest keeps neither the method as sent nor the version, and rebuilds
        // the target into a QUrl with the Host header); headers and body as Qt parsed them.
        // The canonical form QHttpServer read names headers in lower case, as the API looks
        // them up.
        HttpRequest r = guard->current();
        r.headers = request.headers();
        r.body = request.body();
        m_api->handle(std::move(r), std::move(responder), guard);
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *socket) override
    {
        socket->disconnectFromHost();
    }

private:
    const ApiContext &m_context;
    Api *m_api;
};

} // namespace

Worker::Worker(const ApiContext &context, std::optional<QSslConfiguration> tls)
    : m_context(context)
    , m_tls(std::move(tls))
{ }

Worker::~Worker() = default;

void Worker::setUp()
{
    m_feed =
        std::make_unique<LiveFeed>(m_context.engine, m_context.options.limits, m_context.metrics);
    m_api = std::make_unique<Api>(m_context, m_feed.get());
    m_http = std::make_unique<ApiServer>(m_context, m_api.get());
    m_sweep = new QTimer(this);
    // Often enough that a timeout is late by at most a quarter of itself.
    m_sweep->setInterval(qBound(50, m_context.options.limits.idleTimeoutMs / 4, 1000));
    connect(m_sweep, &QTimer::timeout, this, &Worker::checkTimeouts);
    m_sweep->start();
}

void Worker::tearDown()
{
    delete m_sweep;
    m_sweep = nullptr;
    m_http.reset(); // its listener, the connections and their replies
    m_api.reset();
    m_feed.reset();
}

quint16 Worker::listen(const QHostAddress &address, quint16 port, QString *error)
{
    const int fd = openListeningSocket(address, port, error);
    if (fd < 0)
        return 0;
    QTcpServer *listener;
    if (m_tls) {
        auto *tls = new GuardingListener<QSslServer>(m_context, nullptr);
        tls->setSslConfiguration(*m_tls);
        // A client that never finishes its handshake is not yet guarded: Qt cuts it off.
        tls->setHandshakeTimeout(m_context.options.limits.idleTimeoutMs);
        listener = tls;
    } else {
        listener = new GuardingListener<QTcpServer>(m_context, nullptr);
    }
    if (!listener->setSocketDescriptor(fd)) {
        *error = listener->errorString();
        ::close(fd);
        delete listener;
        return 0;
    }
    m_http->bind(listener); // takes ownership
    return listener->serverPort();
}

void Worker::checkTimeouts()
{
    if (!m_http)
        return;
    const qint64 now = GuardedSocket::steadyNowMs();
    for (QTcpServer *listener : m_http->servers()) {
        const QList<GuardedSocket *> sockets =
            listener->findChildren<GuardedSocket *>(Qt::FindDirectChildrenOnly);
        for (GuardedSocket *s : sockets)
            s->checkTimeouts(now);
    }
}

} // namespace Server
