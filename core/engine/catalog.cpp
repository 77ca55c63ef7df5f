// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog.h"

#include "crc32c.h"
#include "enginelog.h"

#include "format/timeframe.h"

#include <QFile>
#include <QtEndian>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

constexpr quint8 kFrameRecord = 1;
constexpr quint8 kIdleRecord = 2;
// kind u8, four i64, channels u32, CRC-32C of the 37 bytes before it u32.
constexpr qsizetype kRecordSize = 41;

QByteArray encodeRecord(quint8 kind, qint64 a, qint64 b, qint64 c, qint64 d, quint32 channels)
{
    QByteArray record(kRecordSize, Qt::Uninitialized);
    char *p = record.data();
    *p = char(kind);
    qToBigEndian<qint64>(a, p + 1);
    qToBigEndian<qint64>(b, p + 9);
    qToBigEndian<qint64>(c, p + 17);
    qToBigEndian<qint64>(d, p + 25);
    qToBigEndian<quint32>(channels, p + 33);
    qToBigEndian<quint32>(crc32c(QByteArrayView(p, 37)), p + 37);
    return record;
}

QByteArray encodeRun(const Catalog::IdleRun &run)
{
    return encodeRecord(kIdleRecord, run.firstStart, run.firstEnd, run.period, run.end, 0);
}

bool writeAt(int fd, const QByteArray &bytes, qint64 offset)
{
    return ::pwrite(fd, bytes.constData(), size_t(bytes.size()), offset) == bytes.size();
}

} // namespace

QList<FrameSummary> Catalog::IdleRun::frames() const
{
    QList<FrameSummary> result;
    auto add = [&result](qint64 start, qint64 endAt) {
        FrameSummary s;
        s.id = start;
        s.startAt = start;
        s.endAt = endAt;
        s.size = TimeFrame::kHeaderSize;
        s.onDisk = true;
        result.append(s);
    };
    add(firstStart, firstEnd);
    if (period > 0) {
        for (qint64 s = firstEnd; s + period <= end; s += period)
            add(s, s + period);
    }
    return result;
}

bool Catalog::IdleRun::extend(qint64 start, qint64 endAt)
{
    if (start != end || endAt <= start)
        return false;
    if (period == 0)
        period = endAt - start;
    else if (endAt - start != period)
        return false;
    end = endAt;
    return true;
}

Catalog::Catalog(QString dir)
    : m_dir(std::move(dir))
{ }

Catalog::~Catalog()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString Catalog::path() const
{
    return m_dir + u"/frames.catalog"_s;
}

Catalog::Contents Catalog::read() const
{
    Contents contents;
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return contents;
    const QByteArray bytes = file.readAll();
    for (qsizetype pos = 0; pos + kRecordSize <= bytes.size(); pos += kRecordSize) {
        const char *p = bytes.constData() + pos;
        if (qFromBigEndian<quint32>(p + 37) != crc32c(QByteArrayView(p, 37)))
            break;
        const qint64 a = qFromBigEndian<qint64>(p + 1);
        const qint64 b = qFromBigEndian<qint64>(p + 9);
        const qint64 c = qFromBigEndian<qint64>(p + 17);
        const qint64 d = qFromBigEndian<qint64>(p + 25);
        if (quint8(*p) == kFrameRecord) {
            FrameSummary s;
            s.id = s.startAt = a;
            s.endAt = b;
            s.size = c;
            s.items = d;
            s.channels = int(qFromBigEndian<quint32>(p + 33));
            contents.frames.append(s);
        } else if (quint8(*p) == kIdleRecord && b > a && c >= 0 && d >= b) {
            contents.idle.append(IdleRun {a, b, c, d});
        } else {
            break;
        }
    }
    return contents;
}

bool Catalog::openForAppend()
{
    if (m_fd >= 0)
        return true;
    m_fd = ::open(QFile::encodeName(path()).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        qCWarning(lcArchive) << "Cannot open" << path() << qt_error_string(errno);
        return false;
    }
    return true;
}

bool Catalog::appendRecord(const QByteArray &record)
{
    if (!openForAppend())
        return false;
    const off_t end = ::lseek(m_fd, 0, SEEK_END);
    // A partial record would hide every later one: start it on a record boundary.
    const qint64 offset = end - end % kRecordSize;
    if (!writeAt(m_fd, record, offset)) {
        qCWarning(lcArchive) << "Cannot write" << path() << qt_error_string(errno);
        m_lastRunOffset = -1;
        return false;
    }
    ++m_records;
    m_lastRunOffset = quint8(record.front()) == kIdleRecord ? offset : -1;
    return true;
}

bool Catalog::add(const FrameSummary &frame)
{
    if (frame.items != 0) {
        return appendRecord(encodeRecord(kFrameRecord, frame.id, frame.endAt, frame.size,
                                         frame.items, quint32(frame.channels)));
    }
    if (m_lastRunOffset >= 0 && m_lastRun.extend(frame.startAt, frame.endAt)) {
        // The run grows in place: a day of idle frames is one record.
        if (writeAt(m_fd, encodeRun(m_lastRun), m_lastRunOffset))
            return true;
        qCWarning(lcArchive) << "Cannot write" << path() << qt_error_string(errno);
        m_lastRunOffset = -1;
        return false;
    }
    m_lastRun = IdleRun {frame.startAt, frame.endAt, 0, frame.endAt};
    return appendRecord(encodeRun(m_lastRun));
}

void Catalog::rewrite(const QList<FrameSummary> &frames)
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    // Made in memory and written at once, beside the old one and renamed over it: a crash
    // leaves the old catalog or the new one.
    QByteArray bytes;
    bytes.reserve(frames.size() * kRecordSize);
    m_lastRunOffset = -1;
    for (const FrameSummary &frame : frames) {
        if (frame.items != 0) {
            bytes += encodeRecord(kFrameRecord, frame.id, frame.endAt, frame.size, frame.items,
                                  quint32(frame.channels));
            m_lastRunOffset = -1;
        } else if (m_lastRunOffset >= 0 && m_lastRun.extend(frame.startAt, frame.endAt)) {
            bytes.replace(m_lastRunOffset, kRecordSize, encodeRun(m_lastRun));
        } else {
            m_lastRun = IdleRun {frame.startAt, frame.endAt, 0, frame.endAt};
            m_lastRunOffset = bytes.size();
            bytes += encodeRun(m_lastRun);
        }
    }
    m_records = bytes.size() / kRecordSize;
    const QString tmp = path() + u".new"_s;
    const QByteArray tmpName = QFile::encodeName(tmp);
    const int fd = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !writeAt(fd, bytes, 0)
        || ::rename(tmpName.constData(), QFile::encodeName(path()).constData()) != 0) {
        qCWarning(lcArchive) << "Cannot write" << path() << qt_error_string(errno);
        if (fd >= 0)
            ::close(fd);
        QFile::remove(tmp);
        m_lastRunOffset = -1;
        return;
    }
    m_fd = fd;
}

} // namespace Engine
