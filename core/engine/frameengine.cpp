// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameengine.h"

#include "clock.h"
#include "enginelog.h"
#include "journal.h"

#include <QCoreApplication>
#include <QDir>
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

} // namespace

FrameEngine::FrameEngine(EngineConfig config, const Clock *clock, QObject *parent)
    : EngineApi(parent)
    , m_config(std::move(config))
    , m_ownClock(clock ? nullptr : std::make_unique<SystemClock>())
    , m_clock(clock ? clock : m_ownClock.get())
    , m_grid(m_config.frameDurationMs)
    , m_lock(m_config.effectiveDataDir())
    , m_finished(m_config, *m_clock,
                 FinishedFrames::Hooks {[this] { m_statusChanged.store(true); },
                                        [this](const FrameSummary &frame) {
                                            Q_EMIT frameFinished(frame);
                                        }})
    , m_open(m_config, m_finished.archive(),
             OpenFrame::Hooks {[this] { requestWake(); },
                               [this](const QString &error) { setJournalError(error); },
                               [this] {
                                   m_directoryLost.store(true);
                                   requestWake();
                               }})
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

bool FrameEngine::start(Threading threading, QString *error)
{
    if (isRunning())
        return true;
    m_startError = StartError::None;
    if (const QString problem = m_config.validate(); !problem.isEmpty()) {
        if (error)
            *error = problem;
        m_startError = StartError::InvalidConfig;
        return false;
    }
    // Before anything in the directory is read: a second engine there would replay, archive
    // and delete the first one's open journal.
    if (QDir().mkpath(dataDir())) {
        QString lockError;
        switch (m_lock.lock(&lockError)) {
        case DataDirLock::Result::Locked:
            break;
        case DataDirLock::Result::InUse:
            // The caller reports it (stderr, a dialog): refused before anything was touched.
            if (error)
                *error = lockError;
            m_startError = StartError::DataDirInUse;
            return false;
        case DataDirLock::Result::Unavailable:
            // Nothing can be written there either; storage shows as unavailable.
            qCWarning(lcEngine).noquote() << lockError;
            break;
        }
    }
    m_threading = threading;
    const qint64 now = m_clock->nowMs();

    FinishedFrames::Restored restored = m_finished.restore(now, m_open.journalFaults());
    // Frame ids only grow: never reopen or overlap a retained frame, even when the wall clock
    // went back. Where the newest frame ends inside the current period (it was cut short by a
    // stop), the open frame starts at its end and runs to the boundary.
    const qint64 start = std::max(m_grid.alignDown(now), restored.resumeAt);
    m_open.begin(std::move(restored.open), std::move(restored.journal), start,
                 restored.storageReady, restored.storageError);
    m_running.store(true, std::memory_order_release);
    if (!restored.storageError.isEmpty() && !m_open.journalFailing())
        m_finished.noteStartError(restored.storageError);

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
        connect(m_syncTimer, &QTimer::timeout, m_threadContext.get(), [this] {
            m_open.checkJournalInPlace();
            m_open.syncJournal();
        });
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
    if (!m_running.exchange(false))
        return;
    m_open.stopAccepting();
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
    const qint64 now = m_clock->nowMs();
    std::optional<ClosedFrame> open = m_open.end(now);
    finishClosedFrames();
    if (open)
        m_finished.finishCutShort(std::move(*open), now);
    m_lock.unlock();
}

void FrameEngine::tick()
{
    if (!isRunning())
        return;
    m_open.checkJournalInPlace();
    if (m_open.rollIfDue(m_clock->nowMs()))
        m_statusChanged.store(true);
    restoreDirectoryIfLost();
    finishClosedFrames();
    m_finished.setAsideDamaged();
    if (m_threading == Threading::Manual) {
        m_open.syncJournal();
        flushLive();
    }
    emitStatusIfChanged();
    if (m_threading == Threading::OwnThread)
        armFrameTimer();
}

