// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineconfig.h"
#include "engine/frameengine.h"
#include "ingest/mqttoptions.h"
#include "server/httpserver.h"
#include "server/serveroptions.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

namespace Ingest {
class MqttSource;
class SourceBoard;
} // namespace Ingest

// The engine, the MQTT sources that feed it and the HTTP server of one run: the engine starts
// first, the sources write to it and the server serves it; they stop in reverse. The one lifecycle
// behind the window's service thread (ServiceHost) and
// --headless. Not thread-safe: one thread starts and stops it (the engine and the server run on
// threads of their own either way). Starting may wait on the disk (journal replay, archive
// index) and the network (listen): never call it on the GUI thread.
class ServiceRunner
{
    Q_DECLARE_TR_FUNCTIONS(ServiceRunner)

public:
    ServiceRunner();
    ~ServiceRunner(); // stop()
    ServiceRunner(const ServiceRunner &) = delete;
    ServiceRunner &operator=(const ServiceRunner &) = delete;

    // Stops what runs, then starts an engine with config. False and *error (translated) where
    // the engine cannot start; nothing runs then, and startError() says why.
    bool startEngine(const Engine::EngineConfig &config, QString *error);
    Engine::StartError startError() const { return m_startError; }
    // Stops the server and the sources, then subscribes to the brokers (connecting in the
    // background) on the running engine; the server started next reports them in /healthz and
    // /metrics. False and *error where there is no engine or libmosquitto refuses a broker's
    // options; no source runs then.
    bool startSources(const QList<Ingest::MqttOptions> &brokers, QString *error);
    // (Re)starts the server on the running engine. False and *error where there is no engine or
    // the server cannot listen; the engine keeps running.
    bool startServer(const Server::ServerOptions &options, QString *error);
    void stopServer();
    // The server first, then the sources, then the engine (which finishes its open frame).
    void stop();

    // Shared: a user that outlives the runner keeps the engine object (stopped) alive.
    const std::shared_ptr<Engine::FrameEngine> &engine() const { return m_engine; }
    Server::HttpServer *server() const { return m_server.get(); }
    // Where a browser reaches the server (LanUrls); empty while not serving. Asks the system for
    // its interfaces.
    QList<QUrl> urls() const;

private:
    void stopSources();

    std::shared_ptr<Engine::FrameEngine> m_engine;
    std::unique_ptr<Server::HttpServer> m_server;
    std::unique_ptr<Ingest::SourceBoard> m_board; // while sources run
    std::vector<std::unique_ptr<Ingest::MqttSource>> m_sources;
    Server::ServerOptions m_serverOptions;
    Engine::StartError m_startError = Engine::StartError::None;
};
