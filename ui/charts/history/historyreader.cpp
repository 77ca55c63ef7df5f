// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/history/historyreader.h"

#include "format/contenttype.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace History {

namespace {

// A finished frame's digest also gives the catalog: the last hour is digested first after a start.
constexpr qint64 kCatalogSpanMs = 3'600'000;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void addToBuckets(std::vector<Reader::Bucket> &buckets, qint64 index, qint64 t, double v)
{
    if (buckets.empty() || buckets.back().index < index) {
        buckets.push_back({index, {}});
        buckets.back().column.add(v, v, 1, t, t);
        return;
    }
    auto it = std::lower_bound(buckets.begin(), buckets.end(), index,
                               [](const Reader::Bucket &b, qint64 i) { return b.index < i; });
    if (it == buckets.end() || it->index != index)
        it = buckets.insert(it, {index, {}});
    it->column.add(v, v, 1, t, t);
}

} // namespace

Reader::Reader()
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

Reader::~Reader()
{
    abandonStep();
    m_pool.waitForDone();
}

void Reader::setEngine(const std::shared_ptr<Engine::EngineApi> &engine, const QString &cacheFile)
{
    abandonStep(); // its jobs read the engine being replaced
    m_engine = engine;
    m_index.reset();
    m_frames.clear();
    m_raw.clear();
    m_unreadable.clear();
    m_cancelled = false;
    if (!engine) {
        m_cache.clear();
        return;
    }
    refreshIndex();
    m_cache.open(cacheFile, m_index ? *m_index : QList<Engine::FrameSummary>());
}

void Reader::refreshIndex()
{
    if (!m_engine)
        return;
    Engine::FrameIndex index = m_engine->index();
    if (index && index == m_index)
        return;
    m_index = index;
    m_frames.clear();
    if (!index)
        return;
    m_frames.assign(index->cbegin(), index->cend());
    std::sort(m_frames.begin(), m_frames.end(),
              [](const auto &a, const auto &b) { return a.startAt < b.startAt; });
    m_cache.retain(*index);
    QSet<qint64> ids;
    for (const Engine::FrameSummary &f : m_frames)
        ids.insert(f.id);
    for (auto it = m_raw.begin(); it != m_raw.end();)
        it = ids.contains(it.key()) ? std::next(it) : m_raw.erase(it);
}

void Reader::frameFinished(const Engine::FrameSummary &)
{
    // Its digest is made by the next step, on the pool (the frame is in the last hour).
    refreshIndex();
}

void Reader::setView(const View &view)
{
    const qint64 span = std::max<qint64>(1, view.to - view.from);
    const double columnMs = double(span) / std::max(1, view.width);
    qint64 grid = 1;
    while (double(grid * 2) <= columnMs / 4)
        grid *= 2;
    const qint64 oldSpan = std::max<qint64>(1, m_view.to - m_view.from);
    const bool moved = std::abs(view.from - m_view.from) * 10 > oldSpan
        || std::abs(view.to - m_view.to) * 10 > oldSpan || span * 10 < oldSpan * 9
        || span * 9 > oldSpan * 10;
    if (grid != m_grid) {
        m_raw.clear();
        m_grid = grid;
        m_cancelled = false;
    }
    if (moved || view.keys != m_view.keys || view.width != m_view.width)
        m_cancelled = false;
    m_view = view;
    // Items read outside the view and its neighbours on either side go.
    const qint64 keepFrom = view.from - span;
    const qint64 keepTo = view.to + span;
    for (auto it = m_raw.begin(); it != m_raw.end();) {
        const auto found = std::lower_bound(
            m_frames.begin(), m_frames.end(), it.key(),
            [](const Engine::FrameSummary &f, qint64 id) { return f.startAt < id; });
        const bool keep = found != m_frames.end() && found->id == it.key()
            && found->endAt > keepFrom && found->startAt < keepTo;
        it = keep ? std::next(it) : m_raw.erase(it);
    }
}

std::pair<qsizetype, qsizetype> Reader::framesIn(qint64 from, qint64 to) const
{
    const auto first = std::partition_point(m_frames.begin(), m_frames.end(),
                                            [from](const auto &f) { return f.endAt <= from; });
    const auto last =
        std::partition_point(first, m_frames.end(), [to](const auto &f) { return f.startAt < to; });
    return {first - m_frames.begin(), last - m_frames.begin()};
}

bool Reader::wantsRaw(const Engine::FrameSummary &frame) const
{
    const double columnMs =
        double(std::max<qint64>(1, m_view.to - m_view.from)) / std::max(1, m_view.width);
    return double(frame.endAt - frame.startAt) > columnMs;
}

Reader::Job Reader::jobFor(const Engine::FrameSummary &frame) const
{
    Job job {frame, false, {}};
    if (m_unreadable.contains(frame.id))
        return job;
    job.digest = !m_cache.find(frame.id) && !m_cache.isDropped(frame.id);
    if (!wantsRaw(frame))
        return job;
    const auto raw = m_raw.constFind(frame.id);
    for (const QString &key : m_view.keys) {
        if (frame.startAt >= m_view.cutoff(key))
            continue;
        if (raw == m_raw.cend() || !raw->buckets.contains(key))
            job.keys.append(key);
    }
    return job;
}

Reader::Progress Reader::progress() const
{
    if (!m_engine || m_cancelled)
        return {};
    const auto [first, last] = framesIn(m_view.from, m_view.to);
    Progress p {0, last - first};
    for (qsizetype i = first; i < last; ++i) {
        const Job job = jobFor(m_frames[size_t(i)]);
        if (!job.digest && job.keys.isEmpty())
            ++p.done;
    }
    if (p.done == p.total)
        return {};
    return p;
}

