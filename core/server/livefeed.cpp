// SPDX-License-Identifier: GPL-3.0-or-later
#include "livefeed.h"

#include "frameendpoints.h"
#include "jsonutil.h"
#include "reply.h"
#include "servermetrics.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Server {

namespace {

// Comments keep proxies and idle timers from closing a quiet stream.
constexpr int kKeepAliveMs = 15'000;
// Up to this many subscribers per worker every engine batch is written at once; beyond it,
// one more millisecond of coalescing per kSubscribersPerMs subscribers, at most kMaxCoalesceMs.
constexpr qsizetype kImmediateSubscribers = 32;
constexpr qsizetype kSubscribersPerMs = 25;
constexpr int kMaxCoalesceMs = 4;
// The sockets of subscribers that left are deleted a moment after the feed hears of it.
constexpr int kTrimDelayMs = 500;

} // namespace

LiveFeed::LiveFeed(Engine::EngineApi *engine, const ServerLimits &limits, ServerMetrics *metrics,
                   QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_limits(limits)
    , m_metrics(metrics)
{
    m_keepAlive.setInterval(kKeepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, [this] {
        for (Subscriber &s : m_subscribers)
            deliver(s, ": keep-alive\n\n");
        enforceTotalBacklog();
        removeGone();
    });
    m_keepAlive.start();
    m_flush.setSingleShot(true);
    m_flush.setTimerType(Qt::PreciseTimer);
    connect(&m_flush, &QTimer::timeout, this, &LiveFeed::flushPending);
    m_trim.setSingleShot(true);
    m_trim.setInterval(kTrimDelayMs);
    connect(&m_trim, &QTimer::timeout, this, [] {
#ifdef __GLIBC__
        // glibc keeps freed heap in its arenas: 300 stalled subscribers leave about 1 GB
        // resident after they are gone unless it is handed back.
        ::malloc_trim(0);
#endif
    });
    if (m_engine)
        connect(m_engine, &Engine::EngineApi::frameFinished, this, &LiveFeed::onFrameFinished);
}

void LiveFeed::listen(bool on)
{
    if (!m_engine || on == bool(m_listening))
        return;
    if (on)
        m_listening =
            connect(m_engine, &Engine::EngineApi::liveEvents, this, &LiveFeed::onLiveEvents);
    else
        disconnect(m_listening);
}

LiveFeed::~LiveFeed()
{
    if (m_metrics)
        m_metrics->addLiveBacklog(-m_ownBacklog);
    if (m_metrics) {
        for (size_t i = 0; i < m_subscribers.size(); ++i)
            m_metrics->subscriberRemoved();
    }
}

void LiveFeed::subscribe(Reply *connection, QSet<QString> channels,
                         const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    HttpResponse head;
    head.headers = extraHeaders;
    head.contentType = "text/event-stream; charset=utf-8";
    head.addHeader("Cache-Control", "no-store");
    head.addHeader("X-Accel-Buffering", "no");
    // Listening before the stream starts: every item accepted after ": subscribed" reaches it.
    listen(true);
    connection->beginStream(std::move(head));
    // The first bytes tell the client the subscription is in place.
    connection->streamWrite("retry: 1000\n: subscribed\n\n");
    m_subscribers.push_back(Subscriber {connection, std::move(channels)});
    if (m_metrics)
        m_metrics->subscriberAdded();
    // Queued: a connection may close while an event is being delivered to the list.
    connect(connection, &QObject::destroyed, this, &LiveFeed::removeGone, Qt::QueuedConnection);
}

QByteArray LiveFeed::eventText(const Engine::LiveEvent &event)
{
    QByteArray out;
    out.reserve(96 + event.channel.size() + event.data.size() * 4 / 3);
    out.append("data: {\"channel\":");
    Json::appendString(out, QStringView(event.channel));
    out.append(",\"type\":");
    Json::appendString(out, QStringView(event.type));
    out.append(",\"timestamp\":");
    Json::appendNumber(out, event.timestamp);
    out.append(",\"frameId\":");
    Json::appendNumber(out, event.frameId);
    // JSON that is one line can be embedded as it is; anything else travels as Base64, so an
    // event is always exactly one "data:" line.
    if (Json::isJsonType(QStringView(event.type)) && !event.data.contains('\n')
        && !event.data.contains('\r') && Json::isValid(event.data)) {
        out.append(",\"json\":");
        out.append(event.data);
    } else {
        out.append(",\"base64\":\"");
        out.append(event.data.toBase64());
        out.append('"');
    }
    out.append("}\n\n");
    return out;
}

void LiveFeed::deliver(Subscriber &subscriber, QByteArrayView text)
{
    Reply *c = subscriber.connection;
    if (!c || !c->isStreaming())
        return;
    if (c->backlog() > m_limits.maxSubscriberBacklog) {
        const QString detail =
            QCoreApplication::translate(
                "Server::LiveFeed",
                "This subscriber did not keep up: more than %1 bytes were waiting to be sent.")
                .arg(m_limits.maxSubscriberBacklog);
        QByteArray farewell = "event: dropped\ndata: ";
        farewell += Json::error("slow_subscriber", detail);
        farewell += "\n\n";
        c->streamWrite(farewell);
        c->endStream();
        subscriber.connection.clear();
        if (m_metrics)
            m_metrics->subscriberDropped();
        return;
    }
    c->streamWrite(text);
    // Checked at every write, so the total never runs over by more than one write.
    recount(subscriber);
    if (addBacklog(0) > m_limits.maxLiveBacklog)
        enforceTotalBacklog();
}

int LiveFeed::coalesceMs(qsizetype subscribers)
{
    if (subscribers <= kImmediateSubscribers)
        return 0;
    return int(std::min<qsizetype>(kMaxCoalesceMs, 1 + subscribers / kSubscribersPerMs));
}

void LiveFeed::onLiveEvents(const QList<Engine::LiveEvent> &events)
{
    if (m_subscribers.empty())
        return;
    const int waitMs = coalesceMs(qsizetype(m_subscribers.size()));
    if (waitMs > 0 || !m_pending.isEmpty()) {
        m_pending.append(events);
        if (!m_flush.isActive())
            m_flush.start(waitMs);
        return;
    }
    m_pending = events;
    flushPending();
}

void LiveFeed::flushPending()
{
    m_flush.stop();
    const QList<Engine::LiveEvent> events = std::exchange(m_pending, {});
    if (events.isEmpty() || m_subscribers.empty())
        return;
    // Each event is formatted once per worker, whatever the number of subscribers.
    QList<QByteArray> texts;
    texts.reserve(events.size());
    QByteArray all;
    for (const Engine::LiveEvent &e : events) {
        texts.append(eventText(e));
        all.append(texts.back());
    }
    for (Subscriber &s : m_subscribers) {
        if (s.channels.isEmpty()) {
            deliver(s, all);
            continue;
        }
        QByteArray mine;
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (s.channels.contains(events[i].channel))
                mine.append(texts[i]);
        }
        if (!mine.isEmpty())
            deliver(s, mine);
    }
    enforceTotalBacklog();
    removeGone();
}

