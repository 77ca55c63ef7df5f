// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/timetext.h"

#include <QCoreApplication>

#include <atomic>
#include <ctime>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

class TimeTextTr
{
    Q_DECLARE_TR_FUNCTIONS(TimeText)
};

std::atomic<TimeText::Zone> g_zone {TimeText::Zone::Local};

// The zone the process started with (TZ, or none), restored when the rule goes back to local.
std::optional<QByteArray> startZone()
{
    static const std::optional<QByteArray> zone =
        qEnvironmentVariableIsSet("TZ") ? std::optional<QByteArray>(qgetenv("TZ")) : std::nullopt;
    return zone;
}

QString format(qint64 msSinceEpoch, const QString &pattern)
{
    const QDateTime time = TimeText::toDateTime(msSinceEpoch);
    if (!time.isValid())
        return TimeTextTr::tr("%1 ms (out of calendar range)").arg(msSinceEpoch);
    return time.toString(pattern);
}

} // namespace

namespace TimeText {

void setZone(Zone zone)
{
    // Qt Charts' QDateTimeAxis writes its labels in the process's local time, with no zone of its
    // own to set; so under the UTC rule the process's local time is UTC, and the axes follow the
    // same rule as every list and table. Set from the GUI thread when the settings change.
    const std::optional<QByteArray> original = startZone();
    if (zone == Zone::Utc)
        qputenv("TZ", "UTC0");
    else if (original)
        qputenv("TZ", *original);
    else
        qunsetenv("TZ");
    tzset();
    g_zone.store(zone, std::memory_order_relaxed);
}

Zone zone()
{
    return g_zone.load(std::memory_order_relaxed);
}

QDateTime toDateTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch,
                                          zone() == Zone::Utc ? Qt::UTC : Qt::LocalTime);
}

QString dateTime(qint64 msSinceEpoch)
{
    const QDateTime time = toDateTime(msSinceEpoch);
    if (!time.isValid())
        return TimeTextTr::tr("%1 ms (out of calendar range)").arg(msSinceEpoch);
    return time.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) % u' ' % zoneName(msSinceEpoch);
}

QString zoneName(qint64 msSinceEpoch)
{
    return zone() == Zone::Utc ? u"UTC"_s : toDateTime(msSinceEpoch).timeZoneAbbreviation();
}

QString zoneName()
{
    return zoneName(QDateTime::currentMSecsSinceEpoch());
}

QString time(qint64 msSinceEpoch)
{
    return format(msSinceEpoch, u"HH:mm:ss.zzz"_s);
}

QString duration(qint64 ms)
{
    return TimeTextTr::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 3);
}

} // namespace TimeText
