// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "files/framefile.h"

#include <QObject>

#include <memory>

// Fetches a frame of the engine (the open frame, or a retained one from memory or disk) and
// indexes it on a worker thread; the newest request wins.
class FrameFetcher : public QObject
{
    Q_OBJECT
public:
    explicit FrameFetcher(QObject *parent = nullptr);

    void fetch(const std::shared_ptr<Engine::EngineApi> &engine, qint64 id, bool live,
               TimeFrame::Layout layout);

Q_SIGNALS:
    void fetched(const LoadedFrame &frame);
    void failed(const QString &message);

private:
    quint64 m_generation = 0;
};
