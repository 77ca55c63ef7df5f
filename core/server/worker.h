// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QTcpServer;

namespace Server {

class Api;
class LiveFeed;

// One thread's share of the server: its connections, its API instance and live feed, and
// (for the first worker) the listening socket whose accepted descriptors are spread over all
// workers. Lives in its own QThread; every method below runs in that thread.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(const ApiContext &context, std::optional<QSslConfiguration> tls);
    ~Worker() override;

    void setUp();
    void tearDown();
    // Listens and hands each accepted descriptor to `dispatch`; 0 and *error on failure.
    quint16 listen(const QHostAddress &address, quint16 port, std::function<void(qintptr)> dispatch,
                   QString *error);
    // Takes over an accepted socket descriptor.
    void adopt(qintptr descriptor);

private:
    void checkTimeouts();

    const ApiContext &m_context;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<LiveFeed> m_feed;
    std::unique_ptr<Api> m_api;
    std::unique_ptr<QObject> m_connections; // parent of this worker's Connection objects
    QTcpServer *m_listener = nullptr; // child of this worker
    QTimer *m_sweep = nullptr;
};

} // namespace Server
