// SPDX-License-Identifier: GPL-3.0-or-later
#include "recovery.h"

#include "archive.h"
#include "damagedframe.h"
#include "enginelog.h"
#include "framebuilder.h"
#include "journal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Engine {

bool archiveFrame(const Archive &archive, qint64 id, QByteArrayView bytes, bool syncDir,
                  QString *error)
{
    if (!archive.write(id, bytes, syncDir, error))
        return false;
    const QString path = archive.framePath(id);
    const qint64 written = QFileInfo(path).size();
    if (written == bytes.size())
        return true;
    archive.remove(id);
    *error = QCoreApplication::translate("Engine::Archive",
                                         "Cannot write %1: the file came out %2 of %3 bytes long.")
                 .arg(QDir::toNativeSeparators(path))
                 .arg(written)
                 .arg(bytes.size());
    return false;
}

Recovery recoverJournals(const Archive &archive, const EngineConfig &config, qint64 nowMs,
                         const JournalFaults *faults)
{
    Recovery recovery;
    const QList<qint64> ids = archive.journalIds();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 id = ids[i];
        const QString path = archive.journalPath(id);
        if (QFileInfo::exists(archive.framePath(id))) {
            // The frame was archived; only the journal's removal was interrupted.
            archive.removeJournal(id);
            continue;
        }

        std::unique_ptr<FrameBuilder> builder;
        const Journal::Replay replay = Journal::replay(path, &builder);
        if (!replay.error.isEmpty()) {
            qCWarning(lcJournal) << "Cannot read" << path << replay.error;
            recovery.storageError = replay.error;
            continue;
        }
        if (!replay.headerValid || replay.startAt != id) {
            // Nothing was acknowledged before the header was written; keep the bytes aside
            // rather than delete what we cannot read.
            const QString aside = moveAside(path);
            qCWarning(lcJournal) << "Journal" << path << "has no valid header;"
                                 << replay.droppedBytes << "bytes set aside as" << aside;
            if (!aside.isEmpty())
                recovery.setAside.append(aside);
            continue;
        }
        if (replay.droppedBytes > 0 || replay.skippedRecords > 0) {
            // The journal is cut, resumed or removed below: its damaged bytes are kept apart.
            const QString aside = moveAside(path, true);
            if (!aside.isEmpty())
                recovery.setAside.append(aside);
            qCWarning(lcJournal) << "Journal" << path << "had a torn or corrupt tail: cut"
                                 << replay.droppedBytes << "bytes after" << replay.records
                                 << "good records, and skipped" << replay.skippedRecords
                                 << "damaged records; a copy is kept as" << aside;
        }

        const bool newest = i == ids.size() - 1;
        if (newest && nowMs < replay.endAt) {
            QString error;
            recovery.journal = JournalWriter::resume(path, replay.goodSize, &error, faults);
            if (!recovery.journal) {
                qCWarning(lcJournal) << error;
                recovery.storageError = error;
            }
            recovery.open = std::move(builder);
            continue;
        }

        auto encoded = builder->encode(config.layout);
        if (!encoded) {
            qCWarning(lcArchive) << "Cannot encode the replayed frame" << id
                                 << encoded.error().message;
            recovery.storageError = encoded.error().message;
            continue;
        }
        Recovery::Frame frame;
        frame.bytes = std::move(encoded).value();
        frame.summary = builder->summary(frame.bytes.size());
        QString error;
        if (archiveFrame(archive, id, frame.bytes, config.fsync != FsyncPolicy::Never, &error)) {
            frame.summary.onDisk = true;
            archive.removeJournal(id);
        } else {
            qCWarning(lcArchive) << "Cannot archive the replayed frame" << id << error;
            recovery.storageError = error;
        }
        recovery.finished.append(std::move(frame));
    }
    return recovery;
}

} // namespace Engine
