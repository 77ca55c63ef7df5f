// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// How the window writes times: always UTC, so that every machine shows a frame the same way.
namespace TimeText {

QString dateTime(qint64 msSinceEpoch); // "2026-11-22 20:00:00.125 UTC"
QString time(qint64 msSinceEpoch); // "20:00:00.125"
QString duration(qint64 ms); // "10.000 s"

} // namespace TimeText

// Local time, for lists a person reads on this machine.
namespace TimeText {
QString localDateTime(qint64 msSinceEpoch); // "2026-11-22 21:00:00"
}