void FrameEngine::finishClosedFrames()
{
    while (std::optional<ClosedFrame> closed = m_open.takeClosed())
        m_finished.finish(std::move(*closed));
}

void FrameEngine::armFrameTimer()
{
    const qint64 wait = std::clamp<qint64>(m_open.endAt() - m_clock->nowMs(), 0, 60'000);
    m_frameTimer->start(int(wait));
}

void FrameEngine::onWake()
{
    m_wakePosted.store(false, std::memory_order_release);
    if (!isRunning())
        return;
    restoreDirectoryIfLost();
    finishClosedFrames();
    if (m_open.syncPending() && !m_syncTimer->isActive())
        m_syncTimer->start(int(m_config.fsyncIntervalMs));
    if (m_open.livePending() && !m_liveTimer->isActive()) {
        if (!m_liveClock.isValid() || m_liveClock.elapsed() >= kLiveIdleMs)
            flushLive();
        else
            m_liveTimer->start(kLiveBatchMs);
    }
    emitStatusIfChanged();
    armFrameTimer();
}

void FrameEngine::restoreDirectoryIfLost()
{
    if (!m_directoryLost.exchange(false))
        return;
    // The directory was made again with the new journal: this engine owns it again, and what
    // the archive lost with it is written again from memory.
    QString error;
    if (m_lock.lock(&error) != DataDirLock::Result::Locked)
        qCWarning(lcEngine).noquote() << error;
    m_finished.rewriteLostFiles();
    m_statusChanged.store(true);
}

void FrameEngine::requestWake()
{
    // Called with the open frame's mutex held while it takes events (or on the engine's
    // thread), so stop() cannot tear the context down in between.
    if (m_threading != Threading::OwnThread || !m_threadContext)
        return;
    if (!m_wakePosted.exchange(true, std::memory_order_acq_rel)) {
        QMetaObject::invokeMethod(
            m_threadContext.get(), [this] { onWake(); }, Qt::QueuedConnection);
    }
}

void FrameEngine::setJournalError(const QString &error)
{
    {
        QMutexLocker locker(&m_journalErrorMutex);
        if (m_journalError == error)
            return;
        m_journalError = error;
    }
    m_statusChanged.store(true);
    requestWake(); // statusChanged comes from the engine's thread
}

IngestResult FrameEngine::ingest(const QList<Event> &events)
{
    if (events.isEmpty()) {
        if (isRunning())
            return {};
        IngestResult result;
        result.failure = IngestFailure {IngestError::Stopped, tr("The engine is not running."), -1};
        return result;
    }
    static const QMetaMethod liveSignal = QMetaMethod::fromSignal(&EngineApi::liveEvents);
    return m_open.ingest(events, m_clock->nowMs(), isSignalConnected(liveSignal));
}

void FrameEngine::flushLive()
{
    QList<LiveEvent> batch;
    QList<ChannelActivity> activityBatch;
    m_open.takeLive(&batch, &activityBatch);
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
    return m_finished.index();
}

std::optional<QByteArray> FrameEngine::frameBytes(qint64 id) const
{
    return m_finished.frameBytes(id);
}

QByteArray FrameEngine::openFrameBytes() const
{
    return m_open.snapshot(m_config.layout);
}

Status FrameEngine::status() const
{
    Status s;
    const QString archiveError = m_finished.readStatus(&s);
    QString journalError;
    {
        QMutexLocker locker(&m_journalErrorMutex);
        journalError = m_journalError;
    }
    const QString &detail = journalError.isEmpty() ? archiveError : journalError;
    s.storage = detail.isEmpty() ? StorageState::Ok : StorageState::Unavailable;
    s.storageDetail = detail;
    s.openFrameId = m_open.id();
    s.openFrameEndAt = m_open.knownEndAt();
    s.eventsAccepted = m_open.eventsAccepted();
    return s;
}

} // namespace Engine
