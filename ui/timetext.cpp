// SPDX-License-Identifier: GPL-3.0-or-later
#include "timetext.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {

class TimeTextTr
{
    Q_DECLARE_TR_FUNCTIONS(TimeText)
};

QString utc(qint64 msSinceEpoch, const QString &format)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    if (!time.isValid())
        return TimeTextTr::tr("%1 ms (out of calendar range)").arg(msSinceEpoch);
    return time.toString(format);
}

} // namespace

namespace TimeText {

QString dateTime(qint64 msSinceEpoch)
{
    return TimeTextTr::tr("%1 UTC").arg(utc(msSinceEpoch, u"yyyy-MM-dd HH:mm:ss.zzz"_s));
}

QString time(qint64 msSinceEpoch)
{
    return utc(msSinceEpoch, u"HH:mm:ss.zzz"_s);
}

QString duration(qint64 ms)
{
    return TimeTextTr::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 3);
}

} // namespace TimeText

namespace TimeText {

QString localDateTime(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    if (!time.isValid())
        return TimeTextTr::tr("%1 ms (out of calendar range)").arg(msSinceEpoch);
    return time.toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace TimeText
