// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameengine.h"

#include "catalog.h"
#include "clock.h"
#include "enginelog.h"
#include "format/frameview.h"
#include "framebuilder.h"
#include "journal.h"
#include "recovery.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMetaMethod>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

// Live events go out at once when none went out in the last kLiveIdleMs; under load they are
// coalesced for kLiveBatchMs, so subscribers are woken at most that often however many arrive.
constexpr qint64 kLiveIdleMs = 1;
constexpr int kLiveBatchMs = 2;
// After a long stall (a suspended machine), at most this many empty frames fill the gap when no
// retention count says otherwise: more would be removed by retention at once anyway.
constexpr qint64 kMaxGapFrames = 8640;

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine::FrameEngine", text);
}

IngestResult failed(IngestError error, QString message, qsizetype index = -1)
{
    IngestResult result;
    result.failure = IngestFailure {error, std::move(message), index};
    return result;
}

QString storageMessage(const QString &detail)
{
    return tr("Storage unavailable: the event cannot be kept (%1).").arg(detail);
}

} // namespace

FrameEngine::FrameEngine(EngineConfig config, const Clock *clock, QObject *parent)
    : EngineApi(parent)
    , m_config(std::move(config))
    , m_ownClock(clock ? nullptr : std::make_unique<SystemClock>())
    , m_clock(clock ? clock : m_ownClock.get())
    , m_archive(m_config.effectiveDataDir())
    , m_catalog(m_config.effectiveDataDir())
    , m_store(m_config.history)
    , m_plan(std::make_unique<IngestPlan>())
    , m_index(std::make_shared<const QList<FrameSummary>>())
{
    qRegisterMetaType<Engine::LiveEvent>();
    qRegisterMetaType<Engine::FrameSummary>();
    qRegisterMetaType<Engine::Status>();
    qRegisterMetaType<QList<Engine::LiveEvent>>();
    qRegisterMetaType<QList<Engine::ChannelActivity>>();
}

FrameEngine::~FrameEngine()
{
    stop();
}

qint64 FrameEngine::alignDown(qint64 t) const
{
    const qint64 d = m_config.frameDurationMs;
    const qint64 r = t % d;
    return r < 0 ? t - r - d : t - r;
}

qint64 FrameEngine::alignUp(qint64 t) const
{
    const qint64 down = alignDown(t);
    return down == t ? t : down + m_config.frameDurationMs;
}

qint64 FrameEngine::frameEndAfter(qint64 start) const
{
    return alignDown(start) + m_config.frameDurationMs;
}

