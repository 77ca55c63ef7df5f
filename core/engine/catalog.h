// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"

#include <QList>
#include <QString>

namespace Engine {

// `frames.catalog` in the data directory: what a restart needs to know of the retained frames
// without reading them (format in docs/STORAGE.md). One record per archived frame (its channel
// and item counts, which its header does not hold) and one per run of empty frames, which have
// no file at all: a run of idle frames costs one record, extended in place as the run grows.
// The catalog is derived data: it is written without fsync, a frame whose record is missing or
// does not match its file is counted from the file, and a lost run loses only empty frames.
class Catalog
{
public:
    // A run of empty frames: [firstStart, firstEnd), then frames of `period` from firstEnd up to
    // end (period 0: the first frame alone).
    struct IdleRun
    {
        qint64 firstStart = 0;
        qint64 firstEnd = 0;
        qint64 period = 0;
        qint64 end = 0;
        // The frames of the run, oldest first (FrameSummary with no channels and no items).
        QList<FrameSummary> frames() const;
        // Extends the run by the empty frame [start, endAt) where it follows on; false otherwise.
        bool extend(qint64 start, qint64 endAt);
    };
    struct Contents
    {
        QList<FrameSummary> frames; // archived frames as recorded (id, endAt, size, counts)
        QList<IdleRun> idle;
    };

    explicit Catalog(QString dir);
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    QString path() const;
    // Every good record; a torn or corrupt record ends the reading.
    Contents read() const;
    // Writes exactly these frames (archived ones by record, empty ones as runs) in place of
    // the file, and appends to it from then on.
    void rewrite(const QList<FrameSummary> &frames);
    // Records an archived frame, or an empty one (items == 0 and no file); false where the
    // record could not be written (an empty frame is then not kept on disk).
    bool add(const FrameSummary &frame);
    // Records written since the last rewrite that no longer describe a retained frame: the
    // caller rewrites when these outnumber the retained frames.
    qint64 records() const { return m_records; }

private:
    bool openForAppend();
    bool appendRecord(const QByteArray &record);

    QString m_dir;
    int m_fd = -1;
    qint64 m_records = 0;
    IdleRun m_lastRun; // the run the last record holds, where it is one
    qint64 m_lastRunOffset = -1;
};

} // namespace Engine
