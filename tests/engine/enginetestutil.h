// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "format/timeframe.h"

#include <QDir>
#include <QStringList>

// Small helpers shared by the engine's tests.
namespace EngineTest {

inline Engine::Event makeEvent(const QString &channel, const QByteArray &data,
                               std::optional<qint64> timestamp = std::nullopt,
                               const QString &type = QStringLiteral("text/plain"))
{
    return Engine::Event {channel, type, data, timestamp};
}

inline QList<qint64> ids(const Engine::FrameIndex &index)
{
    QList<qint64> result;
    for (const Engine::FrameSummary &frame : *index)
        result.append(frame.id);
    return result;
}

// The archived frame files of a directory, sorted by id.
inline QList<qint64> archivedIds(const QString &dir)
{
    QList<qint64> result;
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.tf")}, QDir::Files);
    for (const QString &name : names)
        result.append(QStringView(name).chopped(3).toLongLong());
    std::sort(result.begin(), result.end());
    return result;
}

inline QStringList journalFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.journal")}, QDir::Files, QDir::Name);
}

} // namespace EngineTest
