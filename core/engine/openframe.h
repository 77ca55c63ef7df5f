// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"
#include "engineconfig.h"
#include "framebuilder.h"
#include "framegrid.h"

#include <QMutex>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace Engine {

class Archive;
class JournalWriter;
struct JournalFaults;

// A batch applied to a frame whose journal sync (fsync always) has not returned yet: it is not
// visible, and is taken out again where the sync fails.
struct UnsyncedBatch
{
    qint64 journalEnd = 0; // the journal's size after its record
    FrameBuilder::Mark before; // the frame before it
};

// A frame that closed (on time, or cut short by a stop), on its way to the archive.
struct ClosedFrame
{
    std::unique_ptr<FrameBuilder> builder;
    std::shared_ptr<JournalWriter> journal;
    std::deque<UnsyncedBatch> unsynced;

    // Waits for the sync of batches still unsynced, dropping them where it fails (the writer
    // gives every caller the same answer).
    void settle();
};

// Takes the batches that journal's last good sync did not cover out of frame, oldest first.
void dropUnsynced(FrameBuilder *frame, std::deque<UnsyncedBatch> *unsynced,
                  const JournalWriter &journal);

// Ingest: the open frame and its journal behind one mutex. A batch is checked whole, journaled,
// then applied and acknowledged (under fsync always: once its sync returned); the frame rolls
// over at the period boundary, closed frames wait here for the engine's thread, and accepted
// events wait here for the live batcher.
class OpenFrame
{
public:
    struct Hooks
    {
        std::function<void()> wake; // something is due on the engine's thread
        std::function<void(const QString &)> journalError; // "" once the journal works again
        // The journal was found unlinked or replaced (the data directory removed): the engine
        // takes its lock again and checks the archive (called with the mutex held).
        std::function<void()> directoryLost;
    };

    OpenFrame(const EngineConfig &config, const Archive &archive, Hooks hooks);
    ~OpenFrame();

    void setJournalFaults(const JournalFaults *faults) { m_faults = faults; }
    const JournalFaults *journalFaults() const { return m_faults; }

    // Opens the frame: the one replayed at start with its journal, or a new one starting at
    // start, and takes events from then on. Where no journal can be opened, the error goes to
    // the hook and events are refused until one can.
    void begin(std::unique_ptr<FrameBuilder> replayed, std::unique_ptr<JournalWriter> journal,
               qint64 start, bool storageReady, const QString &storageError);
    // Stops taking events. Returns the open frame where its time is not up at now (to be cut
    // short); otherwise it closed as on time and waits with the other closed frames.
    std::optional<ClosedFrame> end(qint64 now);
    // Refuses events from now on (the first step of a stop).
    void stopAccepting();

    IngestResult ingest(const QList<Event> &events, qint64 now, bool live);
    // Closes the frame when its time is up at now; true when it did.
    bool rollIfDue(qint64 now);
    std::optional<ClosedFrame> takeClosed();

    // The interval fsync (engine thread).
    void syncJournal();
    // Whether the journal still sits in the data directory; where not (the directory was
    // removed or replaced), makes the directory again and rewrites the journal from the frame
    // in memory. Ingest checks the cheap half (unlinked) at every write; the engine's thread
    // calls this at every tick and interval sync.
    void checkJournalInPlace();
    bool syncPending() const;
    bool livePending() const;
    void takeLive(QList<LiveEvent> *events, QList<ChannelActivity> *activity);

    // The frame as it stands, without batches still waiting on their sync.
    QByteArray snapshot(TimeFrame::Layout layout) const;
    qint64 endAt() const;
    qint64 id() const { return m_id.load(std::memory_order_acquire); }
    // 0 where read while the frame rolled over.
    qint64 knownEndAt() const;
    qint64 eventsAccepted() const { return m_eventsAccepted.load(std::memory_order_relaxed); }
    bool journalFailing() const;

private:
    // Under m_mutex.
    void openLocked(qint64 start);
    qint64 closeLocked(qint64 now);
    void openJournalLocked();
    void journalLostLocked();
    void noteClockBehindLocked(qint64 now);
    void setJournalErrorLocked(const QString &error);
    void journalSyncFailedLocked(const std::shared_ptr<JournalWriter> &journal,
                                 const QString &error);
    void noteActivity(const QList<Event> &events, QList<ChannelActivity> *activity) const;
    void mergeActivityLocked(const QList<ChannelActivity> &activity);
    void publishIdsLocked();

    const EngineConfig &m_config;
    const FrameGrid m_grid;
    const Archive &m_archive;
    const Hooks m_hooks;
    const JournalFaults *m_faults = nullptr;

    mutable QMutex m_mutex;
    std::unique_ptr<FrameBuilder> m_open; // null once stopped
    std::shared_ptr<JournalWriter> m_journal;
    std::deque<UnsyncedBatch> m_unsynced; // of m_open, oldest first
    std::unique_ptr<IngestPlan> m_plan; // reused between batches
    std::deque<ClosedFrame> m_closed; // closed, waiting for the engine's thread
    QList<LiveEvent> m_live; // accepted, not yet emitted
    QList<ChannelActivity> m_activity; // accepted, not yet emitted
    bool m_syncPending = false; // journal written since the last interval sync
    bool m_journalFailing = false;
    bool m_syncFailed = false; // a sync failed: a new journal is synced before it takes events
    bool m_accepting = false;
    bool m_clockBehind = false; // the wall clock reads before the open frame's start
    QString m_lastJournalError;

    std::atomic<qint64> m_eventsAccepted {0};
    std::atomic<qint64> m_id {0};
    std::atomic<qint64> m_endAt {0}; // stored before m_id
};

} // namespace Engine
