// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker.h"

#include "api.h"
#include "engine/engineapi.h"
#include "guard.h"
#include "livefeed.h"
#include "peerconnections.h"
#include "reply.h"
#include "servermetrics.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QSslServer>
#include <QTcpServer>

#include <unistd.h>

namespace Server {

namespace {

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
        // A refused connection gets its 503 and closes; it is not counted, so refusals never
        // take the places of admitted connections.
        std::shared_ptr<PeerConnections::Place> place;
        const PeerConnections::Admission admission = m_context.peers->tryOpen(
            wire->peerAddress(), limits.maxConnections, limits.maxConnectionsPerPeer, &place);
        if (admission != PeerConnections::Admission::Admitted) {
            if (metrics)
                metrics->connectionRefused();
            refusal = RequestParser::Failure {
                503, "too_many_connections",
                admission == PeerConnections::Admission::ServerFull
                    ? QCoreApplication::translate("Server::Worker",
                                                  "The server has reached its connection limit.")
                    : QCoreApplication::translate("Server::Worker",
                                                  "This address has %1 connections open "
                                                  "already, each in the middle of a request; "
                                                  "close one first.")
                          .arg(limits.maxConnectionsPerPeer),
                -1};
        }
        return new GuardedSocket(wire, limits, metrics, std::move(refusal), std::move(place), this);
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
        // The request line, the headers and the connection's semantics as the guard checked
        // them (Qt 6.4's QHttpServerRequest keeps neither the method as sent nor the version,
        // and rebuilds the target into a QUrl with the Host header); the body as Qt parsed it.
        HttpRequest r = guard->current();
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
    const ServerLimits &limits = m_context.options.limits;
    m_sweep->setInterval(qBound(50, qMin(limits.idleTimeoutMs, limits.headerTimeoutMs) / 4, 1000));
    connect(m_sweep, &QTimer::timeout, this, &Worker::checkTimeouts);
    m_sweep->start();
}

void Worker::tearDown()
{
    delete m_sweep;
    m_sweep = nullptr;
    m_listener = nullptr;
    m_http.reset(); // its listener, the connections and their replies
    m_api.reset();
    m_feed.reset();
}

QTcpServer *Worker::makeListener()
{
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
    listener->setMaxPendingConnections(m_context.options.limits.maxConnections);
    // A burst of connections waits in the kernel instead of being dropped.
    listener->setListenBacklogSize(m_context.options.limits.maxConnections);
    return listener;
}

quint16 Worker::listen(const QHostAddress &address, quint16 port, QString *error)
{
    QTcpServer *listener = makeListener();
    if (!listener->listen(address, port)) {
        *error = listener->errorString();
        delete listener;
        return 0;
    }
    m_listener = listener;
    m_http->bind(listener); // takes ownership
    return listener->serverPort();
}

quint16 Worker::listen(qintptr descriptor, QString *error)
{
    QTcpServer *listener = makeListener();
    if (!listener->setSocketDescriptor(descriptor)) {
        *error = listener->errorString();
        ::close(int(descriptor));
        delete listener;
        return 0;
    }
    m_listener = listener;
    m_http->bind(listener);
    return listener->serverPort();
}

qintptr Worker::listeningDescriptor() const
{
    return m_listener ? m_listener->socketDescriptor() : -1;
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