Reader::JobResult Reader::run(const Job &job, qint64 grid) const
{
    JobResult result;
    result.id = job.frame.id;
    const std::optional<QByteArray> bytes = m_engine->frameBytes(job.frame.id);
    if (!bytes)
        return result;
    const auto view = TimeFrame::FrameView::index(*bytes, std::nullopt);
    if (!view.ok())
        return result;
    result.read = true;
    if (job.digest)
        result.digest = digestFrame(*view);
    QHash<QString, QStringList> pathsOf; // channel -> paths wanted
    for (const QString &key : job.keys) {
        pathsOf[Series::channelOfKey(key)].append(Series::pathOfKey(key));
        result.buckets.insert(key, {});
    }
    for (auto it = pathsOf.cbegin(); it != pathsOf.cend(); ++it) {
        const qsizetype c = view->channelIndex(it.key());
        if (c < 0)
            continue;
        const bool json = ContentType::isJson(view->channel(c).type);
        const bool onlySize = it.value().size() == 1 && it.value().front() == Series::kSizePath;
        QHash<QString, std::vector<Bucket> *> out;
        for (const QString &path : it.value())
            out.insert(path, &result.buckets[Series::key(it.key(), path)]);
        std::vector<Bucket> *size = out.value(Series::kSizePath);
        for (qsizetype i = 0; i < view->itemCount(c); ++i) {
            const qint64 t = view->item(c, i).timestamp;
            const qint64 index = floorDiv(t, grid);
            const QByteArrayView data = view->itemData(c, i);
            if (size)
                addToBuckets(*size, index, t, double(data.size()));
            if (!json || onlySize)
                continue;
            for (const auto &[path, value] :
                 Series::numericLeaves(data, Series::Store::kMaxLeavesPerChannel)) {
                if (std::vector<Bucket> *b = out.value(path))
                    addToBuckets(*b, index, t, value);
            }
        }
    }
    return result;
}

bool Reader::startStep(std::function<void()> whenFinished)
{
    if (!m_engine || m_stepRunning)
        return false;
    refreshIndex();
    std::vector<Job> needed;
    if (!m_cancelled) {
        const auto [first, last] = framesIn(m_view.from, m_view.to);
        for (qsizetype i = first; i < last; ++i) {
            Job job = jobFor(m_frames[size_t(i)]);
            if (job.digest || !job.keys.isEmpty())
                needed.push_back(std::move(job));
        }
    }
    if (needed.empty() && !m_frames.empty() && !m_cancelled) {
        // Nothing left in view: the digests of the last hour (frames finished live among them),
        // for the catalog.
        const auto [first, last] = framesIn(m_frames.back().endAt - kCatalogSpanMs, kNoCutoff);
        for (qsizetype i = last - 1; i >= first; --i) {
            const Engine::FrameSummary &f = m_frames[size_t(i)];
            if (!m_cache.find(f.id) && !m_cache.isDropped(f.id) && !m_unreadable.contains(f.id))
                needed.push_back({f, true, {}});
        }
    }
    if (needed.empty()) {
        m_cache.flush();
        return false;
    }
    // A chunk spread over the range: the whole of it fills in from coarse to fine.
    const size_t chunk = size_t(std::max(8, 8 * m_pool.maxThreadCount()));
    m_jobs.clear();
    if (needed.size() <= chunk) {
        m_jobs = std::move(needed);
    } else {
        for (size_t j = 0; j < chunk; ++j)
            m_jobs.push_back(needed[j * needed.size() / chunk]);
    }
    m_stepGrid = m_grid;
    m_stepRunning = true;
    m_whenFinished = std::move(whenFinished);
    m_running = QtConcurrent::mapped(
        &m_pool, m_jobs, [this, grid = m_stepGrid](const Job &job) { return run(job, grid); });
    if (m_whenFinished) {
        if (!m_watcher) {
            m_watcher = std::make_unique<QFutureWatcher<JobResult>>();
            QObject::connect(m_watcher.get(), &QFutureWatcherBase::finished, [this] {
                if (!m_stepRunning)
                    return;
                finishStep();
                if (m_whenFinished)
                    m_whenFinished();
            });
        }
        m_watcher->setFuture(m_running);
    }
    return true;
}

void Reader::finishStep()
{
    if (!m_stepRunning)
        return;
    m_stepRunning = false;
    const QList<JobResult> results = m_running.results();
    m_running = {};
    m_jobs.clear();
    for (const JobResult &r : results) {
        if (!r.read) {
            m_unreadable.insert(r.id);
            continue;
        }
        if (r.digest)
            m_cache.add(*r.digest);
        if (r.buckets.isEmpty() || m_stepGrid != m_grid)
            continue;
        RawFrame &raw = m_raw[r.id];
        if (raw.grid != m_stepGrid)
            raw = {m_stepGrid, {}};
        for (auto it = r.buckets.cbegin(); it != r.buckets.cend(); ++it)
            raw.buckets.insert(it.key(), it.value());
    }
    m_cache.flush();
}

bool Reader::step()
{
    if (m_stepRunning) {
        m_running.waitForFinished();
        finishStep();
        return true;
    }
    if (!startStep({}))
        return false;
    m_running.waitForFinished();
    finishStep();
    return true;
}

void Reader::abandonStep()
{
    if (!m_stepRunning)
        return;
    m_running.waitForFinished();
    m_stepRunning = false;
    m_running = {};
    m_jobs.clear();
}

} // namespace History
