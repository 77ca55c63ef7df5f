// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"

#include "accesspolicy.h"
#include "channelrates.h"
#include "engine/engineapi.h"
#include "guard.h"
#include "peerconnections.h"
#include "servermetrics.h"
#include "webfiles.h"
#include "worker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QThread>

#include <future>

#include <sys/resource.h>
#include <unistd.h>

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::HttpServer", text);
}

// Every connection is a descriptor: the soft limit (often 1024) would otherwise end accepting
// long before --max-connections.
void raiseDescriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

std::optional<QSslConfiguration> loadTls(const ServerOptions &options, QString *error)
{
    QFile certFile(options.tlsCertificateFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the TLS certificate %1: %2")
                     .arg(options.tlsCertificateFile, certFile.errorString());
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        *error = tr("%1 holds no PEM certificate.").arg(options.tlsCertificateFile);
        return std::nullopt;
    }
    QFile keyFile(options.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error =
            tr("Cannot read the TLS key %1: %2").arg(options.tlsKeyFile, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = tr("%1 holds no PEM RSA or EC private key.").arg(options.tlsKeyFile);
        return std::nullopt;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    // Clients are not asked for certificates (a browser would show a picker otherwise).
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

} // namespace

HttpServer::HttpServer(Engine::EngineApi *engine, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_metrics(std::make_unique<ServerMetrics>())
    , m_rates(std::make_unique<ChannelRates>())
    , m_peers(std::make_unique<PeerConnections>())
{
    syncstreamerInitWebResources();
    webFile("/"); // reads and hashes the web player's files now, not on the first request
    m_context.engine = engine;
    m_context.options = std::move(options);
    m_context.metrics = m_metrics.get();
    m_context.rates = m_rates.get();
    m_context.peers = m_peers.get();
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::start(QString *error)
{
    if (isListening())
        return true;
    QString ignored;
    if (!error)
        error = &ignored;
    std::optional<QSslConfiguration> tls;
    const ServerOptions &options = m_context.options;
    if (!options.tlsCertificateFile.isEmpty() || !options.tlsKeyFile.isEmpty()) {
        if (options.tlsCertificateFile.isEmpty() || options.tlsKeyFile.isEmpty()) {
            *error = tr("HTTPS needs both --tls-cert and --tls-key.");
            return false;
        }
        if (!QSslSocket::supportsSsl()) {
            *error = tr("This build of Qt has no TLS support.");
            return false;
        }
        tls = loadTls(options, error);
        if (!tls)
            return false;
    }

    // This machine's names and addresses as they are now: the Host check's list.
    m_access = std::make_unique<AccessPolicy>(options.writeToken, options.readToken,
                                              options.allowedOrigins, options.allowedHosts,
                                              AccessPolicy::localNames());
    m_context.access = m_access.get();
    raiseDescriptorLimit();
    m_context.startedAtMs = GuardedSocket::steadyNowMs();
    // Statistics that must count each event once, not once per worker: run in the engine's
    // thread, guarded by their own atomics and lock.
    connect(
        m_context.engine, &Engine::EngineApi::activity, this,
        [rates = m_rates.get()](const QList<Engine::ChannelActivity> &channels) {
            rates->record(channels, QDateTime::currentMSecsSinceEpoch());
        },
        Qt::DirectConnection);
    connect(
        m_context.engine, &Engine::EngineApi::frameFinished, this,
        [metrics = m_metrics.get()] { metrics->frameFinished(); }, Qt::DirectConnection);

    const int count = options.threads > 0 ? options.threads : qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < count; ++i) {
        // A thread of the standard library, which Qt adopts: its event loop runs until
        // stop() ends it, and stop() joins it.
        std::promise<QThread *> adopted;
        std::future<QThread *> thread = adopted.get_future();
        const QString name = QStringLiteral("http-%1").arg(i);
        m_threads.emplace_back([&adopted, name] {
            QThread::currentThread()->setObjectName(name);
            QEventLoop loop;
            adopted.set_value(QThread::currentThread());
            loop.exec();
        });
        auto worker = std::make_unique<Worker>(m_context, tls);
        worker->moveToThread(thread.get());
        QMetaObject::invokeMethod(worker.get(), &Worker::setUp, Qt::BlockingQueuedConnection);
        m_workers.push_back(std::move(worker));
    }

    // One listening socket; every other worker accepts on a duplicate of it.
    quint16 port = 0;
    Worker *first = m_workers.front().get();
    QMetaObject::invokeMethod(
        first, [&] { port = first->listen(options.bindAddress, options.port, error); },
        Qt::BlockingQueuedConnection);
    for (size_t i = 1; port != 0 && i < m_workers.size(); ++i) {
        Worker *worker = m_workers[i].get();
        const qintptr own = ::dup(int(first->listeningDescriptor()));
        QMetaObject::invokeMethod(
            worker, [&] { port = own < 0 ? 0 : worker->listen(own, error); },
            Qt::BlockingQueuedConnection);
    }
    if (port == 0) {
        *error = tr("Cannot listen on %1 port %2: %3")
                     .arg(options.bindAddress.toString())
                     .arg(options.port)
                     .arg(*error);
        stop();
        return false;
    }
    m_port = port;
    return true;
}

void HttpServer::stop()
{
    for (auto &worker : m_workers) {
        QMetaObject::invokeMethod(worker.get(), &Worker::tearDown, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(worker.get(), [] { QThread::currentThread()->exit(); });
    }
    for (std::thread &thread : m_threads)
        thread.join();
    m_workers.clear();
    m_threads.clear();
    m_port = 0;
    disconnect(m_context.engine, nullptr, this, nullptr);
}

} // namespace Server
