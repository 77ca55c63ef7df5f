// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/data/chartmodel.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// A pause counts as a gap past this many typical intervals of the series.
constexpr qint64 kGapIntervals = 5;

// Lines: min and max of each column with data, in time order; a NaN point where the series
// paused (see ChartLine).
QList<QPointF> linePoints(const std::vector<Series::Column> &columns, qint64 from, qint64 to,
                          bool rate, qint64 interval)
{
    QList<QPointF> points;
    points.reserve(qsizetype(columns.size()) * 2);
    const double columnMs = double(to - from) / double(columns.size());
    const auto center = [&](size_t i) {
        return double(from) + (double(i) + 0.5) * columnMs;
    };
    std::optional<size_t> previous;
    for (size_t i = 0; i < columns.size(); ++i) {
        const Series::Column &c = columns[i];
        const double x = center(i);
        if (rate) {
            points.append({x, double(c.count) * 1000.0 / columnMs});
            continue;
        }
        if (c.count == 0)
            continue;
        if (previous && interval > 0 && i > *previous + 1
            && c.first - columns[*previous].last > kGapIntervals * interval) {
            const double start = std::clamp(double(columns[*previous].last), center(*previous), x);
            points.append({start, qQNaN()});
        }
        previous = i;
        points.append({x, c.min});
        if (c.max != c.min)
            points.append({x, c.max});
    }
    return points;
}

// The channels of both, in the order of the first, leaves merged.
QList<Series::ChannelInfo> mergedCatalog(QList<Series::ChannelInfo> catalog,
                                         const QList<Series::ChannelInfo> &more)
{
    for (const Series::ChannelInfo &info : more) {
        auto it = std::find_if(catalog.begin(), catalog.end(),
                               [&](const Series::ChannelInfo &c) { return c.id == info.id; });
        if (it == catalog.end()) {
            if (catalog.size() < Series::Store::kMaxChannels)
                catalog.append(info);
            continue;
        }
        for (const QString &leaf : info.leaves) {
            if (!it->leaves.contains(leaf)
                && it->leaves.size() < Series::Store::kMaxLeavesPerChannel)
                it->leaves.append(leaf);
        }
    }
    return catalog;
}

} // namespace

ChartModel::ChartModel(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kRefreshMs);
    QObject::connect(m_timer, &QTimer::timeout, this, [this] { refresh(); });
}

void ChartModel::addEvents(const QList<Engine::LiveEvent> &events)
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

void ChartModel::setHistory(const std::shared_ptr<Engine::EngineApi> &engine)
{
    m_history.setEngine(
        engine, engine ? History::DigestCache::defaultFile(engine->dataDirectory()) : QString());
    if (engine)
        addOpenFrame(engine->openFrameBytes());
    m_historyRevision = -1;
    m_catalogDirty = true;
    m_dataDirty = true;
    scheduleStep();
}

void ChartModel::addOpenFrame(const QByteArray &bytes)
{
    const auto view = TimeFrame::FrameView::index(bytes, std::nullopt);
    if (!view)
        return;
    struct Ref
    {
        qint64 timestamp;
        qsizetype channel;
        qsizetype item;
    };
    std::vector<Ref> items;
    items.reserve(size_t(view->itemCount()));
    for (qsizetype c = 0; c < view->channelCount(); ++c) {
        for (qsizetype i = 0; i < view->itemCount(c); ++i)
            items.push_back({view->item(c, i).timestamp, c, i});
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Ref &a, const Ref &b) { return a.timestamp < b.timestamp; });
    QList<Engine::LiveEvent> events;
    events.reserve(qsizetype(items.size()));
    for (const Ref &r : items) {
        const auto &channel = view->channel(r.channel);
        events.append(Engine::LiveEvent {channel.id, channel.type, r.timestamp, view->startAt(),
                                         view->itemData(r.channel, r.item).toByteArray()});
    }
    addEvents(events);
}

