// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker.h"

#include "api.h"
#include "connection.h"
#include "engine/engineapi.h"
#include "livefeed.h"
#include "servermetrics.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <unistd.h>

namespace Server {

namespace {

// A QTcpServer that hands accepted descriptors on instead of queueing sockets.
class Listener final : public QTcpServer
{
public:
    Listener(std::function<void(qintptr)> dispatch, QObject *parent)
        : QTcpServer(parent)
        , m_dispatch(std::move(dispatch))
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_dispatch(descriptor); }

private:
    std::function<void(qintptr)> m_dispatch;
};

} // namespace

Worker::Worker(const ApiContext &context, std::optional<QSslConfiguration> tls)
    : m_context(context)
    , m_tls(std::move(tls))
{ }

Worker::~Worker() = default;

void Worker::setUp()
{
    m_connections = std::make_unique<QObject>();
    m_feed =
        std::make_unique<LiveFeed>(m_context.engine, m_context.options.limits, m_context.metrics);
    m_api = std::make_unique<Api>(m_context, m_feed.get());
    m_sweep = new QTimer(this);
    // Often enough that a timeout is late by at most a quarter of itself.
    m_sweep->setInterval(qBound(50, m_context.options.limits.idleTimeoutMs / 4, 1000));
    connect(m_sweep, &QTimer::timeout, this, &Worker::checkTimeouts);
    m_sweep->start();
}

void Worker::tearDown()
{
    delete m_listener;
    m_listener = nullptr;
    delete m_sweep;
    m_sweep = nullptr;
    m_connections.reset();
    m_api.reset();
    m_feed.reset();
}

quint16 Worker::listen(const QHostAddress &address, quint16 port,
                       std::function<void(qintptr)> dispatch, QString *error)
{
    auto *listener = new Listener(std::move(dispatch), this);
    listener->setMaxPendingConnections(m_context.options.limits.maxConnections);
    if (!listener->listen(address, port)) {
        *error = listener->errorString();
        delete listener;
        return 0;
    }
    m_listener = listener;
    return listener->serverPort();
}

void Worker::adopt(qintptr descriptor)
{
    if (!m_connections) {
        ::close(int(descriptor));
        return;
    }
    QTcpSocket *socket = m_tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        return;
    }
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        ssl->setSslConfiguration(*m_tls);
        ssl->startServerEncryption();
    }
    new Connection(socket, m_api.get(), m_context.options.limits, m_context.metrics,
                   m_connections.get());
}

void Worker::checkTimeouts()
{
    if (!m_connections)
        return;
    const qint64 now = Connection::steadyNowMs();
    const QList<Connection *> connections =
        m_connections->findChildren<Connection *>(Qt::FindDirectChildrenOnly);
    for (Connection *c : connections)
        c->checkTimeouts(now);
}

} // namespace Server
