// SPDX-License-Identifier: GPL-3.0-or-later
#include "frames/framefetcher.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

FrameFetcher::FrameFetcher(QObject *parent)
    : QObject(parent)
{ }

void FrameFetcher::fetch(const std::shared_ptr<Engine::EngineApi> &engine, qint64 id, bool live,
                         TimeFrame::Layout layout)
{
    const quint64 generation = ++m_generation;
    auto *watcher = new QFutureWatcher<LoadedFrame>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const LoadedFrame frame = watcher->future().takeResult();
        if (frame.ok)
            Q_EMIT fetched(frame);
        else
            Q_EMIT failed(frame.error.message);
    });
    watcher->setFuture(QtConcurrent::run([engine, id, live, layout] {
        LoadedFrame result;
        result.fileName = live ? tr("frame %1 (live)").arg(id) : tr("frame %1").arg(id);
        const std::optional<QByteArray> bytes =
            live ? std::optional<QByteArray>(engine->openFrameBytes()) : engine->frameBytes(id);
        if (!bytes) {
            result.error.message = tr("Frame %1 is no longer retained.").arg(id);
            return result;
        }
        auto view = TimeFrame::FrameView::index(*bytes, layout);
        if (!view) {
            result.error = view.error();
            return result;
        }
        result.view = std::move(view).value();
        result.guess = {layout, true, tr("the layout the engine writes")};
        result.ok = true;
        return result;
    }));
}
