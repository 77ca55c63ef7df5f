// SPDX-License-Identifier: GPL-3.0-or-later
#include "finishedframes.h"

#include "clock.h"
#include "damagedframe.h"
#include "enginelog.h"
#include "framebuilder.h"
#include "journal.h"
#include "recovery.h"

#include "format/frameview.h"

#include <QFileInfo>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Engine {

FinishedFrames::FinishedFrames(const EngineConfig &config, const Clock &clock, Hooks hooks)
    : m_config(config)
    , m_clock(clock)
    , m_hooks(std::move(hooks))
    , m_archive(config.effectiveDataDir(), config.layout)
    , m_catalog(config.effectiveDataDir())
    , m_store(config.history)
    , m_index(std::make_shared<const QList<FrameSummary>>())
{ }

FinishedFrames::~FinishedFrames() = default;

FinishedFrames::Restored FinishedFrames::restore(qint64 now, const JournalFaults *faults)
{
    Restored restored;
    QString storageError;
    if (m_archive.ensureDir(&storageError)) {
        loadArchived();
        Recovery recovery = recoverJournals(m_archive, m_config, now, faults);
        storageError = recovery.storageError;
        m_damagedFiles += recovery.setAside;
        for (Recovery::Frame &frame : recovery.finished) {
            m_retained[frame.summary.id] = frame.summary;
            if (!frame.summary.onDisk && m_config.history > 0) {
                // Not archived: memory is all it has until storage comes back.
                m_retained[frame.summary.id].inMemory = true;
                m_store.add(frame.summary.id, frame.bytes);
            }
        }
        restored.open = std::move(recovery.open);
        restored.journal = std::move(recovery.journal);
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
    QList<qint64> damaged;
    for (auto &[id, frame] : m_retained) {
        if (frame.inMemory && frame.onDisk && !m_store.contains(id)) {
            bool isDamaged = false;
            if (const auto bytes = m_archive.read(id, &isDamaged))
                m_store.add(id, *bytes);
            else
                frame.inMemory = false;
            if (isDamaged)
                damaged.append(id);
        }
    }
    for (const qint64 id : damaged)
        setAside(id);
    // Age is time that really passed: from where the data the engine has seen ends (or the
    // wall clock, where that is earlier), on the monotonic clock. A wall clock set ahead while
    // the engine was stopped ages nothing; time the engine was not running does not count.
    const qint64 newestEnd = m_retained.empty() ? now : m_retained.rbegin()->second.endAt;
    m_ageBase = std::min(now, newestEnd);
    m_monotonicBase = m_clock.monotonicMs();
    if (now > newestEnd + m_config.retainAgeMs && m_config.retainAgeMs > 0) {
        qCInfo(lcArchive).noquote()
            << u"The clock reads %1 ms past the newest frame's end: retention by age counts "
               "from that end, not from the clock"_s.arg(now - newestEnd);
    }
    applyRetention(ageNow());
    rewriteCatalog();

    {
        QMutexLocker locker(&m_publishMutex);
        m_publishedDamaged = m_damagedFiles;
    }
    publishIndex();
    if (!m_retained.empty())
        restored.resumeAt = m_retained.rbegin()->second.endAt;
    restored.storageReady = m_archive.ensureDir(&storageError);
    restored.storageError = storageError;
    return restored;
}

void FinishedFrames::loadArchived()
{
    // Counts from the catalog where its record matches the file, else from the file (a frame
    // archived by an older version, or whose record was lost); empty frames from its runs.
    const Catalog::Contents catalog = m_catalog.read();
    QHash<qint64, FrameSummary> recorded;
    recorded.reserve(catalog.frames.size());
    for (const FrameSummary &frame : catalog.frames)
        recorded.insert(frame.id, frame);
    QList<qint64> damaged;
    for (FrameSummary frame : m_archive.scan(&damaged)) {
        const auto it = recorded.constFind(frame.id);
        if (it != recorded.cend() && it->size == frame.size && it->endAt == frame.endAt) {
            frame.channels = it->channels;
            frame.items = it->items;
        } else {
            // Archive::read checks the sections (FrameView::index, so view is valid): a file
            // that fails is damaged, not merely uncounted.
            bool isDamaged = false;
            const auto bytes = m_archive.read(frame.id, &isDamaged);
            if (isDamaged) {
                damaged.append(frame.id);
                continue;
            }
            if (bytes) {
                const auto view = TimeFrame::FrameView::index(*bytes, m_config.layout);
                frame.channels = int(view->channelCount());
                frame.items = view->itemCount();
            }
        }
        m_retained[frame.id] = frame;
    }
    for (const qint64 id : damaged)
        setAside(id);
    for (const Catalog::IdleRun &run : catalog.idle) {
        for (const FrameSummary &frame : run.frames())
            m_retained.try_emplace(frame.id, frame); // a file of that id wins
    }
}

void FinishedFrames::rewriteCatalog()
{
    QList<FrameSummary> kept;
    for (const auto &[id, frame] : m_retained) {
        if (frame.onDisk)
            kept.append(frame);
    }
    m_catalog.rewrite(kept);
    m_catalogKept = kept.size();
}

bool FinishedFrames::finish(ClosedFrame closed)
{
    closed.settle();
    auto encoded = closed.builder->encode(m_config.layout);
    if (!encoded) {
        // Its journal stays: the frame is not lost, only not archived.
        qCWarning(lcArchive) << "Cannot encode frame" << closed.builder->id()
                             << encoded.error().message;
        setArchiveError(encoded.error().message);
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
        setArchiveError({});
    } else {
        qCWarning(lcArchive) << "Cannot archive frame" << summary.id << error;
        setArchiveError(error);
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
            if (m_retired.erase(evicted) > 0) {
                m_retained.erase(it); // retention removed its file already
            } else if (!it->second.onDisk) {
                qCWarning(lcArchive) << "Frame" << evicted
                                     << "left memory without being archived: it is kept only in "
                                        "its journal until storage comes back";
                m_retained.erase(it);
                m_journalOnly.insert(evicted);
            }
        }
    } else if (!summary.onDisk) {
        m_retained.erase(summary.id);
    }
    applyRetention(ageNow());
    publishIndex();
    m_hooks.statusChanged();

    const auto it = m_retained.find(summary.id);
    m_hooks.frameFinished(it != m_retained.end() ? it->second : summary);
    return summary.onDisk;
}

