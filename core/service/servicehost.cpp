// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicehost.h"

#include "servicerunner.h"

#include "server/servermetrics.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

// The host on its service thread: runs the lifecycle and publishes the state.
class ServiceHost::Backend : public QObject
{
public:
    explicit Backend(ServiceHost *host)
        : m_host(host)
        , m_stats(new QTimer(this))
    {
        m_stats->setInterval(1000);
        connect(m_stats, &QTimer::timeout, this, [this] { publish(); });
    }

    void apply(const ServiceConfig &config)
    {
        stopAll();
        m_config = config;
        m_state = {};
        m_state.phase = ServiceState::Phase::Starting;
        m_state.bindAddress = config.server.bindAddress;
        m_state.tls = !config.server.tlsCertificateFile.isEmpty();
        publish();

        QString error;
        if (!m_runner.startEngine(config.engine, &error)) {
            m_state.phase = ServiceState::Phase::Failed;
            m_state.error = error;
            publish();
            return;
        }
        if (!m_runner.startSources(config.mqtt, &error)) {
            m_runner.stop();
            m_state.phase = ServiceState::Phase::Failed;
            m_state.error = error;
            publish();
            return;
        }
        const std::shared_ptr<Engine::EngineApi> engine = m_runner.engine();
        m_lastEvents = engine->status().eventsAccepted;
        m_clock.start();
        QMetaObject::invokeMethod(m_host, [host = m_host, engine] { host->onEngine(engine); });
        m_state.phase = ServiceState::Phase::Running;
        if (config.serve)
            startServer();
        m_stats->start();
        publish();
    }

    void setServing(bool serving)
    {
        m_config.serve = serving;
        if (!serving)
            stopServer();
        else if (m_runner.engine() && !m_runner.server())
            startServer();
        publish();
    }

    void restartServer(const Server::ServerOptions &options)
    {
        m_config.server = options;
        m_state.bindAddress = options.bindAddress;
        m_state.tls = !options.tlsCertificateFile.isEmpty();
        m_state.error.clear();
        stopServer();
        if (m_runner.engine() && m_config.serve)
            startServer();
        publish();
    }

    void stopAll()
    {
        m_stats->stop();
        stopServer();
        if (m_runner.engine())
            QMetaObject::invokeMethod(m_host, [host = m_host] { host->onEngine(nullptr); });
        m_runner.stop();
        m_state.phase = ServiceState::Phase::Stopped;
        m_state.eventsPerSecond = 0;
        m_state.connections = 0;
        publish();
    }

private:
    void startServer()
    {
        QString error;
        if (!m_runner.startServer(m_config.server, &error)) {
            m_state.error = error;
            m_state.listening = false;
            m_state.port = 0;
            m_state.urls.clear();
            return;
        }
        m_state.listening = true;
        m_state.port = m_runner.server()->port();
        // Here, on the service thread: asking for the interfaces is a system call.
        m_state.urls = m_runner.urls();
    }

    void stopServer()
    {
        m_runner.stopServer();
        m_state.listening = false;
        m_state.port = 0;
        m_state.urls.clear();
    }

    void publish()
    {
        if (const auto &engine = m_runner.engine()) {
            m_state.status = engine->status();
            const qint64 elapsed = m_clock.restart();
            const qint64 events = m_state.status.eventsAccepted;
            if (elapsed > 0)
                m_state.eventsPerSecond = double(events - m_lastEvents) * 1000.0 / elapsed;
            m_lastEvents = events;
            if (m_state.status.storage == Engine::StorageState::Unavailable)
                m_state.error = m_state.status.storageDetail;
        }
        m_state.connections = m_runner.server() ? m_runner.server()->metrics().connections() : 0;
        QMetaObject::invokeMethod(m_host,
                                  [host = m_host, state = m_state] { host->onState(state); });
    }

    ServiceHost *m_host;
    QTimer *m_stats;
    ServiceConfig m_config;
    ServiceState m_state;
    ServiceRunner m_runner;
    QElapsedTimer m_clock;
    qint64 m_lastEvents = 0;
};

ServiceHost::ServiceHost(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new Backend(this))
{
    qRegisterMetaType<ServiceState>();
    m_thread->setObjectName(u"SyncStreamer service"_s);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

ServiceHost::~ServiceHost()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->stopAll(); }, Qt::BlockingQueuedConnection);
    m_engine.reset();
    m_thread->quit();
    m_thread->wait();
}

void ServiceHost::apply(const ServiceConfig &config)
{
    m_config = config;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, config] { w->apply(config); });
}

void ServiceHost::setServing(bool serving)
{
    m_config.serve = serving;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, serving] { w->setServing(serving); });
}

void ServiceHost::restartServer(const Server::ServerOptions &options)
{
    m_config.server = options;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, options] { w->restartServer(options); });
}

void ServiceHost::stop()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stopAll(); });
}

void ServiceHost::onEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    m_engine = engine;
    Q_EMIT engineChanged(engine);
}

void ServiceHost::onState(const ServiceState &state)
{
    m_state = state;
    Q_EMIT stateChanged(state);
}
