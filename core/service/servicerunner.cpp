// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicerunner.h"

#include "lanurls.h"

#include "ingest/mqttsource.h"
#include "ingest/sourceboard.h"

#include <QThread>

ServiceRunner::ServiceRunner() = default;

ServiceRunner::~ServiceRunner()
{
    stop();
}

bool ServiceRunner::startEngine(const Engine::EngineConfig &config, QString *error)
{
    stop();
    // Deleted on its own thread where possible: it was created on this one.
    std::shared_ptr<Engine::FrameEngine> engine(
        new Engine::FrameEngine(config), [](Engine::FrameEngine *e) {
            if (e->thread() == QThread::currentThread() || !e->thread()->isRunning())
                delete e;
            else
                e->deleteLater();
        });
    const bool started = engine->start(Engine::Threading::OwnThread, error);
    m_startError = engine->startError();
    if (!started)
        return false;
    m_engine = std::move(engine);
    return true;
}

bool ServiceRunner::startSources(const QList<Ingest::MqttOptions> &brokers, QString *error)
{
    stopServer(); // it reads the board that goes
    stopSources();
    if (brokers.isEmpty())
        return true;
    if (!m_engine) {
        *error = tr("The engine is not running.");
        return false;
    }
    m_board = std::make_unique<Ingest::SourceBoard>();
    for (const Ingest::MqttOptions &broker : brokers) {
        m_sources.push_back(
            std::make_unique<Ingest::MqttSource>(m_engine.get(), m_board.get(), broker));
        if (!m_sources.back()->start(error)) {
            stopSources();
            return false;
        }
    }
    return true;
}

void ServiceRunner::stopSources()
{
    m_sources.clear(); // each stops: nothing arrives after that the engine could not take
    m_board.reset();
}

bool ServiceRunner::startServer(const Server::ServerOptions &options, QString *error)
{
    stopServer();
    if (!m_engine) {
        *error = tr("The engine is not running.");
        return false;
    }
    auto server = std::make_unique<Server::HttpServer>(m_engine.get(), options);
    if (m_board)
        server->setSources(m_board.get());
    if (!server->start(error))
        return false;
    m_server = std::move(server);
    m_serverOptions = options;
    return true;
}

void ServiceRunner::stopServer()
{
    if (m_server) {
        m_server->stop();
        m_server.reset();
    }
}

void ServiceRunner::stop()
{
    stopServer();
    stopSources();
    if (m_engine) {
        m_engine->stop();
        m_engine.reset();
    }
}

QList<QUrl> ServiceRunner::urls() const
{
    if (!m_server)
        return {};
    return LanUrls::urls(m_serverOptions.bindAddress, m_server->port(),
                         !m_serverOptions.tlsCertificateFile.isEmpty());
}
