// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"
#include "engineconfig.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace Engine {

class Archive;
class FrameBuilder;
class JournalWriter;
struct JournalFaults;

// What replaying the journals at start produced.
struct Recovery
{
    struct Frame
    {
        FrameSummary summary; // onDisk: archived now; else its journal stays for the next start
        QByteArray bytes;
    };
    QList<Frame> finished; // frames whose time had passed, oldest first
    std::unique_ptr<FrameBuilder> open; // the frame that is still current, if any
    std::unique_ptr<JournalWriter> journal; // its journal, reopened after the last good record
    QString storageError; // set where a frame or journal could not be written
    QStringList setAside; // copies of damaged journals (`<id>.journal.corrupt`)
};

// Writes `<id>.tf` (Archive::write) and checks that the file holds all of bytes. A file that
// came out short (a write error that surfaced only when the file was closed, as on a full disk)
// is removed and *error set: a frame's journal must never be taken for archived by mistake.
bool archiveFrame(const Archive &archive, qint64 id, QByteArrayView bytes, bool syncDir,
                  QString *error);

// Replays every `<id>.journal` of the data directory: a journal whose frame is already archived
// is removed; a frame whose time has passed is encoded, archived and its journal removed; the
// newest journal, when its frame is still current at nowMs, becomes the open frame. A torn or
// corrupt tail is cut at the last good record and the dropped bytes are logged; a damaged
// record in the middle is skipped. A journal with damage of either kind is first copied aside
// as `<id>.journal.corrupt`, so the bytes that could not be read are kept.
Recovery recoverJournals(const Archive &archive, const EngineConfig &config, qint64 nowMs,
                         const JournalFaults *faults = nullptr);

} // namespace Engine