void FinishedFrames::finishCutShort(ClosedFrame open, qint64 now)
{
    open.settle();
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
    if (!finish(std::move(open))) {
        qCWarning(lcArchive) << "The open frame" << id
                             << "could not be archived on stop; its journal is kept and "
                                "replayed at the next start";
    }
}

void FinishedFrames::retryUnarchived()
{
    for (auto &[id, frame] : m_retained) {
        if (frame.onDisk || !frame.inMemory || m_retired.count(id) > 0)
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
    // Frames that left memory while storage was away live in their journals: archived from
    // there, and listed again.
    for (auto it = m_journalOnly.begin(); it != m_journalOnly.end();) {
        const qint64 id = *it;
        std::unique_ptr<FrameBuilder> builder;
        const Journal::Replay replay = Journal::replay(m_archive.journalPath(id), &builder);
        if (!replay.error.isEmpty() || !replay.headerValid || !builder) {
            ++it; // not readable now; tried again at the next frame
            continue;
        }
        auto encoded = builder->encode(m_config.layout);
        if (!encoded) {
            ++it;
            continue;
        }
        QString error;
        if (!archiveFrame(m_archive, id, *encoded, m_config.fsync != FsyncPolicy::Never, &error))
            return;
        FrameSummary summary = builder->summary(encoded->size());
        summary.onDisk = true;
        m_retained[id] = summary;
        m_archive.removeJournal(id);
        (void)m_catalog.add(summary);
        ++m_catalogKept;
        qCInfo(lcArchive) << "Archived frame" << id << "from its journal after storage came back";
        it = m_journalOnly.erase(it);
    }
}

qint64 FinishedFrames::ageNow() const
{
    return m_ageBase + (m_clock.monotonicMs() - m_monotonicBase);
}

void FinishedFrames::applyRetention(qint64 now)
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
        else
            m_retired.insert(id); // served from memory until it leaves; never written again
    }
    m_catalogKept -= removed.size();
    // The catalog keeps the records of removed frames until it is rewritten.
    if (m_catalog.records() > 2 * m_catalogKept + 64)
        rewriteCatalog();
}