void ChartModel::frameFinished(const Engine::FrameSummary &frame)
{
    if (!m_history.isActive())
        return;
    m_history.frameFinished(frame);
    m_dataDirty = true;
    scheduleStep();
}

void ChartModel::cancelLoading()
{
    // The view of the latest request is the one cancelled.
    prepareView(range());
    m_history.cancel();
    m_dataDirty = true;
}

void ChartModel::setFrame(const TimeFrame::FrameView &view)
{
    m_history.setEngine(nullptr, {});
    m_store.clear();
    m_open = {};
    m_openChannels.clear();
    for (qsizetype c = 0; c < view.channelCount(); ++c) {
        const auto &channel = view.channel(c);
        for (qsizetype i = 0; i < channel.itemCount; ++i)
            m_store.add(channel.id, channel.type, view.item(c, i).timestamp, view.itemData(c, i));
        if (channel.itemCount == 0)
            m_store.declare(channel.id, channel.type); // a lane without pulses
    }
    m_catalogDirty = true;
    m_dataDirty = true;
}

void ChartModel::clear()
{
    m_store.clear();
    m_catalogDirty = true;
    m_dataDirty = true;
}

void ChartModel::setRequest(const ChartRequest &request)
{
    m_request = request;
    m_dataDirty = true;
    // A new range is drawn at once: the cost of the previous one says nothing about it.
    m_snapshotCostMs = 0;
    // The first request starts the refreshes: the panel is connected by then.
    if (!m_timer->isActive())
        m_timer->start();
    scheduleStep();
}

void ChartModel::scheduleStep()
{
    if (m_stepQueued || !m_history.isActive())
        return;
    m_stepQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_stepQueued = false;
            if (!m_history.isActive() || m_history.isStepRunning())
                return;
            prepareView(range());
            m_history.startStep([this] {
                m_dataDirty = true;
                if (m_history.catalogRevision() != m_historyRevision)
                    m_catalogDirty = true;
                scheduleStep();
            });
        },
        Qt::QueuedConnection);
}

QList<Series::ChannelInfo> ChartModel::catalog() const
{
    if (!m_history.isActive())
        return m_store.channels();
    return mergedCatalog(m_history.channels(), m_store.channels());
}

qint64 ChartModel::cutoffOf(const QString &bufferKey) const
{
    const Series::Buffer *buffer = m_store.buffer(bufferKey);
    return buffer && !buffer->isEmpty() ? buffer->firstTime() : History::kNoCutoff;
}

QString ChartModel::bufferKeyOf(const QString &key)
{
    return Series::pathOfKey(key) == Series::kRatePath
        ? Series::key(Series::channelOfKey(key), Series::kSizePath)
        : key;
}

void ChartModel::prepareView(std::pair<qint64, qint64> r)
{
    History::Reader::View view {r.first, r.second, std::clamp(m_request.width, 1, 8192), {}, {}};
    for (const QString &key : m_request.series) {
        const QString bufferKey = bufferKeyOf(key);
        if (!view.keys.contains(bufferKey))
            view.keys.append(bufferKey);
    }
    // The lanes: item sizes of every channel (read without parsing the items).
    for (const Series::ChannelInfo &channel : m_history.channels()) {
        const QString sizeKey = Series::key(channel.id, Series::kSizePath);
        if (!view.keys.contains(sizeKey))
            view.keys.append(sizeKey);
    }
    for (const QString &key : std::as_const(view.keys))
        view.cutoffs.insert(key, cutoffOf(key));
    m_history.setView(view);
}

std::vector<Series::Column> ChartModel::columnsOf(const QString &bufferKey, qint64 from, qint64 to,
                                                  int width) const
{
    const Series::Buffer *buffer = m_store.buffer(bufferKey);
    std::vector<Series::Column> columns =
        buffer ? buffer->columns(from, to, width) : std::vector<Series::Column>(size_t(width));
    if (m_history.isActive()) {
        const auto past = m_history.columns(bufferKey, from, to, width, cutoffOf(bufferKey));
        for (size_t i = 0; i < columns.size(); ++i) {
            if (past[i].count > 0)
                columns[i].add(past[i]);
        }
    }
    return columns;
}

