// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "archive.h"
#include "catalog.h"
#include "engineapi.h"
#include "engineconfig.h"
#include "framebuilder.h"
#include "framestore.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>
#include <deque>
#include <map>
#include <memory>

class QThread;
class QTimer;

namespace Engine {

class Clock;
class FrameBuilder;
class JournalWriter;
struct IngestPlan;
struct JournalFaults;

// Who drives the engine's timers.
enum class Threading {
    OwnThread, // the engine's own thread closes frames, archives, syncs and batches signals
    Manual, // nothing happens by itself: the owner calls tick() (tests with a ManualClock)
};

// The engine: frame builder, memory store, archive and journal behind EngineApi.
// ingest() holds one mutex for the open frame and the journal append; everything slow (encoding
// finished frames, archive writes, retention, interval fsync, signals) runs on the engine's
// thread.
class FrameEngine final : public EngineApi
{
    Q_OBJECT
public:
    // clock: not owned, must outlive the engine; nullptr: the system clock.
    explicit FrameEngine(EngineConfig config, const Clock *clock = nullptr,
                         QObject *parent = nullptr);
    ~FrameEngine() override;

    // Rebuilds the index from the archive's headers, replays the journals, opens the frame of
    // the clock's time (from where the newest retained frame ended, where that is later) and,
    // with OwnThread, starts the engine's thread. Storage trouble does
    // not fail the start (it shows in status()); an invalid configuration does (*error set).
    bool start(Threading threading = Threading::OwnThread, QString *error = nullptr);
    // Stops gracefully: archives the frames already closed, then finishes the open frame early,
    // at max(now, its newest item + 1) and never before startAt + 1, and archives it like any
    // finished frame (frameFinished is emitted); its journal is removed once the file is
    // written. An open frame without items is not written and its journal is removed. Where
    // the archive cannot be written, the journal stays (synced) and the next start replays it.
    // The next start opens its frame where the newest archived frame ended.
    void stop();
    bool isRunning() const { return m_running.load(std::memory_order_acquire); }

    // Does what is due at the clock's time: closes frames, archives them, applies retention,
    // syncs the journal, emits the batched signals. With OwnThread the engine's thread calls it;
    // with Manual the owner does, from one thread.
    void tick();

    const EngineConfig &config() const { return m_config; }
    QString dataDir() const { return m_archive.dir(); }
    // Heap bytes held by the finished frames in memory (for the benchmark and diagnostics).
    qint64 memoryHeldBytes() const { return m_store.heldBytes(); }

    using EngineApi::ingest;
    IngestResult ingest(const QList<Event> &events) override;
    FrameIndex index() const override;
    std::optional<QByteArray> frameBytes(qint64 id) const override;
    QByteArray openFrameBytes() const override;
    Status status() const override;

    // Before start(): every journal of this engine writes and syncs through faults (tests).
    void setJournalFaults(const JournalFaults *faults) { m_faults = faults; }

private:
    // A batch applied to the open frame whose journal sync (fsync always) has not returned yet:
    // it is not visible, and is taken out again where the sync fails.
    struct Unsynced
    {
        qint64 journalEnd = 0; // the journal's size after its record
        FrameBuilder::Mark before; // the frame before it
    };
    struct Closed
    {
        std::unique_ptr<FrameBuilder> builder;
        std::shared_ptr<JournalWriter> journal;
        std::deque<Unsynced> unsynced;
    };

    // Under m_openMutex.
    void rollLocked(qint64 now);
    // Moves the open frame, and the empty frames of a stall after it, to m_closed; returns the
    // start of the frame that follows them at the time now. m_open is null afterwards.
    qint64 closeLocked(qint64 now);
    void openJournalLocked();
    // The batches of journal that its sync did not cover: taken out of the frame (fsync always).
    void dropUnsynced(FrameBuilder *frame, std::deque<Unsynced> *unsynced,
                      const JournalWriter &journal);
    // Drops the batches of m_open that a failed sync of journal lost, and the journal with them.
    void journalSyncFailedLocked(const std::shared_ptr<JournalWriter> &journal,
                                 const QString &error);
    void setJournalErrorLocked(const QString &error);

