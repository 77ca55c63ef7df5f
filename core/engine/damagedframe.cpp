// SPDX-License-Identifier: GPL-3.0-or-later
#include "damagedframe.h"

#include "archive.h"
#include "enginelog.h"
#include "framegrid.h"
#include "recovery.h"

#include "format/salvage.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Engine {

QString moveAside(const QString &path, bool copy)
{
    QString target = path + u".corrupt"_s;
    for (int n = 1; QFile::exists(target); ++n)
        target = path + u".corrupt."_s + QString::number(n);
    const bool done = copy ? QFile::copy(path, target) : QFile::rename(path, target);
    return done ? target : QString();
}

SetAside setAsideDamagedFrame(const Archive &archive, qint64 id, qint64 frameDurationMs,
                              TimeFrame::Layout layout, bool syncDir)
{
    SetAside result;
    const QString path = archive.framePath(id);
    QByteArray bytes;
    {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            bytes = file.readAll();
    }
    TimeFrame::Salvaged salvaged = TimeFrame::salvage(bytes, layout);
    TimeFrame::Frame &frame = salvaged.frame;
    if (!salvaged.headerRead || frame.startAt != id || frame.endAt <= id) {
        // The header does not name this frame: trust the name and the period grid instead.
        frame.startAt = id;
        frame.endAt = FrameGrid(frameDurationMs).endAfter(id);
        for (TimeFrame::Channel &channel : frame.channels) {
            channel.items.removeIf([&](const TimeFrame::Item &item) {
                return item.timestamp < frame.startAt || item.timestamp >= frame.endAt;
            });
        }
    }
    result.corruptPath = moveAside(path);
    if (result.corruptPath.isEmpty()) {
        result.error = u"cannot rename %1 aside"_s.arg(path);
        return result;
    }

    auto encoded = TimeFrame::encode(frame, layout);
    if (!encoded) {
        result.error = encoded.error().message;
        return result;
    }
    FrameSummary summary;
    summary.id = id;
    summary.startAt = frame.startAt;
    summary.endAt = frame.endAt;
    summary.size = encoded->size();
    summary.channels = int(frame.channels.size());
    for (const TimeFrame::Channel &channel : frame.channels)
        summary.items += channel.items.size();
    result.itemsSalvaged = summary.items;
    if (!archiveFrame(archive, id, *encoded, syncDir, &result.error))
        return result;
    summary.onDisk = true;
    result.salvaged = summary;
    return result;
}

} // namespace Engine
