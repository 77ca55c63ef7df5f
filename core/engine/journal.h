// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"

#include <QByteArray>
#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>

namespace Engine {

class FrameBuilder;
struct IngestPlan;

// The journal of one open frame, `<id>.journal` (format in docs/STORAGE.md): a header naming the
// frame, then one checksummed record per accepted batch, so a batch is replayed whole or not at
// all.
namespace Journal {

inline constexpr qsizetype kHeaderSize = 28; // magic 8, startAt 8, endAt 8, CRC 4
inline constexpr qsizetype kRecordHeaderSize = 12; // payload size u64, CRC-32C of the payload u32

QByteArray encodeHeader(qint64 startAt, qint64 endAt);
// One record holding the batch: its new channels, then its items.
QByteArray encodeRecord(const IngestPlan &plan, const QList<Event> &events,
                        qsizetype firstNewChannel);
// One record holding everything a frame already has: written first into a journal created for
// a frame that has items but lost its journal, so the journal again covers the whole frame.
QByteArray encodeSnapshot(const FrameBuilder &builder);

// What replay found in a journal file.
struct Replay
{
    bool headerValid = false;
    qint64 startAt = 0;
    qint64 endAt = 0;
    qint64 records = 0;
    // Records that lie whole in the file but fail their checksum (or do not parse): skipped,
    // and the records after them read.
    qint64 skippedRecords = 0;
    qint64 goodSize = 0; // bytes up to the end of the last record read (good or skipped)
    qint64 droppedBytes = 0; // torn or corrupt tail after goodSize
    QString error; // the file could not be read at all
};

// Reads a journal: where the header is valid, *builder becomes the frame it names with every
// good record added. A record whose checksum fails is skipped when its size still ends inside
// the file at a record boundary (the next record's size reads sensibly, or the file ends there);
// a torn tail, or a size that cannot be trusted, stops the replay there.
Replay replay(const QString &fileName, std::unique_ptr<FrameBuilder> *builder);

} // namespace Journal

// The seam between the journal and the disk, for tests: while an error is set, every write
// (creating a journal, appending a record) or every sync fails with that errno, as the disk would.
struct JournalFaults
{
    std::atomic<int> writeError {0};
    std::atomic<int> syncError {0};
};

// Appends records to one journal file through a shared memory mapping of space reserved ahead
// (fallocate), so an acknowledged record is in the kernel's page cache, and survives the process
// dying right after, without a system call per record. Appends are serialised by the caller;
// sync() may run concurrently from any thread and groups concurrent callers into one fdatasync.
// The reserved space past the last record reads as zeros, which replay takes as the end; a
// writer that is destroyed cuts the file back to its records.
class JournalWriter
{
public:
    // Creates the file (a new one in place of any of that name) and writes its header.
    // faults: not owned, may be null.
    static std::unique_ptr<JournalWriter> create(const QString &fileName, qint64 startAt,
                                                 qint64 endAt, QString *error,
                                                 const JournalFaults *faults = nullptr);
    // Opens a replayed journal for appending after its last good record (the tail is cut).
    static std::unique_ptr<JournalWriter> resume(const QString &fileName, qint64 goodSize,
                                                 QString *error,
                                                 const JournalFaults *faults = nullptr);
    ~JournalWriter();
    JournalWriter(const JournalWriter &) = delete;
    JournalWriter &operator=(const JournalWriter &) = delete;

    // Adds the whole record or, where no space can be reserved for it, nothing, and returns
    // false with *error set.
    bool append(QByteArrayView record, QString *error);
    // Makes everything appended so far durable (fdatasync; the first time also the directory, so
    // the new file's name survives a power cut). Returns true at once when another
    // caller's sync already covered upTo (-1: the current size). A failed sync breaks the
    // writer for good: what came after the last good sync may be lost on a power cut however
    // often it is retried, so every later append and sync fails and the caller starts a new
    // journal.
    bool sync(QString *error, qint64 upTo = -1);
    // Cuts the file back to what the last good sync covered (at least what it held when
    // opened), so that a replay does not bring back records that were refused; the writer is
    // broken afterwards.
    void cutToSynced();

    // The file was unlinked (its directory removed): one fstat, cheap enough for every append.
    bool isUnlinked() const;
    // The file still sits at fileName() (not unlinked, not replaced, its directory not moved).
    bool isInPlace() const;

    qint64 size() const { return m_size.load(std::memory_order_acquire); }
    // How much of the file the last good sync made durable.
    qint64 syncedSize() const { return m_synced.load(std::memory_order_acquire); }
    bool isBroken() const { return m_broken.load(std::memory_order_acquire); }
    bool hasUnsyncedData() const { return m_synced.load(std::memory_order_acquire) < size(); }
    const QString &fileName() const { return m_fileName; }

private:
    JournalWriter(int fd, QString fileName, qint64 size, const JournalFaults *faults);
    // Makes room for `bytes` more after size(): reserves disk space and maps it.
    bool reserve(qint64 bytes, QString *error);

    int m_fd = -1;
    QString m_fileName;
    char *m_map = nullptr; // the file's first m_capacity bytes
    qint64 m_capacity = 0;
    qint64 m_openedSize; // the header, or what replay kept
    std::atomic<qint64> m_size;
    std::atomic<qint64> m_synced;
    std::atomic<bool> m_broken {false};
    const JournalFaults *m_faults;
    bool m_dirSynced = false; // the file's name is durable too (guarded by m_syncMutex)
    QMutex m_syncMutex;
};

} // namespace Engine
