// SPDX-License-Identifier: GPL-3.0-or-later
#include "openframe.h"

#include "archive.h"
#include "enginelog.h"
#include "journal.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

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

void ClosedFrame::settle()
{
    if (unsynced.empty() || !journal)
        return;
    // Batches whose ingest still waits on the sync: they stay only where it succeeds (the
    // writer gives every caller the same answer).
    QString error;
    if (!journal->sync(&error)) {
        dropUnsynced(builder.get(), &unsynced, *journal);
        journal->cutToSynced();
    }
    unsynced.clear();
}

void dropUnsynced(FrameBuilder *frame, std::deque<UnsyncedBatch> *unsynced,
                  const JournalWriter &journal)
{
    const qint64 synced = journal.syncedSize();
    for (const UnsyncedBatch &batch : *unsynced) {
        if (batch.journalEnd > synced) {
            frame->rollBack(batch.before);
            break;
        }
    }
    unsynced->clear();
}

OpenFrame::OpenFrame(const EngineConfig &config, const Archive &archive, Hooks hooks)
    : m_config(config)
    , m_grid(config.frameDurationMs)
    , m_archive(archive)
    , m_hooks(std::move(hooks))
    , m_plan(std::make_unique<IngestPlan>())
{ }

OpenFrame::~OpenFrame() = default;

void OpenFrame::begin(std::unique_ptr<FrameBuilder> replayed,
                      std::unique_ptr<JournalWriter> journal, qint64 start, bool storageReady,
                      const QString &storageError)
{
    QMutexLocker locker(&m_mutex);
    m_open = replayed ? std::move(replayed)
                      : std::make_unique<FrameBuilder>(start, m_grid.endAfter(start));
    m_journal = std::move(journal);
    publishIdsLocked();
    if (!m_journal && storageReady)
        openJournalLocked();
    else if (!m_journal)
        setJournalErrorLocked(storageError);
    m_accepting = true;
}

std::optional<ClosedFrame> OpenFrame::end(qint64 now)
{
    QMutexLocker locker(&m_mutex);
    m_accepting = false;
    std::optional<ClosedFrame> open;
    if (now >= m_open->endAt()) {
        // Its time is up: it closes as it would have on time, and the frame that follows
        // has not received anything yet.
        closeLocked(now);
    } else {
        open = ClosedFrame {std::move(m_open), std::move(m_journal), std::move(m_unsynced)};
    }
    m_unsynced.clear();
    m_open.reset();
    m_journal.reset();
    m_live.clear();
    m_activity.clear();
    m_syncPending = false;
    return open;
}

void OpenFrame::stopAccepting()
{
    QMutexLocker locker(&m_mutex);
    m_accepting = false;
}

void OpenFrame::publishIdsLocked()
{
    m_endAt.store(m_open->endAt(), std::memory_order_release);
    m_id.store(m_open->id(), std::memory_order_release);
}

qint64 OpenFrame::closeLocked(qint64 now)
{
    const qint64 oldEnd = m_open->endAt();
    m_closed.push_back({std::move(m_open), std::move(m_journal), std::move(m_unsynced)});
    m_unsynced.clear();

    // The next frame starts where this one ended, or at the frame of now after a stall, as at
    // start (ids only grow, frames never overlap).
    const qint64 start = std::max(m_grid.alignDown(now), oldEnd);
    // Frames close on time even without events: the stretch nobody filled becomes empty frames.
    const qint64 maxGap = m_config.retainFrames > 0 ? m_config.retainFrames : kMaxGapFrames;
    for (const auto &[s, e] : m_grid.gap(oldEnd, start, maxGap))
        m_closed.push_back({std::make_unique<FrameBuilder>(s, e), nullptr, {}});
    return start;
}

void OpenFrame::openLocked(qint64 start)
{
    m_open = std::make_unique<FrameBuilder>(start, m_grid.endAfter(start));
    publishIdsLocked();
    m_syncPending = false;
    openJournalLocked();
}

bool OpenFrame::rollIfDue(qint64 now)
{
    QMutexLocker locker(&m_mutex);
    if (!m_open || now < m_open->endAt())
        return false;
    openLocked(closeLocked(now));
    return true;
}

std::optional<ClosedFrame> OpenFrame::takeClosed()
{
    QMutexLocker locker(&m_mutex);
    if (m_closed.empty())
        return std::nullopt;
    ClosedFrame closed = std::move(m_closed.front());
    m_closed.pop_front();
    return closed;
}

void OpenFrame::journalLostLocked()
{
    // Everything acknowledged is in the frame in memory: a new journal starts with one record
    // holding all of it (openJournalLocked), so nothing acknowledged is lost.
    qCWarning(lcJournal).noquote()
        << u"The journal %1 is gone from the data directory (removed or replaced): making the "
           "directory again and rewriting the journal from the %2 events in memory"_s
               .arg(m_journal->fileName())
               .arg(m_open->itemCount());
    m_journal.reset();
    m_unsynced.clear();
    m_hooks.directoryLost();
    openJournalLocked();
}

void OpenFrame::noteClockBehindLocked(qint64 now)
{
    m_clockBehind = now < m_open->startAt();
    if (m_clockBehind) {
        qCWarning(lcEngine).noquote()
            << u"The wall clock (%1) is %2 ms behind the open frame %3, which starts where the "
               "newest frame ended: frame ids keep growing, and events without a timestamp are "
               "stamped with the frame's start until the clock catches up"_s.arg(now)
                   .arg(m_open->startAt() - now)
                   .arg(m_open->id());
    } else {
        qCInfo(lcEngine) << "The wall clock caught up with the open frame" << m_open->id();
    }
}

void OpenFrame::checkJournalInPlace()
{
    QMutexLocker locker(&m_mutex);
    if (m_journal && m_open && !m_journal->isInPlace())
        journalLostLocked();
}

