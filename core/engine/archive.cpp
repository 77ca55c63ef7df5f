// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive.h"

#include "enginelog.h"
#include "format/frameview.h"
#include "format/timeframe.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

const QString kFrameSuffix = u".tf"_s;
const QString kJournalSuffix = u".journal"_s;
// One read covers the header and, for frames with a handful of channels, the channel records.
constexpr qint64 kScanReadSize = 4096;

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine::Archive", text);
}

std::optional<qint64> idFromName(const QString &name, const QString &suffix)
{
    if (!name.endsWith(suffix))
        return std::nullopt;
    const QStringView digits = QStringView(name).chopped(suffix.size());
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    // Only the canonical spelling: "007.tf" is not frame 7.
    if (!ok || QString::number(id) != digits)
        return std::nullopt;
    return id;
}

QList<qint64> idsWithSuffix(const QString &dir, const QString &suffix)
{
    QList<qint64> ids;
    const QStringList names = QDir(dir).entryList({u"*"_s + suffix}, QDir::Files);
    for (const QString &name : names) {
        if (const auto id = idFromName(name, suffix))
            ids.append(*id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

// Counts the channel records in the metadata section where it lies within the bytes read.
int channelCount(QByteArrayView block, const TimeFrame::Header &header)
{
    if (TimeFrame::kHeaderSize + qint64(header.metadataSize) > block.size())
        return 0;
    int count = 0;
    qint64 pos = TimeFrame::kHeaderSize;
    const qint64 end = pos + header.metadataSize;
    while (end - pos >= TimeFrame::kRecordFixedSize) {
        const quint64 a = qFromBigEndian<quint32>(block.data() + pos + 8);
        const quint64 b = qFromBigEndian<quint32>(block.data() + pos + 12);
        pos += TimeFrame::kRecordFixedSize + qint64(a) + qint64(b);
        ++count;
    }
    return pos == end ? count : 0;
}

} // namespace

QString Archive::framePath(qint64 id) const
{
    return m_dir % u'/' % QString::number(id) % kFrameSuffix;
}

QString Archive::journalPath(qint64 id) const
{
    return m_dir % u'/' % QString::number(id) % kJournalSuffix;
}

bool Archive::ensureDir(QString *error) const
{
    if (QDir().mkpath(m_dir) && QFileInfo(m_dir).isDir())
        return true;
    *error = tr("Cannot create the data directory %1.").arg(QDir::toNativeSeparators(m_dir));
    return false;
}

QList<FrameSummary> Archive::scan(QList<qint64> *damaged) const
{
    QList<FrameSummary> frames;
    for (const qint64 id : idsWithSuffix(m_dir, kFrameSuffix)) {
        QFile file(framePath(id));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcArchive) << "Skipping" << file.fileName() << file.errorString();
            continue;
        }
        const QByteArray block = file.read(kScanReadSize);
        const auto header = TimeFrame::parseHeader(block, file.size());
        if (!header) {
            qCWarning(lcArchive) << "Damaged frame file" << file.fileName()
                                 << header.error().message;
            if (damaged)
                damaged->append(id);
            continue;
        }
        if (header->startAt != id) {
            qCWarning(lcArchive) << "Damaged frame file" << file.fileName()
                                 << "whose frame starts at" << header->startAt;
            if (damaged)
                damaged->append(id);
            continue;
        }
        FrameSummary s;
        s.id = id;
        s.startAt = header->startAt;
        s.endAt = header->endAt;
        s.channels = channelCount(block, *header);
        s.items = -1;
        s.size = file.size();
        s.onDisk = true;
        frames.append(s);
    }
    return frames;
}

QList<qint64> Archive::journalIds() const
{
    return idsWithSuffix(m_dir, kJournalSuffix);
}

bool Archive::write(qint64 id, QByteArrayView bytes, bool syncDir, QString *error) const
{
    const QString path = framePath(id);
    const TimeFrame::Status status = TimeFrame::writeFileBytes(path, bytes);
    if (!status) {
        *error = status.error().message;
        return false;
    }
    if (syncDir) {
        // The new name is durable only once the directory is: a frame whose directory cannot be
        // synced counts as not archived, and its journal stays.
        const int fd =
            ::open(QFile::encodeName(m_dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        const int savedErrno = errno;
        if (fd >= 0)
            ::close(fd);
        if (!synced) {
            *error = tr("Cannot sync the data directory %1: %2")
                         .arg(QDir::toNativeSeparators(m_dir), qt_error_string(savedErrno));
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> Archive::read(qint64 id, bool *damaged) const
{
    QFile file(framePath(id));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto bytes = TimeFrame::readFrameBytes(&file);
    QString problem;
    if (!bytes) {
        problem = bytes.error().message;
    } else if (const auto header = TimeFrame::parseHeader(*bytes, bytes->size());
               !header || header->startAt != id) {
        problem =
            header ? u"its frame starts at %1"_s.arg(header->startAt) : header.error().message;
    } else if (const auto view = TimeFrame::FrameView::index(*bytes, m_layout); !view) {
        // A garbled section is never served as an immutable frame.
        problem = view.error().message;
    }
    if (!problem.isEmpty()) {
        qCWarning(lcArchive) << "Damaged frame file" << file.fileName() << problem;
        if (damaged)
            *damaged = true;
        return std::nullopt;
    }
    return std::move(bytes).value();
}

bool Archive::remove(qint64 id) const
{
    return QFile::remove(framePath(id));
}

bool Archive::removeJournal(qint64 id) const
{
    return QFile::remove(journalPath(id));
}

QList<qint64> framesToRemove(const QList<FrameSummary> &onDisk, const RetentionLimits &limits,
                             qint64 nowMs)
{
    qint64 totalBytes = 0;
    for (const FrameSummary &frame : onDisk)
        totalBytes += frame.size;
    qint64 count = onDisk.size();

    QList<qint64> remove;
    for (const FrameSummary &frame : onDisk) {
        const bool tooMany = limits.frames > 0 && count > limits.frames;
        const bool tooLarge = limits.bytes > 0 && totalBytes > limits.bytes;
        const bool tooOld = limits.ageMs > 0 && frame.endAt < nowMs - limits.ageMs;
        if (!tooMany && !tooLarge && !tooOld)
            break; // oldest first: every later frame is newer and the totals only shrink
        remove.append(frame.id);
        --count;
        totalBytes -= frame.size;
    }
    return remove;
}

} // namespace Engine
