// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "files/framefile.h"

#include <QObject>
#include <QStringList>

// Imports TimeFrame files on worker threads, several at once; each ends in imported() or
// failed() on the thread that asked, the failure naming the file, the byte offset and the reason.
class FrameImporter : public QObject
{
    Q_OBJECT
public:
    explicit FrameImporter(QObject *parent = nullptr);

    // layout: nullopt guesses per file.
    void import(const QStringList &fileNames, std::optional<TimeFrame::Layout> layout = {});

    static QString errorMessage(const QString &fileName, const TimeFrame::Error &error);

Q_SIGNALS:
    void imported(const LoadedFrame &frame);
    void failed(const QString &fileName, const QString &message);
};
