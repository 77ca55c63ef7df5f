// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"
#include "engineconfig.h"
#include "finishedframes.h"
#include "framegrid.h"
#include "openframe.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

namespace Engine {

class Clock;
struct JournalFaults;

// Who drives the engine's timers.
enum class Threading {
    OwnThread, // the engine's own thread closes frames, archives, syncs and batches signals
    Manual, // nothing happens by itself: the owner calls tick() (tests with a ManualClock)
};

// The engine behind EngineApi, in rooms: the period grid (FrameGrid), ingest into the open
// frame and its journal (OpenFrame), the finishing pipeline with archive, catalog, retention,
// the index and the restore at start (FinishedFrames), and here the engine's thread, its
// timers and live batching. ingest() holds the open frame's mutex for the journal append;
// everything slow (encoding finished frames, archive writes, retention, interval fsync,
// signals) runs on the engine's thread.
class FrameEngine final : public EngineApi
{
    Q_OBJECT
public:
    // clock: not owned, must outlive the engine; nullptr: the system clock.
    explicit FrameEngine(EngineConfig config, const Clock *clock = nullptr,
                         QObject *parent = nullptr);
    ~FrameEngine() override;

    // Rebuilds the index from the archive and its catalog, replays the journals, opens the
    // frame of the clock's time (from where the newest retained frame ended, where that is
    // later) and, with OwnThread, starts the engine's thread. Storage trouble does not fail the
    // start (it shows in status()); an invalid configuration does (*error set).
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
    QString dataDir() const { return m_finished.archive().dir(); }
    // Heap bytes held by the finished frames in memory (for the benchmark and diagnostics).
    qint64 memoryHeldBytes() const { return m_finished.heldBytes(); }
    // Before start(): every journal of this engine writes and syncs through faults (tests).
    void setJournalFaults(const JournalFaults *faults) { m_open.setJournalFaults(faults); }

    using EngineApi::ingest;
    IngestResult ingest(const QList<Event> &events) override;
    FrameIndex index() const override;
    std::optional<QByteArray> frameBytes(qint64 id) const override;
    QByteArray openFrameBytes() const override;
    TimeFrame::Layout layout() const override { return m_config.layout; }
    Status status() const override;
    QString dataDirectory() const override { return dataDir(); }

private:
    void finishClosedFrames();
    void flushLive();
    void emitStatusIfChanged();
    void armFrameTimer();
    void onWake();
    void requestWake();
    void setJournalError(const QString &error);

    const EngineConfig m_config;
    std::unique_ptr<Clock> m_ownClock;
    const Clock *m_clock;
    const FrameGrid m_grid;
    Threading m_threading = Threading::Manual;
    std::atomic<bool> m_running {false};
    FinishedFrames m_finished; // before m_open, which uses its archive
    OpenFrame m_open;

    mutable QMutex m_journalErrorMutex;
    QString m_journalError;

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