    // On the engine's thread (or the Manual owner's).
    void finishClosedFrames();
    // Archives the frame where it can; true when it was written to the archive.
    bool finishFrame(Closed closed);
    // On stop: cuts the open frame short at the time now and finishes it (nothing for an
    // empty frame).
    void finishOpenFrame(Closed open, qint64 now);
    // Waits for the sync of batches still unsynced in a closed frame, dropping them where it
    // fails.
    void settle(Closed *closed);
    void retryUnarchived();
    // At start: the archived frames and the catalog's empty frames into m_retained.
    void loadArchived();
    // Writes the catalog anew from the retained frames on disk.
    void rewriteCatalog();
    void applyRetention(qint64 now);
    void publishIndex();
    void syncJournal();
    void flushLive();
    // Adds an accepted batch (just applied to m_open, placed by m_plan) to m_activity.
    void noteActivity(const QList<Event> &events, QList<ChannelActivity> *activity) const;
    void mergeActivityLocked(const QList<ChannelActivity> &activity);
    void emitStatusIfChanged();
    void armFrameTimer();
    void onWake();

    void requestWake();
    void setStorageError(QString *slot, const QString &error);
    qint64 alignDown(qint64 t) const;
    qint64 alignUp(qint64 t) const;
    // The end of a frame that starts at start: the next boundary of the frame grid, so a frame
    // that starts off the grid (after a frame cut short by a stop) is shorter than the others.
    qint64 frameEndAfter(qint64 start) const;

    const EngineConfig m_config;
    std::unique_ptr<Clock> m_ownClock;
    const Clock *m_clock;
    Archive m_archive;
    Catalog m_catalog; // engine thread
    qint64 m_catalogKept = 0; // records of retained frames in it (engine thread)
    FrameStore m_store;
    Threading m_threading = Threading::Manual;
    std::atomic<bool> m_running {false};

    // The open frame and its journal.
    mutable QMutex m_openMutex;
    std::unique_ptr<FrameBuilder> m_open;
    std::shared_ptr<JournalWriter> m_journal;
    std::deque<Unsynced> m_unsynced; // of m_open, oldest first
    const JournalFaults *m_faults = nullptr;
    std::unique_ptr<IngestPlan> m_plan; // reused between batches
    std::deque<Closed> m_closed; // closed, waiting for the engine's thread
    QList<LiveEvent> m_live; // accepted, not yet emitted
    QList<ChannelActivity> m_activity; // accepted, not yet emitted
    bool m_syncPending = false; // journal written since the last interval sync
    bool m_journalFailing = false;
    bool m_syncFailed = false; // a sync failed: a new journal is synced before it takes events

    // The engine thread's view of retained frames.
    std::map<qint64, FrameSummary> m_retained;

    // Published to readers on any thread.
    mutable QMutex m_publishMutex;
    FrameIndex m_index;
    QString m_journalError;
    QString m_archiveError;
    qint64 m_framesRetained = 0;
    qint64 m_bytesOnDisk = 0;

    std::atomic<qint64> m_eventsAccepted {0};
    std::atomic<qint64> m_openFrameId {0};
    std::atomic<qint64> m_openFrameEndAt {0}; // stored before m_openFrameId
    std::atomic<bool> m_statusChanged {false};
    std::atomic<bool> m_wakePosted {false};

    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<QObject> m_threadContext; // lives on m_thread, parent of the timers
    QTimer *m_frameTimer = nullptr;
    QTimer *m_syncTimer = nullptr;
    QTimer *m_liveTimer = nullptr;
    QElapsedTimer m_liveClock; // since the last live batch went out (engine thread)
};

} // namespace Engine
