// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

class QAbstractHttpServer;
class QTcpServer;

namespace Server {

class Api;
class LiveFeed;

// One thread's share of the server: a QAbstractHttpServer with a listening QTcpServer of its
// own (the first worker's listens; the others' accept on duplicates of its socket, and whichever
// worker accepts first gets the connection), its API instance and live feed. Lives in its own
// QThread; every method below runs in that thread.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(const ApiContext &context, std::optional<QSslConfiguration> tls);
    ~Worker() override;

    void setUp();
    void tearDown();
    // Listens on the address and port (0: any free port); the port, or 0 and *error.
    quint16 listen(const QHostAddress &address, quint16 port, QString *error);
    // Accepts on a listening socket this worker now owns (a duplicate of another worker's
    // listeningDescriptor()); the port, or 0 and *error.
    quint16 listen(qintptr descriptor, QString *error);
    qintptr listeningDescriptor() const;

private:
    QTcpServer *makeListener();
    void checkTimeouts();

    const ApiContext &m_context;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<LiveFeed> m_feed;
    std::unique_ptr<Api> m_api;
    std::unique_ptr<QAbstractHttpServer> m_http;
    QTcpServer *m_listener = nullptr; // owned by m_http
    QTimer *m_sweep = nullptr;
};

} // namespace Server
