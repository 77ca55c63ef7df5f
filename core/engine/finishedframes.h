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

private:
    void loadArchived();
    void rewriteCatalog();
    void retryUnarchived();
    void applyRetention(qint64 now);
    void publishIndex();
    void setArchiveError(const QString &error);

    const EngineConfig &m_config;
    const Clock &m_clock;
    const Hooks m_hooks;
    Archive m_archive;
    Catalog m_catalog;
    qint64 m_catalogKept = 0; // records of retained frames in the catalog
    FrameStore m_store;
    // The engine thread's view of retained frames.
    std::map<qint64, FrameSummary> m_retained;

    // Published to readers on any thread.
    mutable QMutex m_publishMutex;
    FrameIndex m_index;
    QString m_archiveError;
    qint64 m_framesRetained = 0;
    qint64 m_bytesOnDisk = 0;
};

} // namespace Engine
