// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For window tests: an engine whose frames finish every 100 ms (the shortest frame), without a
// server, and a producer that posts an event every few milliseconds.
#include "frames/framelistmodel.h"
#include "service/servicehost.h"

#include <QTimer>

namespace FastService {

inline ServiceConfig config(const QString &dataDir)
{
    ServiceConfig config;
    config.engine.frameDurationMs = Engine::EngineConfig::kMinFrameDurationMs;
    config.engine.dataDir = dataDir;
    config.serve = false;
    return config;
}

// Posts "counter" events (1, 2, 3, ...) to the host's engine while it runs.
class Producer
{
public:
    explicit Producer(ServiceHost *host)
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, host, [this, host] {
            if (const auto engine = host->engine())
                (void)engine->ingest(Engine::Event {QStringLiteral("counter"),
                                                    QStringLiteral("text/plain"),
                                                    QByteArray::number(++m_n), std::nullopt});
        });
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

private:
    QTimer m_timer;
    int m_n = 0;
};

inline int finishedRows(const FrameListModel &model)
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        n += model.row(row).live ? 0 : 1;
    return n;
}

} // namespace FastService