void FinishedFrames::publishIndex()
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

void FinishedFrames::setArchiveError(const QString &error)
{
    {
        QMutexLocker locker(&m_publishMutex);
        if (m_archiveError == error)
            return;
        m_archiveError = error;
    }
    m_hooks.statusChanged();
}

void FinishedFrames::noteStartError(const QString &error)
{
    QMutexLocker locker(&m_publishMutex);
    if (m_archiveError.isEmpty())
        m_archiveError = error;
}

FrameIndex FinishedFrames::index() const
{
    QMutexLocker locker(&m_publishMutex);
    return m_index;
}

QString FinishedFrames::readStatus(Status *status) const
{
    QMutexLocker locker(&m_publishMutex);
    status->framesRetained = m_framesRetained;
    status->bytesOnDisk = m_bytesOnDisk;
    status->damagedFiles = m_publishedDamaged;
    return m_archiveError;
}

std::optional<QByteArray> FinishedFrames::frameBytes(qint64 id) const
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
        if (!frame.onDisk)
            return std::nullopt;
        bool damaged = false;
        auto bytes = m_archive.read(id, &damaged);
        if (damaged) {
            // Set aside and salvaged on the engine's thread (setAsideDamaged()).
            QMutexLocker locker(&m_publishMutex);
            if (!m_damagedSeen.contains(id))
                m_damagedSeen.append(id);
        }
        return bytes;
    }
    return std::nullopt;
}

void FinishedFrames::rewriteLostFiles()
{
    const bool syncDir = m_config.fsync != FsyncPolicy::Never;
    qint64 rewritten = 0;
    QList<qint64> lost;
    for (auto it = m_retained.begin(); it != m_retained.end();) {
        FrameSummary &frame = it->second;
        if (!frame.onDisk || frame.items == 0 || QFileInfo::exists(m_archive.framePath(frame.id))) {
            ++it;
            continue;
        }
        QString error;
        const auto bytes = m_store.get(frame.id);
        if (bytes && archiveFrame(m_archive, frame.id, *bytes, syncDir, &error)) {
            ++rewritten;
            ++it;
            continue;
        }
        frame.onDisk = false;
        if (frame.inMemory) {
            ++it;
            continue;
        }
        lost.append(frame.id);
        it = m_retained.erase(it);
    }
    qCWarning(lcArchive).noquote()
        << u"The data directory %1 was removed: %2 frames in memory written again, %3 frames "
           "that were only on disk are gone"_s.arg(m_archive.dir())
               .arg(rewritten)
               .arg(lost.size());
    rewriteCatalog();
    publishIndex();
    m_hooks.statusChanged();
}

void FinishedFrames::setAsideDamaged()
{
    QList<qint64> ids;
    {
        QMutexLocker locker(&m_publishMutex);
        ids.swap(m_damagedSeen);
    }
    if (ids.isEmpty())
        return;
    for (const qint64 id : ids)
        setAside(id);
    publishIndex();
    m_hooks.statusChanged();
}

void FinishedFrames::setAside(qint64 id)
{
    const SetAside done =
        setAsideDamagedFrame(m_archive, id, m_config.frameDurationMs, m_config.layout,
                             m_config.fsync != FsyncPolicy::Never);
    if (!done.corruptPath.isEmpty()) {
        m_damagedFiles.append(done.corruptPath);
        QMutexLocker locker(&m_publishMutex);
        m_publishedDamaged = m_damagedFiles;
    }
    if (done.salvaged) {
        qCWarning(lcArchive).noquote()
            << u"Damaged frame file of frame %1 set aside as %2; %3 items salvaged into %4"_s
                   .arg(id)
                   .arg(done.corruptPath)
                   .arg(done.itemsSalvaged)
                   .arg(m_archive.framePath(id));
        FrameSummary summary = *done.salvaged;
        m_retained[id] = summary;
        (void)m_catalog.add(summary);
        ++m_catalogKept;
    } else {
        qCWarning(lcArchive).noquote()
            << u"Damaged frame file of frame %1 (set aside as %2) could not be salvaged: %3"_s
                   .arg(id)
                   .arg(done.corruptPath.isEmpty() ? u"nothing"_s : done.corruptPath, done.error);
        m_retained.erase(id);
    }
}

} // namespace Engine