void LiveFeed::onFrameFinished(const Engine::FrameSummary &frame)
{
    if (m_subscribers.empty())
        return;
    flushPending(); // the frame's events before the frame
    QByteArray text = "event: frame\ndata: ";
    appendFrameSummary(text, frame);
    text.append("\n\n");
    for (Subscriber &s : m_subscribers)
        deliver(s, text);
    enforceTotalBacklog();
    removeGone();
}

qint64 LiveFeed::addBacklog(qint64 delta)
{
    m_ownBacklog += delta;
    return m_metrics ? m_metrics->addLiveBacklog(delta) : m_ownBacklog;
}

void LiveFeed::recount(Subscriber &subscriber)
{
    Reply *c = subscriber.connection;
    const qint64 now = c && c->isStreaming() ? c->backlog() : 0;
    if (now != subscriber.counted) {
        addBacklog(now - subscriber.counted);
        subscriber.counted = now;
    }
}

void LiveFeed::enforceTotalBacklog()
{
    for (Subscriber &s : m_subscribers)
        recount(s);
    qint64 total = addBacklog(0);
    while (total > m_limits.maxLiveBacklog) {
        // The slowest first: the one with the most bytes still waiting.
        const auto slowest = std::max_element(
            m_subscribers.begin(), m_subscribers.end(),
            [](const Subscriber &a, const Subscriber &b) { return a.counted < b.counted; });
        if (slowest == m_subscribers.end() || slowest->counted == 0)
            break; // the rest is other workers' to drop
        if (Reply *c = slowest->connection)
            c->abortStream();
        slowest->connection.clear();
        total = addBacklog(-slowest->counted);
        slowest->counted = 0;
        if (m_metrics)
            m_metrics->subscriberDropped();
    }
}

void LiveFeed::removeGone()
{
    const auto isGone = [](const Subscriber &s) {
        return !s.connection || !s.connection->isStreaming();
    };
    // Counted before remove_if, which leaves the tail's elements unspecified.
    qsizetype removed = 0;
    for (const Subscriber &s : m_subscribers) {
        if (isGone(s)) {
            addBacklog(-s.counted);
            ++removed;
        }
    }
    if (removed > 0) {
        m_trim.start();
        if (m_metrics) {
            for (qsizetype i = 0; i < removed; ++i)
                m_metrics->subscriberRemoved();
        }
    }
    m_subscribers.erase(std::remove_if(m_subscribers.begin(), m_subscribers.end(), isGone),
                        m_subscribers.end());
    if (m_subscribers.empty())
        listen(false);
}

} // namespace Server
