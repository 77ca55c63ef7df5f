// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/frameimporter.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

FrameImporter::FrameImporter(QObject *parent)
    : QObject(parent)
{ }

QString FrameImporter::errorMessage(const QString &fileName, const TimeFrame::Error &error)
{
    return error.offset >= 0 ? tr("%1 is not a valid TimeFrame file: at byte %2, %3")
                                   .arg(fileName)
                                   .arg(error.offset)
                                   .arg(error.message)
                             : tr("%1 could not be opened: %2").arg(fileName, error.message);
}

void FrameImporter::import(const QStringList &fileNames, std::optional<TimeFrame::Layout> layout)
{
    for (const QString &fileName : fileNames) {
        auto *watcher = new QFutureWatcher<LoadedFrame>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            const LoadedFrame frame = watcher->future().takeResult();
            if (frame.ok)
                Q_EMIT imported(frame);
            else
                Q_EMIT failed(frame.fileName, errorMessage(frame.fileName, frame.error));
        });
        watcher->setFuture(
            QtConcurrent::run([fileName, layout] { return loadFrameFile(fileName, layout); }));
    }
}
