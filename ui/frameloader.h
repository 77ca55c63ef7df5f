// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "framefile.h"

#include <QObject>

// Loads TimeFrame files on a worker thread and delivers each result on the thread that asked.
// A newer request supersedes an older one still running: only the newest result is delivered.
class FrameLoader : public QObject
{
    Q_OBJECT
public:
    explicit FrameLoader(QObject *parent = nullptr);

    void load(const QString &fileName);
    bool isLoading() const { return m_running > 0; }

Q_SIGNALS:
    void started(const QString &fileName);
    void loaded(const LoadedFrame &frame);
    void failed(const QString &fileName, const TimeFrame::Error &error);

private:
    quint64 m_generation = 0;
    int m_running = 0;
};
