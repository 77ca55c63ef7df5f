// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "files/frameexporter.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

// Runs an export for the window: a progress dialog with Cancel while the exporter works on its
// thread, and a message when it ends.
class ExportController : public QObject
{
    Q_OBJECT
public:
    explicit ExportController(QWidget *window);

    void start(const QList<FrameExporter::Source> &sources, const FrameExporter::Options &options);
    bool isRunning() const;

Q_SIGNALS:
    void finished(const FrameExporter::Outcome &outcome);
    void message(const QString &text); // for the status bar

private:
    void onFinished(const FrameExporter::Outcome &outcome);

    QWidget *m_window;
    FrameExporter *m_exporter;
    QPointer<QProgressDialog> m_progress;
};
