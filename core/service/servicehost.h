// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "engine/engineconfig.h"
#include "ingest/mqttoptions.h"
#include "server/serveroptions.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QThread;

// Everything the window starts: the engine's configuration, the server's, whether to serve, and
// the MQTT brokers (of the command line) that feed the engine.
struct ServiceConfig
{
    Engine::EngineConfig engine;
    Server::ServerOptions server;
    bool serve = true;
    QList<Ingest::MqttOptions> mqtt; // brokers to subscribe to while the engine runs
};

// What the window shows about the engine and the server.
struct ServiceState
{
    enum class Phase { Stopped, Starting, Running, Failed };
    Phase phase = Phase::Stopped;
    bool listening = false;
    quint16 port = 0;
    QHostAddress bindAddress;
    bool tls = false;
    QList<QUrl> urls; // where a browser reaches the server, while listening (LanUrls)
    QString error; // the last error, translated; empty when none
    qint64 connections = 0;
    double eventsPerSecond = 0;
    Engine::Status status;
};

Q_DECLARE_METATYPE(ServiceState)

// Owns the engine (on its own thread) and the HTTP server (on its workers) for the window.
// Building, starting, stopping and restarting run on a service thread of the host's own, so the
// GUI thread never waits on the disk (journal replay, archive index) or the network (listen).
// The engine is handed out as a shared pointer: users drop it on engineChanged(nullptr).
class ServiceHost : public QObject
{
    Q_OBJECT
public:
    explicit ServiceHost(QObject *parent = nullptr);
    // Stops the server and the engine and waits for that: only at the end of the program.
    ~ServiceHost() override;

    // Starts, or restarts cleanly with the new configuration (server first down, engine after).
    void apply(const ServiceConfig &config);
    // Starts or stops the HTTP server only; the engine keeps running.
    void setServing(bool serving);
    // Restarts the HTTP server alone with new options (where it is serving); the engine, its
    // open frame and the chart feeds keep running.
    void restartServer(const Server::ServerOptions &options);
    void stop();

    const ServiceConfig &config() const { return m_config; }
    const ServiceState &state() const { return m_state; }
    std::shared_ptr<Engine::EngineApi> engine() const { return m_engine; }

Q_SIGNALS:
    void engineChanged(const std::shared_ptr<Engine::EngineApi> &engine);
    void stateChanged(const ServiceState &state);

private:
    class Backend; // the host on its service thread
    friend class Backend;
    void onEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void onState(const ServiceState &state);

    ServiceConfig m_config;
    ServiceState m_state;
    std::shared_ptr<Engine::EngineApi> m_engine;
    std::unique_ptr<QThread> m_thread;
    Backend *m_worker = nullptr; // lives on m_thread
};
