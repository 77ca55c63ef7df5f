// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QObject>

#include <memory>

class QThread;

// Built-in producers for a first look: a clock channel, a JSON sensor with a few numeric fields,
// a binary channel and a log text channel, posting through EngineApi::ingest like any producer.
// The timer runs on a thread of the feed's own, never on the GUI thread.
class DemoFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTickMs = 50;

    explicit DemoFeed(QObject *parent = nullptr);
    ~DemoFeed() override;

    // Starts posting to the engine (restarts on a new one); null stops.
    void start(const std::shared_ptr<Engine::EngineApi> &engine);
    void stop();
    bool isRunning() const { return m_running; }

    // The events of one tick (exposed for tests): tick counts from 0, now is UNIX ms.
    static QList<Engine::Event> eventsFor(quint64 tick, qint64 now);

Q_SIGNALS:
    void runningChanged(bool running);

private:
    class Worker;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr;
    bool m_running = false;
};