void OpenFrame::openJournalLocked()
{
    QString error;
    // A directory removed while running is made again.
    if (!m_archive.ensureDir(&error)) {
        setJournalErrorLocked(error);
        return;
    }
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

void OpenFrame::journalSyncFailedLocked(const std::shared_ptr<JournalWriter> &journal,
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

void OpenFrame::setJournalErrorLocked(const QString &error)
{
    const bool failing = !error.isEmpty();
    if (failing == m_journalFailing && !failing)
        return;
    if (failing && !m_journalFailing)
        qCWarning(lcJournal) << "Refusing events:" << error;
    m_journalFailing = failing;
    m_lastJournalError = error;
    m_hooks.journalError(error);
}

IngestResult OpenFrame::ingest(const QList<Event> &events, qint64 now, bool live)
{

    IngestResult result;
    bool wake = false;
    const bool always = m_config.fsync == FsyncPolicy::Always;
    std::shared_ptr<JournalWriter> syncNeeded;
    qint64 syncUpTo = 0;
    // fsync always: what becomes visible once the sync returns.
    QList<LiveEvent> unsyncedLive;
    QList<ChannelActivity> unsyncedActivity;
    {
        QMutexLocker locker(&m_mutex);
        if (!m_accepting)
            return failed(IngestError::Stopped, tr("The engine is not running."));
        if (now >= m_open->endAt()) {
            openLocked(closeLocked(now));
            wake = true;
        }
        if ((now < m_open->startAt()) != m_clockBehind)
            noteClockBehindLocked(now);
        if (auto failure = m_open->plan(events, now, m_plan.get())) {
            result.failure = std::move(failure);
        } else {
            if (m_journal && m_journal->isUnlinked())
                journalLostLocked();
            if (!m_journal)
                openJournalLocked();
            QString error;
            if (!m_journal) {
                result =
                    failed(IngestError::StorageUnavailable, storageMessage(m_lastJournalError));
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
            m_hooks.wake();
    }
    if (!result.ok())
        return result;

    if (syncNeeded) {
        // Group commit: outside the lock, so concurrent ingests share one fdatasync. The batch
        // is in the frame but hidden (m_unsynced) until then.
        QString error;
        const bool synced = syncNeeded->sync(&error, syncUpTo);
        QMutexLocker locker(&m_mutex);
        if (!synced) {
            journalSyncFailedLocked(syncNeeded, error);
            return failed(IngestError::StorageUnavailable, storageMessage(error));
        }
        if (syncNeeded == m_journal) {
            const qint64 durable = syncNeeded->syncedSize();
            while (!m_unsynced.empty() && m_unsynced.front().journalEnd <= durable)
                m_unsynced.pop_front();
        }
        if (m_accepting && m_live.isEmpty() && m_activity.isEmpty())
            m_hooks.wake();
        m_live.append(unsyncedLive);
        mergeActivityLocked(unsyncedActivity);
    }
    m_eventsAccepted.fetch_add(events.size(), std::memory_order_relaxed);
    return result;
}

void OpenFrame::syncJournal()
{
    std::shared_ptr<JournalWriter> journal;
    {
        QMutexLocker locker(&m_mutex);
        // Cleared before syncing: a write after this point wakes the engine for the next sync.
        m_syncPending = false;
        journal = m_journal;
    }
    if (!journal || m_config.fsync != FsyncPolicy::Interval || !journal->hasUnsyncedData())
        return;
    QString error;
    if (!journal->sync(&error)) {
        QMutexLocker locker(&m_mutex);
        journalSyncFailedLocked(journal, error);
    }
}

bool OpenFrame::syncPending() const
{
    QMutexLocker locker(&m_mutex);
    return m_syncPending;
}

bool OpenFrame::livePending() const
{
    QMutexLocker locker(&m_mutex);
    return !m_live.isEmpty() || !m_activity.isEmpty();
}

void OpenFrame::takeLive(QList<LiveEvent> *events, QList<ChannelActivity> *activity)
{
    QMutexLocker locker(&m_mutex);
    events->swap(m_live);
    activity->swap(m_activity);
}

qint64 OpenFrame::endAt() const
{
    QMutexLocker locker(&m_mutex);
    return m_open ? m_open->endAt() : 0;
}

qint64 OpenFrame::knownEndAt() const
{
    const qint64 id = m_id.load(std::memory_order_acquire);
    const qint64 end = m_endAt.load(std::memory_order_acquire);
    return end <= id ? 0 : end; // read while the frame rolled over: not known this time
}

bool OpenFrame::journalFailing() const
{
    QMutexLocker locker(&m_mutex);
    return m_journalFailing;
}

void OpenFrame::noteActivity(const QList<Event> &events, QList<ChannelActivity> *activity) const
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

void OpenFrame::mergeActivityLocked(const QList<ChannelActivity> &activity)
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

QByteArray OpenFrame::snapshot(TimeFrame::Layout layout) const
{
    std::optional<FrameBuilder> copy;
    std::optional<FrameBuilder::Mark> synced;
    {
        // A shallow copy: full chunks are shared, so the lock is held for a few pointer copies.
        QMutexLocker locker(&m_mutex);
        if (!m_open)
            return {};
        copy.emplace(*m_open);
        // Batches still waiting on their sync are not shown.
        const qint64 durable = m_journal ? m_journal->syncedSize() : 0;
        for (const UnsyncedBatch &batch : m_unsynced) {
            if (batch.journalEnd > durable) {
                synced = batch.before;
                break;
            }
        }
    }
    if (synced)
        copy->rollBack(*synced);
    auto encoded = copy->encode(layout);
    return encoded ? std::move(encoded).value() : QByteArray();
}

} // namespace Engine
