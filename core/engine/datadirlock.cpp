// SPDX-License-Identifier: GPL-3.0-or-later
#include "datadirlock.h"

#include "enginelog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

const QString kLockName = u"syncstreamer.lock"_s;

// QLockFile holds an flock() on its file while locked (Linux): where one can be taken, no living
// QLockFile owns the file, whatever pid it names.
bool nobodyHolds(const QString &fileName)
{
    const int fd = ::open(QFile::encodeName(fileName).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd); // releases the flock taken here
    return free;
}

} // namespace

DataDirLock::DataDirLock(QString dir)
    : m_dir(std::move(dir))
{ }

DataDirLock::~DataDirLock() = default;

QString DataDirLock::fileName() const
{
    return m_dir % u'/' % kLockName;
}

DataDirLock::Result DataDirLock::lock(QString *error)
{
    if (isHeld())
        return Result::Locked;
    // A lock whose file went with its directory: QLockFile removes the file of its name when it
    // goes, so it goes before a new lock file is made there.
    m_lock.reset();
    m_lock = std::make_unique<QLockFile>(fileName());
    // Held for the engine's whole life: never stale by age, only when its owner is gone.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return rememberLockFile();
    if (m_lock->error() == QLockFile::LockFailedError && nobodyHolds(fileName())) {
        // Left by an owner that is gone although its pid is alive: this very process, when an
        // earlier engine could not remove its lock file (a read-only directory), or a reused pid.
        m_lock->removeStaleLockFile();
        if (m_lock->tryLock(0))
            return rememberLockFile();
        m_lock.reset();
        *error =
            QCoreApplication::translate("Engine::DataDirLock", "Cannot lock the data directory %1.")
                .arg(QDir::toNativeSeparators(m_dir));
        return Result::Unavailable;
    }
    const QLockFile::LockError lockError = m_lock->error();
    if (lockError == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        m_lock->getLockInfo(&pid, &host, &application);
        m_lock.reset();
        *error = QCoreApplication::translate(
                     "Engine::DataDirLock",
                     "The data directory %1 is in use by another SyncStreamer (process %2 on "
                     "%3); choose another directory or stop that one first.")
                     .arg(QDir::toNativeSeparators(m_dir))
                     .arg(pid)
                     .arg(host.isEmpty() ? u"this machine"_s : host);
        return Result::InUse;
    }
    m_lock.reset();
    *error =
        QCoreApplication::translate("Engine::DataDirLock", "Cannot lock the data directory %1.")
            .arg(QDir::toNativeSeparators(m_dir));
    return Result::Unavailable;
}

DataDirLock::Result DataDirLock::rememberLockFile()
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(fileName()).constData(), &st) == 0) {
        m_device = quint64(st.st_dev);
        m_inode = quint64(st.st_ino);
    }
    return Result::Locked;
}

bool DataDirLock::isHeld() const
{
    if (!m_lock || !m_lock->isLocked())
        return false;
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(fileName()).constData(), &st) == 0
        && quint64(st.st_dev) == m_device && quint64(st.st_ino) == m_inode;
}

void DataDirLock::unlock()
{
    if (m_lock && isHeld())
        m_lock->unlock();
    m_lock.reset();
}

} // namespace Engine
