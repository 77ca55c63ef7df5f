// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

class QLockFile;

namespace Engine {

// One owner per data directory: a QLockFile (`syncstreamer.lock`) taken before the engine reads
// or writes anything there and held while it runs. A lock left by a process that died (kill -9,
// a crash) is stale and taken over; a lock held by a living process refuses the start.
class DataDirLock
{
public:
    enum class Result {
        Locked, // this engine owns the directory
        InUse, // another living process does: *error names the directory and its pid
        Unavailable, // the lock file cannot be made (missing or read-only directory): no owner
    };

    explicit DataDirLock(QString dir);
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    // Takes the lock where it is not held yet (again after the directory was removed).
    Result lock(QString *error);
    // True while the lock file this engine made is still in place.
    bool isHeld() const;
    void unlock();
    QString fileName() const;

private:
    Result rememberLockFile();

    QString m_dir;
    std::unique_ptr<QLockFile> m_lock;
    // The lock file this engine made (device, inode): one made by another owner in a directory
    // of the same name is not ours.
    quint64 m_device = 0;
    quint64 m_inode = 0;
};

} // namespace Engine
