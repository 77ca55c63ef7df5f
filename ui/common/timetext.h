// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

// How the window writes times: one rule for every list, table and header, chosen in the
// settings. Local time carries its zone's name ("EST"), so a time is never ambiguous; UTC is
// the same on every machine.
namespace TimeText {

enum class Zone { Local, Utc };

// The window's rule, set from the settings for the whole process (as QLocale::setDefault is).
void setZone(Zone zone);
Zone zone();

// A moment in the window's zone, for widgets that edit or plot times (QDateTimeEdit, axes).
QDateTime toDateTime(qint64 msSinceEpoch);

QString dateTime(qint64 msSinceEpoch); // "2026-11-22 20:00:00.125 UTC", "… 15:00:00.125 EST"
QString time(qint64 msSinceEpoch); // "20:00:00.125", in the same zone
QString duration(qint64 ms); // "10.000 s"
// The zone's name as the times carry it ("UTC", "EST"), at the given moment (now by default),
// for column headers over times of day.
QString zoneName(qint64 msSinceEpoch);
QString zoneName();

} // namespace TimeText
