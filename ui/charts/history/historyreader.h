// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/history/digestcache.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <limits>
#include <memory>
#include <vector>

// The charts over every retained frame (memory and disk). Far away (a pixel column as wide as a
// frame or wider) a frame is drawn from its digest; nearer, its items are read through the
// zero-copy view and bucketed on a grid finer than the columns, so memory follows the pixel
// width, never the range. Frames are read in chunks on a pool of threads; the owner calls step()
// until it returns false (between chunks it takes new views, live events and cancels).
// Not thread-safe: the chart feed's thread owns a reader.
namespace History {

inline constexpr qint64 kNoCutoff = std::numeric_limits<qint64>::max();

class Reader
{
public:
    struct View
    {
        qint64 from = 0;
        qint64 to = 0;
        int width = 800;
        QStringList keys; // Series::key()s of buffers (#size for a rate)
        // Per key, where the live store takes over: history draws only before it.
        QHash<QString, qint64> cutoffs;
        qint64 cutoff(const QString &key) const { return cutoffs.value(key, kNoCutoff); }
    };
    struct Progress
    {
        qint64 done = 0;
        qint64 total = 0; // 0: nothing is being read (all ready, or cancelled)
    };

    Reader();
    ~Reader();

    // cacheFile: where digests persist; empty keeps them in memory only.
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine, const QString &cacheFile);
    bool isActive() const { return bool(m_engine); }
    // A frame finished: the index is read again, and the next step digests it.
    void frameFinished(const Engine::FrameSummary &frame);

    void setView(const View &view);
    // Stops reading for this view; a view of another range or width reads again.
    void cancel() { m_cancelled = true; }
    // Starts reading one chunk of what the view still needs on the pool, and returns at once;
    // false when nothing is left (or cancelled), or a chunk is still being read. Once it is
    // read, its results are taken in on the caller's thread (a QFutureWatcher; the caller's
    // thread runs an event loop) and whenFinished is called there.
    bool startStep(std::function<void()> whenFinished);
    bool isStepRunning() const { return m_stepRunning; }
    // Reads one chunk and waits for it (tests); false when nothing is left.
    bool step();
    Progress progress() const;

    // Columns of one series over [from, to), from digests and items read, before the cutoff.
    std::vector<Series::Column> columns(const QString &key, qint64 from, qint64 to, int width,
                                        qint64 cutoff) const;
    // The median interval between items of a series in the frames of [from, to); 0 unknown.
    qint64 typicalInterval(const QString &key, qint64 from, qint64 to) const;

    qint64 firstTime() const; // of the oldest retained frame, 0 without any
    qint64 lastTime() const; // end of the newest
    const QList<Series::ChannelInfo> &channels() const { return m_cache.channels(); }
    int catalogRevision() const { return m_cache.catalogRevision(); }
    const DigestCache &cache() const { return m_cache; }
    // Items read for near views: bytes held (bounded by the pixel width and the frames in view).
    qint64 heldBucketBytes() const;

    struct Bucket
    {
        qint64 index; // start / grid
        Series::Column column;
    };

private:
    // The items of one frame read for a grid, per key: sorted buckets.
    struct RawFrame
    {
        qint64 grid = 0;
        QHash<QString, std::vector<Bucket>> buckets;
    };
    struct Job
    {
        Engine::FrameSummary frame;
        bool digest = false;
        QStringList keys; // read raw on the grid
    };
    struct JobResult
    {
        qint64 id = 0;
        std::optional<DigestDraft> digest;
        QHash<QString, std::vector<Bucket>> buckets;
        bool read = false;
    };

    void refreshIndex();
    bool wantsRaw(const Engine::FrameSummary &frame) const;
    Job jobFor(const Engine::FrameSummary &frame) const;
    // [first, last) of the frames overlapping [from, to).
    std::pair<qsizetype, qsizetype> framesIn(qint64 from, qint64 to) const;
    JobResult run(const Job &job, qint64 grid) const;

    std::shared_ptr<Engine::EngineApi> m_engine;
    Engine::FrameIndex m_index;
    std::vector<Engine::FrameSummary> m_frames; // oldest first
    DigestCache m_cache;
    View m_view;
    qint64 m_grid = 1; // ms per bucket of items read: a power of two under a column
    bool m_cancelled = false;
    void finishStep();
    void abandonStep();

    std::vector<Job> m_jobs; // of the step running
    QFuture<JobResult> m_running;
    std::unique_ptr<QFutureWatcher<JobResult>> m_watcher;
    std::function<void()> m_whenFinished;
    qint64 m_stepGrid = 1;
    bool m_stepRunning = false;
    QHash<qint64, RawFrame> m_raw;
    QSet<qint64> m_unreadable; // frames whose bytes could not be read (removed meanwhile)
    QThreadPool m_pool;
};

} // namespace History
