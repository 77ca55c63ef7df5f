// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameloader.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

FrameLoader::FrameLoader(QObject *parent)
    : QObject(parent)
{ }

void FrameLoader::load(const QString &fileName)
{
    const quint64 generation = ++m_generation;
    ++m_running;
    auto *watcher = new QFutureWatcher<LoadedFrame>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_running;
        if (generation != m_generation)
            return; // superseded by a newer request
        // Moved out, not copied: the item index of a big frame is large.
        const LoadedFrame frame = watcher->future().takeResult();
        if (frame.ok)
            Q_EMIT loaded(frame);
        else
            Q_EMIT failed(frame.fileName, frame.error);
    });
    Q_EMIT started(fileName);
    watcher->setFuture(QtConcurrent::run(loadFrameFile, fileName));
}
