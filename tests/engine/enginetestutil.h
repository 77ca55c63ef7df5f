// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "engine/framebuilder.h"
#include "engine/frameengine.h"
#include "engine/journal.h"
#include "format/timeframe.h"

#include <QDir>
#include <QFile>
#include <QHash>
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

// Stops the engine and leaves its data directory as a kill -9 at this moment would have: the
// journals as they are now, each ending after its last whole record (where replay stops), and
// none of the frames the stop archived. Returns false where a file could not be read or
// restored.
inline bool stopAsIfKilled(Engine::FrameEngine &engine)
{
    const QDir dir(engine.dataDir());
    QHash<QString, QByteArray> journals;
    for (const QString &name : journalFiles(dir.path())) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        journals.insert(name, file.readAll());
    }
    const QList<qint64> archivedBefore = archivedIds(dir.path());
    engine.stop();
    for (const qint64 id : archivedIds(dir.path())) {
        if (!archivedBefore.contains(id)
            && !QFile::remove(dir.filePath(QString::number(id) + QStringLiteral(".tf"))))
            return false;
    }
    for (const QString &name : journalFiles(dir.path())) {
        if (!journals.contains(name) && !QFile::remove(dir.filePath(name)))
            return false;
    }
    for (auto it = journals.cbegin(); it != journals.cend(); ++it) {
        QFile file(dir.filePath(it.key()));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(it.value()) != it.value().size())
            return false;
        file.close();
        std::unique_ptr<Engine::FrameBuilder> frame;
        const Engine::Journal::Replay replay = Engine::Journal::replay(file.fileName(), &frame);
        if (!replay.error.isEmpty() || !file.resize(replay.goodSize))
            return false;
    }
    return true;
}

} // namespace EngineTest
