// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>
#include <vector>

namespace Engine {
class EngineApi;
}

namespace Server {

class AccessPolicy;
class ChannelRates;
class PeerConnections;
class ServerMetrics;
class Worker;

// The HTTP API of SyncStreamer (docs/API.md): listens on one port and serves from worker
// threads of its own (one per core by default), never from the thread that creates it.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    // The engine must outlive the server.
    HttpServer(Engine::EngineApi *engine, ServerOptions options, QObject *parent = nullptr);
    ~HttpServer() override;

    // The sources besides HTTP (MQTT brokers) that /healthz and /metrics report; before start().
    void setSources(const Ingest::SourceBoard *sources) { m_context.sources = sources; }

    // Loads TLS files, starts the workers and listens. False and *error (translated) on failure.
    bool start(QString *error);
    void stop();

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; } // the actual port, also when 0 was asked for
    int workerCount() const { return int(m_workers.size()); }
    const ServerOptions &options() const { return m_context.options; }
    const ServerMetrics &metrics() const { return *m_metrics; }

private:
    ApiContext m_context;
    std::unique_ptr<ServerMetrics> m_metrics;
    std::unique_ptr<AccessPolicy> m_access;
    std::unique_ptr<ChannelRates> m_rates;
    std::unique_ptr<PeerConnections> m_peers;
    // Joined, not only waited for: Qt 6.4's QThread runs detached, so QThread::wait() returns
    // before the thread's own exit (its thread-specific data) is done, and a process that ends
    // right after stop() raced with it (AddressSanitizer reported a double free there).
    std::vector<std::thread> m_threads;
    std::vector<std::unique_ptr<Worker>> m_workers;
    quint16 m_port = 0;
};

} // namespace Server
