// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicerunner.h"

#include "lanurls.h"

#include <QThread>

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

bool ServiceRunner::startServer(const Server::ServerOptions &options, QString *error)
{
    stopServer();
    if (!m_engine) {
        *error = tr("The engine is not running.");
        return false;
    }
    auto server = std::make_unique<Server::HttpServer>(m_engine.get(), options);
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
