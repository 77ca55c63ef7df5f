// SPDX-License-Identifier: GPL-3.0-or-later
#include "demofeed.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr double kPi = 3.14159265358979323846;

const char *const kLogLines[] = {
    "sensor calibrated",
    "client connected",
    "frame archived",
    "battery at 87 %",
    "door opened",
    "door closed",
    "temperature threshold crossed",
    "camera refocused",
};

} // namespace

QList<Engine::Event> DemoFeed::eventsFor(quint64 tick, qint64 now)
{
    QList<Engine::Event> events;
    const double t = double(tick) * kTickMs / 1000.0;
    // A JSON sensor every tick (20 per second).
    QJsonObject pos {{u"x"_s, std::cos(t * 0.7) * 5.0}, {u"y"_s, std::sin(t * 0.7) * 5.0}};
    QJsonObject sensor {
        {u"celsius"_s, 21.0 + 3.0 * std::sin(t * 2 * kPi / 30.0) + 0.3 * std::sin(t * 5.1)},
        {u"humidity"_s, 45.0 + 10.0 * std::sin(t * 2 * kPi / 47.0)},
        {u"pos"_s, pos},
    };
    events.append({u"sensor"_s, u"application/json"_s,
                   QJsonDocument(sensor).toJson(QJsonDocument::Compact), now});
    // The clock once a second.
    if (tick % (1000 / kTickMs) == 0)
        events.append({u"clock"_s, u"text/plain"_s,
                       QDateTime::fromMSecsSinceEpoch(now).toString(Qt::ISODateWithMs).toUtf8(),
                       now});
    // A binary "camera" channel five times a second, size varying.
    if (tick % 4 == 0) {
        QByteArray blob(int(200 + 150 * (1 + std::sin(t))), '\0');
        for (qsizetype i = 0; i < blob.size(); ++i)
            blob[i] = char((tick * 31 + quint64(i) * 7) & 0xff);
        events.append({u"camera"_s, u"application/octet-stream"_s, blob, now});
    }
    // A log line now and then.
    if (tick % 13 == 0 || tick % 29 == 0) {
        const char *line = kLogLines[tick % std::size(kLogLines)];
        events.append({u"log"_s, u"text/plain"_s, QByteArray(line), now});
    }
    return events;
}

class DemoFeed::Worker : public QObject
{
public:
    Worker()
        : m_timer(new QTimer(this))
    {
        m_timer->setInterval(kTickMs);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start(const std::shared_ptr<Engine::EngineApi> &engine)
    {
        m_engine = engine;
        m_tick = 0;
        if (engine)
            m_timer->start();
        else
            m_timer->stop();
    }

private:
    void tick()
    {
        if (!m_engine)
            return;
        // One ingest per event: each has its own channel, a refusal of one must not drop all.
        for (const Engine::Event &event : eventsFor(m_tick, QDateTime::currentMSecsSinceEpoch()))
            (void)m_engine->ingest(event);
        ++m_tick;
    }

    QTimer *m_timer;
    std::shared_ptr<Engine::EngineApi> m_engine;
    quint64 m_tick = 0;
};

DemoFeed::DemoFeed(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new Worker)
{
    m_thread->setObjectName(u"SyncStreamer demo feed"_s);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

DemoFeed::~DemoFeed()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->start(nullptr); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void DemoFeed::start(const std::shared_ptr<Engine::EngineApi> &engine)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, engine] { w->start(engine); });
    const bool running = engine != nullptr;
    if (running != m_running) {
        m_running = running;
        Q_EMIT runningChanged(running);
    }
}

void DemoFeed::stop()
{
    start(nullptr);
}
