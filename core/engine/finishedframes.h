// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "archive.h"
#include "catalog.h"
#include "engineapi.h"
#include "engineconfig.h"
#include "framestore.h"
#include "openframe.h"

#include <QMutex>

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace Engine {

class Clock;
class FrameBuilder;
class JournalWriter;
struct JournalFaults;

// The finishing pipeline and what it keeps: a closed frame is encoded, archived (or, empty,
// recorded in the catalog), kept in memory for the history, announced, and retention applied;
// the index of retained frames is published to readers on any thread. At start it restores
// all of it: the index from the archive and its catalog, the journals replayed, the history
// read back. Everything but the readers runs on the engine's thread.
class FinishedFrames
{
public:
    struct Hooks
    {
        std::function<void()> statusChanged;
        std::function<void(const FrameSummary &)> frameFinished;
    };
    // What start found for the open frame.
    struct Restored
    {
        std::unique_ptr<FrameBuilder> open; // a replayed frame still current, or null
        std::unique_ptr<JournalWriter> journal; // its journal
        qint64 resumeAt = 0; // where the newest retained frame ends (0: none)
        bool storageReady = false; // the data directory exists
        QString storageError;
    };

    FinishedFrames(const EngineConfig &config, const Clock &clock, Hooks hooks);
    ~FinishedFrames();

    const Archive &archive() const { return m_archive; }
    Restored restore(qint64 now, const JournalFaults *faults);

    // Archives the frame where it can; true when it was written to the archive.
    bool finish(ClosedFrame closed);
    // On stop: cuts the open frame short at the time now and finishes it (nothing for an
    // empty frame).
    void finishCutShort(ClosedFrame open, qint64 now);

    FrameIndex index() const;
    std::optional<QByteArray> frameBytes(qint64 id) const;
    qint64 heldBytes() const { return m_store.heldBytes(); }
    // framesRetained, bytesOnDisk; returns the archive's trouble ("" when none).
    QString readStatus(Status *status) const;
    // A storage error met at start, shown until the archive works.
    void noteStartError(const QString &error);
    // Sets aside the frame files frameBytes() found damaged (engine thread).
    void setAsideDamaged();
    // After the data directory was removed: frames still in memory are archived again, frames
    // whose only copy was the removed file leave the index (logged), the catalog is rewritten.
    void rewriteLostFiles();

private:
    void loadArchived();
    void rewriteCatalog();
    void retryUnarchived();
    // Where retention measures ages from: the monotonic clock's time since start, from the
    // newest data seen then (see restore()); wall-clock units.
    qint64 ageNow() const;
    void applyRetention(qint64 now);
    void publishIndex();
    void setArchiveError(const QString &error);
    // Renames a damaged `<id>.tf` aside and puts what it salvaged in its place.
    void setAside(qint64 id);

    const EngineConfig &m_config;
    const Clock &m_clock;
    const Hooks m_hooks;
    Archive m_archive;
    Catalog m_catalog;
    qint64 m_catalogKept = 0; // records of retained frames in the catalog
    FrameStore m_store;
    // The engine thread's view of retained frames.
    std::map<qint64, FrameSummary> m_retained;
    QStringList m_damagedFiles; // set aside since start
    // In memory, but retention removed their files: never archived again.
    std::set<qint64> m_retired;
    // Finished while storage was away and left memory since: only their journals hold them.
    std::set<qint64> m_journalOnly;
    qint64 m_ageBase = 0; // ageNow() at m_monotonicBase
    qint64 m_monotonicBase = 0;

    // Published to readers on any thread.
    mutable QMutex m_publishMutex;
    FrameIndex m_index;
    QString m_archiveError;
    qint64 m_framesRetained = 0;
    qint64 m_bytesOnDisk = 0;
    QStringList m_publishedDamaged;
    mutable QList<qint64> m_damagedSeen; // found damaged by a reader, to set aside
};

} // namespace Engine
