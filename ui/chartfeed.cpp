// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartfeed.h"

#include <QDateTime>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Lines: min and max of each column with data, in time order.
QList<QPointF> linePoints(const std::vector<Series::Column> &columns, qint64 from, qint64 to,
                          bool rate)
{
    QList<QPointF> points;
    points.reserve(qsizetype(columns.size()) * 2);
    const double columnMs = double(to - from) / double(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
        const Series::Column &c = columns[i];
        const double x = double(from) + (double(i) + 0.5) * columnMs;
        if (rate) {
            points.append({x, double(c.count) * 1000.0 / columnMs});
            continue;
        }
        if (c.count == 0)
            continue;
        points.append({x, c.min});
        if (c.max != c.min)
            points.append({x, c.max});
    }
    return points;
}

} // namespace

class ChartFeed::Worker : public QObject
{
public:
    explicit Worker(ChartFeed *feed)
        : m_feed(feed)
        , m_timer(new QTimer(this))
    {
        m_timer->setInterval(kRefreshMs);
        QObject::connect(m_timer, &QTimer::timeout, this, [this] { refresh(); });
    }

    void addEvents(const QList<Engine::LiveEvent> &events)
    {
        for (const Engine::LiveEvent &event : events) {
            if (m_store.add(event.channel, event.type, event.timestamp, event.data))
                m_catalogDirty = true;
            if (event.frameId != m_open.frameId) {
                m_open = {event.frameId, 0, 0, 0};
                m_openChannels.clear();
            }
            if (!m_openChannels.contains(event.channel)) {
                m_openChannels.insert(event.channel);
                m_open.channels = int(m_openChannels.size());
            }
            ++m_open.items;
            m_open.bytes += event.data.size();
        }
        m_dataDirty = true;
    }

    void setFrame(const TimeFrame::FrameView &view)
    {
        m_store.clear();
        m_open = {};
        m_openChannels.clear();
        for (qsizetype c = 0; c < view.channelCount(); ++c) {
            const auto &channel = view.channel(c);
            for (qsizetype i = 0; i < channel.itemCount; ++i)
                m_store.add(channel.id, channel.type, view.item(c, i).timestamp,
                            view.itemData(c, i));
            if (channel.itemCount == 0)
                m_store.declare(channel.id, channel.type); // a lane without pulses
        }
        m_catalogDirty = true;
        m_dataDirty = true;
    }

    void clear()
    {
        m_store.clear();
        m_catalogDirty = true;
        m_dataDirty = true;
    }

    void setRequest(const ChartRequest &request)
    {
        m_request = request;
        m_dataDirty = true;
        // The first request starts the refreshes: the panel is connected by then.
        if (!m_timer->isActive())
            m_timer->start();
    }

private:
    void refresh()
    {
        if (m_catalogDirty) {
            m_catalogDirty = false;
            Q_EMIT m_feed->catalogChanged(m_store.channels());
        }
        // A following view moves with time even without new data.
        if (!m_dataDirty && !m_request.follow)
            return;
        if (m_feed->m_inFlight.load(std::memory_order_acquire))
            return;
        m_dataDirty = false;
        m_feed->m_inFlight.store(true, std::memory_order_release);
        Q_EMIT m_feed->snapshotReady(snapshot());
    }

    ChartSnapshot snapshot() const
    {
        ChartSnapshot s;
        if (m_request.follow) {
            s.to = std::max(QDateTime::currentMSecsSinceEpoch(), m_store.lastTime());
            s.from = m_request.windowMs > 0 ? s.to - m_request.windowMs
                                            : std::min(m_store.firstTime(), s.to - 1000);
            if (s.from <= 0)
                s.from = s.to - 1000;
        } else {
            s.from = m_request.from;
            s.to = std::max(m_request.to, m_request.from + 1);
        }
        const int width = std::clamp(m_request.width, 1, 8192);
        const qsizetype lanes = m_store.channels().size();
        for (qsizetype lane = 0; lane < lanes; ++lane) {
            const QString &channel = m_store.channels().at(lane).id;
            ChartLane out {channel, {}};
            if (const Series::Buffer *buffer =
                    m_store.buffer(Series::key(channel, Series::kSizePath))) {
                const auto columns = buffer->columns(s.from, s.to, width);
                const double columnMs = double(s.to - s.from) / width;
                // Lane 0 at the top: base at lanes - 1 - lane.
                const double base = double(lanes - 1 - lane);
                out.pulses.reserve(64);
                out.pulses.append({double(s.from), base});
                for (int i = 0; i < width; ++i) {
                    if (columns[size_t(i)].count == 0)
                        continue;
                    const double x = double(s.from) + (i + 0.5) * columnMs;
                    out.pulses.append({x, base});
                    out.pulses.append({x, base + 0.7});
                    out.pulses.append({x, base});
                }
                out.pulses.append({double(s.to), base});
            }
            s.lanes.append(std::move(out));
        }
        for (const QString &key : m_request.series) {
            const bool rate = Series::pathOfKey(key) == Series::kRatePath;
            const QString bufferKey =
                rate ? Series::key(Series::channelOfKey(key), Series::kSizePath) : key;
            ChartLine line {key, {}};
            if (const Series::Buffer *buffer = m_store.buffer(bufferKey))
                line.points = linePoints(buffer->columns(s.from, s.to, width), s.from, s.to, rate);
            s.lines.append(std::move(line));
        }
        s.openFrame = m_open;
        return s;
    }

    ChartFeed *m_feed;
    QTimer *m_timer;
    Series::Store m_store;
    ChartRequest m_request;
    OpenFrameStats m_open;
    QSet<QString> m_openChannels;
    bool m_catalogDirty = false;
    bool m_dataDirty = true;
};

ChartFeed::ChartFeed(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new Worker(this))
{
    qRegisterMetaType<ChartSnapshot>();
    qRegisterMetaType<ChartRequest>();
    qRegisterMetaType<QList<Engine::LiveEvent>>();
    qRegisterMetaType<QList<Series::ChannelInfo>>();
    m_thread->setObjectName(u"SyncStreamer charts"_s);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

ChartFeed::~ChartFeed()
{
    disconnect(m_engineConnection);
    m_thread->quit();
    m_thread->wait();
}

void ChartFeed::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    disconnect(m_engineConnection);
    if (engine) {
        m_engineConnection = connect(
            engine.get(), &Engine::EngineApi::liveEvents, m_worker,
            [w = m_worker](const QList<Engine::LiveEvent> &events) { w->addEvents(events); },
            Qt::QueuedConnection);
    }
}

void ChartFeed::setFrame(const TimeFrame::FrameView &view)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, view] { w->setFrame(view); });
}

void ChartFeed::setRequest(const ChartRequest &request)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, request] { w->setRequest(request); });
}

void ChartFeed::addEvents(const QList<Engine::LiveEvent> &events)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, events] { w->addEvents(events); });
}

void ChartFeed::clear()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->clear(); });
}