qint64 ChartModel::intervalOf(const QString &bufferKey, qint64 from, qint64 to) const
{
    const Series::Buffer *buffer = m_store.buffer(bufferKey);
    const qint64 live = buffer ? buffer->typicalInterval() : 0;
    if (live > 0 || !m_history.isActive())
        return live;
    return m_history.typicalInterval(bufferKey, from, to);
}

qint64 ChartModel::firstTime() const
{
    const qint64 live = m_store.firstTime();
    const qint64 past = m_history.isActive() ? m_history.firstTime() : 0;
    if (live == 0 || past == 0)
        return std::max(live, past);
    return std::min(live, past);
}

qint64 ChartModel::lastTime() const
{
    return std::max(m_store.lastTime(), m_history.isActive() ? m_history.lastTime() : 0);
}

std::pair<qint64, qint64> ChartModel::range() const
{
    qint64 from = 0;
    qint64 to = 0;
    if (m_request.follow) {
        to = std::max(QDateTime::currentMSecsSinceEpoch(), lastTime());
        const qint64 first = firstTime();
        from = m_request.windowMs > 0 ? to - m_request.windowMs
                                      : std::min(first > 0 ? first : to, to - 1000);
        if (from <= 0)
            from = to - 1000;
    } else {
        from = m_request.from;
        to = std::max(m_request.to, m_request.from + 1);
    }
    return {from, to};
}

void ChartModel::refresh()
{
    if (m_catalogDirty) {
        m_catalogDirty = false;
        m_historyRevision = m_history.catalogRevision();
        Q_EMIT catalogChanged(catalog());
    }
    // A following view moves with time even without new data.
    if (!m_dataDirty && !m_request.follow)
        return;
    if (m_inFlight.load(std::memory_order_acquire))
        return;
    // A costly snapshot (a long range over many frames) is not made again before three
    // times its cost has passed: the chart thread stays mostly idle whatever the range.
    if (m_sinceSnapshot.isValid() && m_sinceSnapshot.elapsed() < 3 * m_snapshotCostMs)
        return;
    m_dataDirty = false;
    m_inFlight.store(true, std::memory_order_release);
    m_sinceSnapshot.start();
    ChartSnapshot s = snapshot();
    m_snapshotCostMs = m_sinceSnapshot.restart();
    Q_EMIT snapshotReady(s);
}

ChartSnapshot ChartModel::snapshot()
{
    ChartSnapshot s;
    std::tie(s.from, s.to) = range();
    const int width = std::clamp(m_request.width, 1, 8192);
    if (m_history.isActive()) {
        prepareView({s.from, s.to});
        const History::Reader::Progress progress = m_history.progress();
        s.loadDone = progress.done;
        s.loadTotal = progress.total;
    }
    s.historyFrom = firstTime();
    s.historyTo = lastTime();
    const QList<Series::ChannelInfo> channels = catalog();
    const qsizetype lanes = channels.size();
    for (qsizetype lane = 0; lane < lanes; ++lane) {
        const QString &channel = channels.at(lane).id;
        ChartLane out {channel, {}};
        const auto columns =
            columnsOf(Series::key(channel, Series::kSizePath), s.from, s.to, width);
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
        s.lanes.append(std::move(out));
    }
    for (const QString &key : m_request.series) {
        const bool rate = Series::pathOfKey(key) == Series::kRatePath;
        const QString bufferKey = bufferKeyOf(key);
        ChartLine line {key, {}};
        line.points = linePoints(columnsOf(bufferKey, s.from, s.to, width), s.from, s.to, rate,
                                 rate ? 0 : intervalOf(bufferKey, s.from, s.to));
        s.lines.append(std::move(line));
    }
    s.openFrame = m_open;
    return s;
}