bool FrameEngine::start(Threading threading, QString *error)
{
    if (isRunning())
        return true;
    if (const QString problem = m_config.validate(); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_threading = threading;
    const qint64 now = m_clock->nowMs();

    QString storageError;
    if (m_archive.ensureDir(&storageError)) {
        loadArchived();
        Recovery recovery = recoverJournals(m_archive, m_config, now, m_faults);
        storageError = recovery.storageError;
        for (Recovery::Frame &frame : recovery.finished) {
            m_retained[frame.summary.id] = frame.summary;
            if (!frame.summary.onDisk && m_config.history > 0) {
                // Not archived: memory is all it has until storage comes back.
                m_retained[frame.summary.id].inMemory = true;
                m_store.add(frame.summary.id, frame.bytes);
            }
        }
        m_open = std::move(recovery.open);
        m_journal = std::move(recovery.journal);
    }
    if (!storageError.isEmpty())
        qCWarning(lcEngine) << "Storage unavailable:" << storageError;

    // The newest archived frames come back into memory, where there is room.
    qsizetype room = m_config.history - m_store.count();
    // Empty frames are made when asked for (frameBytes()), not kept.
    for (auto it = m_retained.rbegin(); it != m_retained.rend() && room > 0; ++it) {
        FrameSummary &frame = it->second;
        if (frame.inMemory || !frame.onDisk || frame.items == 0)
            continue;
        frame.inMemory = true;
        --room;
    }
    // Added oldest first, as the store expects.
    for (auto &[id, frame] : m_retained) {
        if (frame.inMemory && frame.onDisk && !m_store.contains(id)) {
            if (const auto bytes = m_archive.read(id))
                m_store.add(id, *bytes);
            else
                frame.inMemory = false;
        }
    }
    applyRetention(now);
    rewriteCatalog();

    {
        QMutexLocker locker(&m_openMutex);
        if (!m_open) {
            // Frame ids only grow: never reopen or overlap a retained frame, even when the wall
            // clock went back. Where the newest frame ends inside the current period (it was
            // cut short by a stop), the open frame starts at its end and runs to the boundary.
            qint64 start = alignDown(now);
            if (!m_retained.empty())
                start = std::max(start, m_retained.rbegin()->second.endAt);
            m_open = std::make_unique<FrameBuilder>(start, frameEndAfter(start));
        }
        m_openFrameEndAt.store(m_open->endAt(), std::memory_order_release);
        m_openFrameId.store(m_open->id(), std::memory_order_release);
        if (!m_journal && m_archive.ensureDir(&storageError))
            openJournalLocked();
        else if (!m_journal)
            setJournalErrorLocked(storageError);
        m_running.store(true, std::memory_order_release);
    }
    {
        QMutexLocker locker(&m_publishMutex);
        if (m_archiveError.isEmpty() && !storageError.isEmpty() && !m_journalFailing)
            m_archiveError = storageError;
    }
    publishIndex();

    if (m_threading == Threading::OwnThread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(u"SyncStreamer engine"_s);
        m_threadContext = std::make_unique<QObject>();
        m_frameTimer = new QTimer(m_threadContext.get());
        m_frameTimer->setSingleShot(true);
        m_frameTimer->setTimerType(Qt::PreciseTimer); // a frame closes on time, not 5% late
        connect(m_frameTimer, &QTimer::timeout, m_threadContext.get(), [this] { tick(); });
        m_syncTimer = new QTimer(m_threadContext.get());
        m_syncTimer->setSingleShot(true);
        m_syncTimer->setTimerType(Qt::PreciseTimer);
        connect(m_syncTimer, &QTimer::timeout, m_threadContext.get(), [this] { syncJournal(); });
        m_liveTimer = new QTimer(m_threadContext.get());
        m_liveTimer->setSingleShot(true);
        m_liveTimer->setTimerType(Qt::PreciseTimer);
        connect(m_liveTimer, &QTimer::timeout, m_threadContext.get(), [this] { flushLive(); });
        m_threadContext->moveToThread(m_thread.get());
        m_thread->start();
        QMetaObject::invokeMethod(
            m_threadContext.get(), [this] { tick(); }, Qt::QueuedConnection);
    }
    return true;
}

void FrameEngine::stop()
{
    {
        QMutexLocker locker(&m_openMutex);
        if (!m_running.exchange(false))
            return;
    }
    if (m_thread) {
        QMetaObject::invokeMethod(
            m_threadContext.get(),
            [this] {
                m_frameTimer->stop();
                m_syncTimer->stop();
                m_liveTimer->stop();
            },
            Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        m_threadContext.reset();
        m_thread.reset();
    }
    Closed open;
    qint64 now = 0;
    {
        QMutexLocker locker(&m_openMutex);
        now = m_clock->nowMs();
        if (now >= m_open->endAt()) {
            // Its time is up: it closes as it would have on time, and the frame that follows
            // has not received anything yet.
            closeLocked(now);
        } else {
            open = Closed {std::move(m_open), std::move(m_journal), std::move(m_unsynced)};
        }
        m_unsynced.clear();
        m_open.reset();
        m_journal.reset();
        m_live.clear();
        m_activity.clear();
        m_syncPending = false;
    }
    finishClosedFrames();
    if (open.builder)
        finishOpenFrame(std::move(open), now);
}

void FrameEngine::loadArchived()
{
    // Counts from the catalog where its record matches the file, else from the file (a frame
    // archived by an older version, or whose record was lost); empty frames from its runs.
    const Catalog::Contents catalog = m_catalog.read();
    QHash<qint64, FrameSummary> recorded;
    recorded.reserve(catalog.frames.size());
    for (const FrameSummary &frame : catalog.frames)
        recorded.insert(frame.id, frame);
    for (FrameSummary frame : m_archive.scan()) {
        const auto it = recorded.constFind(frame.id);
        if (it != recorded.cend() && it->size == frame.size && it->endAt == frame.endAt) {
            frame.channels = it->channels;
            frame.items = it->items;
        } else if (const auto bytes = m_archive.read(frame.id)) {
            if (const auto view = TimeFrame::FrameView::index(*bytes, m_config.layout)) {
                frame.channels = int(view->channelCount());
                frame.items = view->itemCount();
            }
        }
        m_retained[frame.id] = frame;
    }
    for (const Catalog::IdleRun &run : catalog.idle) {
        for (const FrameSummary &frame : run.frames())
            m_retained.try_emplace(frame.id, frame); // a file of that id wins
    }
}

void FrameEngine::rewriteCatalog()
{
    QList<FrameSummary> kept;
    for (const auto &[id, frame] : m_retained) {
        if (frame.onDisk)
            kept.append(frame);
    }
    m_catalog.rewrite(kept);
    m_catalogKept = kept.size();
}

void FrameEngine::finishOpenFrame(Closed open, qint64 now)
{
    settle(&open);
    FrameBuilder &frame = *open.builder;
    const qint64 id = frame.id();
    const std::optional<qint64> newest = frame.newestTimestamp();
    if (!newest) {
        // Nothing to keep: no file, and the journal holds no record.
        if (open.journal) {
            open.journal.reset();
            m_archive.removeJournal(id);
        }
        return;
    }
    // Producer timestamps may lie ahead of the clock inside the frame: the cut keeps them.
    const qint64 endAt = std::max({now, *newest + 1, frame.startAt() + 1});
    frame.cutAt(std::min(endAt, frame.endAt()));
    if (!finishFrame(std::move(open))) {
        qCWarning(lcArchive) << "The open frame" << id
                             << "could not be archived on stop; its journal is kept and "
                                "replayed at the next start";
    }
}

void FrameEngine::tick()
{
    if (!isRunning())
        return;
    {
        QMutexLocker locker(&m_openMutex);
        const qint64 now = m_clock->nowMs();
        if (now >= m_open->endAt())
            rollLocked(now);
    }
    finishClosedFrames();
    if (m_threading == Threading::Manual) {
        syncJournal();
        flushLive();
    }
    emitStatusIfChanged();
    if (m_threading == Threading::OwnThread)
        armFrameTimer();
}

void FrameEngine::armFrameTimer()
{
    qint64 end = 0;
    {
        QMutexLocker locker(&m_openMutex);
        end = m_open->endAt();
    }
    const qint64 wait = std::clamp<qint64>(end - m_clock->nowMs(), 0, 60'000);
    m_frameTimer->start(int(wait));
}

void FrameEngine::onWake()
{
    m_wakePosted.store(false, std::memory_order_release);
    if (!isRunning())
        return;
    finishClosedFrames();
    bool syncPending = false;
    bool livePending = false;
    {
        QMutexLocker locker(&m_openMutex);
        syncPending = m_syncPending;
        livePending = !m_live.isEmpty() || !m_activity.isEmpty();
    }
    if (syncPending && !m_syncTimer->isActive())
        m_syncTimer->start(int(m_config.fsyncIntervalMs));
    if (livePending && !m_liveTimer->isActive()) {
        if (!m_liveClock.isValid() || m_liveClock.elapsed() >= kLiveIdleMs)
            flushLive();
        else
            m_liveTimer->start(kLiveBatchMs);
    }
    emitStatusIfChanged();
    armFrameTimer();
}

void FrameEngine::requestWake()
{
    // Called with m_openMutex held (or on the engine's thread), so stop() cannot tear the
    // context down in between.
    if (m_threading != Threading::OwnThread || !m_threadContext)
        return;
    if (!m_wakePosted.exchange(true, std::memory_order_acq_rel)) {
        QMetaObject::invokeMethod(
            m_threadContext.get(), [this] { onWake(); }, Qt::QueuedConnection);
    }
}

qint64 FrameEngine::closeLocked(qint64 now)
{
    const qint64 d = m_config.frameDurationMs;
    const qint64 oldEnd = m_open->endAt();
    m_closed.push_back({std::move(m_open), std::move(m_journal), std::move(m_unsynced)});
    m_unsynced.clear();

    // The next frame starts where this one ended, or at the frame of now after a stall, as at
    // start (ids only grow, frames never overlap).
    const qint64 start = std::max(alignDown(now), oldEnd);
    if (start == oldEnd)
        return start;
    // Frames close on time even without events: the stretch nobody filled becomes empty frames,
    // the first one short where the old frame ended off the grid.
    const qint64 firstFull = alignUp(oldEnd);
    const qint64 maxGap = m_config.retainFrames > 0 ? m_config.retainFrames : kMaxGapFrames;
    const qint64 fullFrames = (start - firstFull) / d;
    if (firstFull != oldEnd && fullFrames < maxGap)
        m_closed.push_back({std::make_unique<FrameBuilder>(oldEnd, firstFull), nullptr, {}});
    for (qint64 k = std::max<qint64>(0, fullFrames - maxGap); k < fullFrames; ++k) {
        const qint64 s = firstFull + k * d;
        m_closed.push_back({std::make_unique<FrameBuilder>(s, s + d), nullptr, {}});
    }
    return start;
}

void FrameEngine::rollLocked(qint64 now)
{
    const qint64 start = closeLocked(now);
    m_open = std::make_unique<FrameBuilder>(start, frameEndAfter(start));
    m_openFrameEndAt.store(m_open->endAt(), std::memory_order_release);
    m_openFrameId.store(start, std::memory_order_release);
    m_syncPending = false;
    openJournalLocked();
    m_statusChanged.store(true);
}

void FrameEngine::openJournalLocked()
{
    QString error;
    std::unique_ptr<JournalWriter> journal = JournalWriter::create(
        m_archive.journalPath(m_open->id()), m_open->startAt(), m_open->endAt(), &error, m_faults);
    if (journal && m_open->channelCount() > 0) {
        // The frame has items its journal lost (storage came back): cover them again first.
        if (!journal->append(Journal::encodeSnapshot(*m_open), &error))
            journal.reset();
    }
    if (!journal) {
        setJournalErrorLocked(error);
        return;
    }
    // After a failed sync, the frame so far is only as safe as this journal: it takes
    // nothing before its first sync succeeds.
    if ((m_config.fsync == FsyncPolicy::Always || m_syncFailed) && !journal->sync(&error)) {
        setJournalErrorLocked(error);
        return;
    }
    m_syncFailed = false;
    m_journal = std::move(journal);
    setJournalErrorLocked({});
}

void FrameEngine::dropUnsynced(FrameBuilder *frame, std::deque<Unsynced> *unsynced,
                               const JournalWriter &journal)
{
    const qint64 synced = journal.syncedSize();
    for (const Unsynced &batch : *unsynced) {
        if (batch.journalEnd > synced) {
            frame->rollBack(batch.before);
            break;
        }
    }
    unsynced->clear();
}

void FrameEngine::journalSyncFailedLocked(const std::shared_ptr<JournalWriter> &journal,
                                          const QString &error)
{
    if (journal == m_journal) {
        if (!m_unsynced.empty()) {
            // Refused batches must not come back at replay either.
            dropUnsynced(m_open.get(), &m_unsynced, *journal);
            journal->cutToSynced();
        }
        m_journal.reset();
    }
    m_syncFailed = true;
    setJournalErrorLocked(error);
}

void FrameEngine::setJournalErrorLocked(const QString &error)
{
    const bool failing = !error.isEmpty();
    if (failing == m_journalFailing && !failing)
        return;
    if (failing && !m_journalFailing)
        qCWarning(lcJournal) << "Refusing events:" << error;
    m_journalFailing = failing;
    setStorageError(&m_journalError, error);
    requestWake(); // statusChanged comes from the engine's thread
}

void FrameEngine::setStorageError(QString *slot, const QString &error)
{
    QMutexLocker locker(&m_publishMutex);
    if (*slot == error)
        return;
    *slot = error;
    m_statusChanged.store(true);
}

IngestResult FrameEngine::ingest(const QList<Event> &events)
{
    if (events.isEmpty())
        return isRunning() ? IngestResult {}
                           : failed(IngestError::Stopped, tr("The engine is not running."));
    static const QMetaMethod liveSignal = QMetaMethod::fromSignal(&EngineApi::liveEvents);
    const bool live = isSignalConnected(liveSignal);
    const qint64 now = m_clock->nowMs();

    IngestResult result;
    bool wake = false;
    const bool always = m_config.fsync == FsyncPolicy::Always;
    std::shared_ptr<JournalWriter> syncNeeded;
    qint64 syncUpTo = 0;
    // fsync always: what becomes visible once the sync returns.
    QList<LiveEvent> unsyncedLive;
    QList<ChannelActivity> unsyncedActivity;
    {
        QMutexLocker locker(&m_openMutex);
        if (!isRunning())
            return failed(IngestError::Stopped, tr("The engine is not running."));
        if (now >= m_open->endAt()) {
            rollLocked(now);
            wake = true;
        }
        if (auto failure = m_open->plan(events, now, m_plan.get())) {
            result.failure = std::move(failure);
        } else {
            if (!m_journal)
                openJournalLocked();
            QString error;
            if (!m_journal) {
                result = failed(IngestError::StorageUnavailable, storageMessage(m_journalError));
            } else if (!m_journal->append(
                           Journal::encodeRecord(*m_plan, events, m_open->channelCount()),
                           &error)) {
                setJournalErrorLocked(error);
                result = failed(IngestError::StorageUnavailable, storageMessage(error));
            } else {
                if (m_journalFailing)
                    setJournalErrorLocked({});
                const qint64 frameId = m_open->id();
                if (always)
                    m_unsynced.push_back({m_journal->size(), m_open->mark()});
                m_open->apply(*m_plan, events);
                result.acks.reserve(events.size());
                const bool nothingPending = m_live.isEmpty() && m_activity.isEmpty();
                QList<LiveEvent> &liveOut = always ? unsyncedLive : m_live;
                noteActivity(events, always ? &unsyncedActivity : &m_activity);
                for (qsizetype i = 0; i < events.size(); ++i) {
                    const qint64 timestamp = m_plan->placements[size_t(i)].timestamp;
                    result.acks.append(Ack {events[i].channel, frameId, timestamp});
                    if (live) {
                        const qsizetype channel = m_plan->placements[size_t(i)].channel;
                        // The event's own strings, not the frame's: those are shared by every
                        // thread, and counting references to them makes their cache lines
                        // travel between the cores.
                        const QString &type = events[i].type.isEmpty()
                            ? m_open->channel(channel).type
                            : events[i].type;
                        liveOut.append(LiveEvent {events[i].channel, type, timestamp, frameId,
                                                  events[i].data});
                    }
                }
                if (nothingPending && !always)
                    wake = true;
                if (m_config.fsync == FsyncPolicy::Interval && !m_syncPending) {
                    m_syncPending = true;
                    wake = true;
                } else if (always) {
                    syncNeeded = m_journal;
                    syncUpTo = m_journal->size();
                }
            }
        }
        if (wake)
            requestWake();
    }
    if (!result.ok())
        return result;

    if (syncNeeded) {
        // Group commit: outside the lock, so concurrent ingests share one fdatasync. The batch
        // is in the frame but hidden (m_unsynced) until then.
        QString error;
        const bool synced = syncNeeded->sync(&error, syncUpTo);
        QMutexLocker locker(&m_openMutex);
        if (!synced) {
            journalSyncFailedLocked(syncNeeded, error);
            return failed(IngestError::StorageUnavailable, storageMessage(error));
        }
        if (syncNeeded == m_journal) {
            const qint64 durable = syncNeeded->syncedSize();
            while (!m_unsynced.empty() && m_unsynced.front().journalEnd <= durable)
                m_unsynced.pop_front();
        }
        if (m_live.isEmpty() && m_activity.isEmpty())
            requestWake();
        m_live.append(unsyncedLive);
        mergeActivityLocked(unsyncedActivity);
    }
    m_eventsAccepted.fetch_add(events.size(), std::memory_order_relaxed);
    return result;
}

void FrameEngine::finishClosedFrames()
{
    for (;;) {
        Closed closed;
        {
            QMutexLocker locker(&m_openMutex);
            if (m_closed.empty())
                return;
            closed = std::move(m_closed.front());
            m_closed.pop_front();
        }
        finishFrame(std::move(closed));
    }
}

bool FrameEngine::finishFrame(Closed closed)
{
    settle(&closed);
    auto encoded = closed.builder->encode(m_config.layout);
    if (!encoded) {
        // Its journal stays: the frame is not lost, only not archived.
        qCWarning(lcArchive) << "Cannot encode frame" << closed.builder->id()
                             << encoded.error().message;
        setStorageError(&m_archiveError, encoded.error().message);
        return false;
    }
    const QByteArray bytes = std::move(encoded).value();
    FrameSummary summary = closed.builder->summary(bytes.size());
    closed.builder.reset();

    retryUnarchived();
    QString error;
    if (summary.items == 0) {
        // An empty frame has no file: the catalog's run of empty frames grows by it.
        summary.onDisk = m_catalog.add(summary);
        m_catalogKept += summary.onDisk ? 1 : 0;
        closed.journal.reset();
        m_archive.removeJournal(summary.id);
    } else if (archiveFrame(m_archive, summary.id, bytes, m_config.fsync != FsyncPolicy::Never,
                            &error)) {
        summary.onDisk = true;
        closed.journal.reset();
        m_archive.removeJournal(summary.id);
        (void)m_catalog.add(summary); // a frame missing from it is counted from its file
        ++m_catalogKept;
        setStorageError(&m_archiveError, {});
    } else {
        qCWarning(lcArchive) << "Cannot archive frame" << summary.id << error;
        setStorageError(&m_archiveError, error);
        // The journal is what recovers the frame: make all of it durable.
        QString syncError;
        if (closed.journal && m_config.fsync != FsyncPolicy::Never
            && closed.journal->hasUnsyncedData() && !closed.journal->sync(&syncError))
            qCWarning(lcJournal) << syncError;
    }

    summary.inMemory = m_config.history > 0;
    m_retained[summary.id] = summary;
    if (summary.inMemory) {
        for (const qint64 evicted : m_store.add(summary.id, bytes)) {
            auto it = m_retained.find(evicted);
            if (it == m_retained.end())
                continue;
            it->second.inMemory = false;
            if (!it->second.onDisk) {
                qCWarning(lcArchive) << "Frame" << evicted
                                     << "left memory without being archived: it is kept only in "
                                        "its journal until the next start";
                m_retained.erase(it);
            }
        }
    } else if (!summary.onDisk) {
        m_retained.erase(summary.id);
    }
    applyRetention(m_clock->nowMs());
    publishIndex();
    m_statusChanged.store(true);

    const auto it = m_retained.find(summary.id);
    Q_EMIT frameFinished(it != m_retained.end() ? it->second : summary);
    return summary.onDisk;
}

void FrameEngine::settle(Closed *closed)
{
    if (closed->unsynced.empty() || !closed->journal)
        return;
    // Batches whose ingest still waits on the sync: they stay only where it succeeds (the
    // writer gives every caller the same answer).
    QString error;
    if (!closed->journal->sync(&error)) {
        dropUnsynced(closed->builder.get(), &closed->unsynced, *closed->journal);
        closed->journal->cutToSynced();
    }
    closed->unsynced.clear();
}

void FrameEngine::retryUnarchived()
{
    for (auto &[id, frame] : m_retained) {
        if (frame.onDisk || !frame.inMemory)
            continue;
        const auto bytes = m_store.get(id);
        if (!bytes)
            continue;
        QString error;
        if (!archiveFrame(m_archive, id, *bytes, m_config.fsync != FsyncPolicy::Never, &error))
            return; // still unavailable: the caller reports it
        frame.onDisk = true;
        m_archive.removeJournal(id);
        (void)m_catalog.add(frame);
        ++m_catalogKept;
        qCInfo(lcArchive) << "Archived frame" << id << "after storage came back";
    }
}

void FrameEngine::applyRetention(qint64 now)
{
    // Frames with data by every limit; empty frames apart, by the count and the age limit
    // among themselves: they never push a frame with data out.
    QList<FrameSummary> withData;
    QList<FrameSummary> empty;
    for (const auto &[id, frame] : m_retained) {
        if (frame.onDisk)
            (frame.items == 0 ? empty : withData).append(frame);
    }
    const RetentionLimits limits {m_config.retainFrames, m_config.retainBytes,
                                  m_config.retainAgeMs};
    const RetentionLimits emptyLimits {m_config.retainFrames, 0, m_config.retainAgeMs};
    const QList<qint64> removed =
        framesToRemove(withData, limits, now) + framesToRemove(empty, emptyLimits, now);
    for (const qint64 id : removed) {
        auto it = m_retained.find(id);
        if (it->second.items != 0 || QFileInfo::exists(m_archive.framePath(id)))
            m_archive.remove(id); // an empty frame of an older version may have a file
        it->second.onDisk = false;
        if (!it->second.inMemory)
            m_retained.erase(it);
    }
    m_catalogKept -= removed.size();
    // The catalog keeps the records of removed frames until it is rewritten.
    if (m_catalog.records() > 2 * m_catalogKept + 64)
        rewriteCatalog();
}

void FrameEngine::publishIndex()
{
    auto list = std::make_shared<QList<FrameSummary>>();
    list->reserve(qsizetype(m_retained.size()));
    qint64 bytesOnDisk = 0;
    for (auto it = m_retained.rbegin(); it != m_retained.rend(); ++it) {
        list->append(it->second);
        if (it->second.onDisk && it->second.items != 0)
            bytesOnDisk += it->second.size;
    }
    QMutexLocker locker(&m_publishMutex);
    m_index = std::move(list);
    m_framesRetained = qint64(m_retained.size());
    m_bytesOnDisk = bytesOnDisk;
}

void FrameEngine::syncJournal()
{
    std::shared_ptr<JournalWriter> journal;
    {
        QMutexLocker locker(&m_openMutex);
        // Cleared before syncing: a write after this point wakes the engine for the next sync.
        m_syncPending = false;
        journal = m_journal;
    }
    if (!journal || m_config.fsync != FsyncPolicy::Interval || !journal->hasUnsyncedData())
        return;
    QString error;
    if (!journal->sync(&error)) {
        QMutexLocker locker(&m_openMutex);
        journalSyncFailedLocked(journal, error);
    }
}

void FrameEngine::noteActivity(const QList<Event> &events, QList<ChannelActivity> *activity) const
{
    // Events come in runs of one channel; the list holds the few channels of a batch period.
    ChannelActivity *run = nullptr;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &event = events[i];
        if (!run || run->channel != event.channel) {
            run = nullptr;
            for (ChannelActivity &a : *activity) {
                if (a.channel == event.channel) {
                    run = &a;
                    break;
                }
            }
            if (!run) {
                const qsizetype index = m_plan->placements[size_t(i)].channel;
                run = &activity->emplace_back(
                    ChannelActivity {event.channel, m_open->channel(index).type, 0, 0});
            }
        }
        ++run->events;
        run->lastTimestamp = qMax(run->lastTimestamp, m_plan->placements[size_t(i)].timestamp);
    }
}

void FrameEngine::mergeActivityLocked(const QList<ChannelActivity> &activity)
{
    for (const ChannelActivity &added : activity) {
        auto it = std::find_if(m_activity.begin(), m_activity.end(), [&](const ChannelActivity &a) {
            return a.channel == added.channel;
        });
        if (it == m_activity.end()) {
            m_activity.append(added);
        } else {
            it->events += added.events;
            it->lastTimestamp = qMax(it->lastTimestamp, added.lastTimestamp);
        }
    }
}

void FrameEngine::flushLive()
{
    QList<LiveEvent> batch;
    QList<ChannelActivity> activityBatch;
    {
        QMutexLocker locker(&m_openMutex);
        batch.swap(m_live);
        activityBatch.swap(m_activity);
    }
    if (!activityBatch.isEmpty() || !batch.isEmpty())
        m_liveClock.start();
    if (!activityBatch.isEmpty())
        Q_EMIT activity(activityBatch);
    if (!batch.isEmpty())
        Q_EMIT liveEvents(batch);
}

void FrameEngine::emitStatusIfChanged()
{
    if (m_statusChanged.exchange(false))
        Q_EMIT statusChanged(status());
}

FrameIndex FrameEngine::index() const
{
    QMutexLocker locker(&m_publishMutex);
    return m_index;
}

std::optional<QByteArray> FrameEngine::frameBytes(qint64 id) const
{
    if (auto bytes = m_store.get(id))
        return bytes;
    const FrameIndex frames = index();
    for (const FrameSummary &frame : *frames) {
        if (frame.id != id)
            continue;
        if (frame.onDisk && frame.items == 0) {
            // An empty frame is its header: made again, as it was archived.
            auto encoded = FrameBuilder(frame.startAt, frame.endAt).encode(m_config.layout);
            return encoded ? std::optional<QByteArray>(std::move(encoded).value()) : std::nullopt;
        }
        return frame.onDisk ? m_archive.read(id) : std::nullopt;
    }
    return std::nullopt;
}

QByteArray FrameEngine::openFrameBytes() const
{
    std::optional<FrameBuilder> copy;
    std::optional<FrameBuilder::Mark> synced;
    {
        // A shallow copy: full chunks are shared, so the lock is held for a few pointer copies.
        QMutexLocker locker(&m_openMutex);
        if (!m_open)
            return {};
        copy.emplace(*m_open);
        // Batches still waiting on their sync are not shown.
        const qint64 durable = m_journal ? m_journal->syncedSize() : 0;
        for (const Unsynced &batch : m_unsynced) {
            if (batch.journalEnd > durable) {
                synced = batch.before;
                break;
            }
        }
    }
    if (synced)
        copy->rollBack(*synced);
    auto encoded = copy->encode(m_config.layout);
    return encoded ? std::move(encoded).value() : QByteArray();
}

Status FrameEngine::status() const
{
    Status s;
    {
        QMutexLocker locker(&m_publishMutex);
        const QString &detail = m_journalError.isEmpty() ? m_archiveError : m_journalError;
        s.storage = detail.isEmpty() ? StorageState::Ok : StorageState::Unavailable;
        s.storageDetail = detail;
        s.framesRetained = m_framesRetained;
        s.bytesOnDisk = m_bytesOnDisk;
    }
    s.openFrameId = m_openFrameId.load(std::memory_order_acquire);
    s.openFrameEndAt = m_openFrameEndAt.load(std::memory_order_acquire);
    if (s.openFrameEndAt <= s.openFrameId)
        s.openFrameEndAt = 0; // read while the frame rolled over: not known this time
    s.eventsAccepted = m_eventsAccepted.load(std::memory_order_relaxed);
    return s;
}

} // namespace Engine
