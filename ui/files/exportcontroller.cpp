// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/exportcontroller.h"

#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>
#include <QWidget>

ExportController::ExportController(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_exporter(new FrameExporter(this))
{
    connect(m_exporter, &FrameExporter::progress, this, [this](int done, int total) {
        if (m_progress) {
            m_progress->setMaximum(total);
            m_progress->setValue(done);
        }
    });
    connect(m_exporter, &FrameExporter::finished, this, &ExportController::onFinished);
}

bool ExportController::isRunning() const
{
    return m_exporter->isRunning();
}

void ExportController::start(const QList<FrameExporter::Source> &sources,
                             const FrameExporter::Options &options)
{
    if (m_exporter->isRunning())
        return;
    // Shown only where the export takes longer than a moment.
    auto *progress = new QProgressDialog(tr("Exporting %n frame(s)…", "", int(sources.size())),
                                         tr("Cancel"), 0, int(sources.size()) + 1, m_window);
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(400);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setValue(0);
    connect(progress, &QProgressDialog::canceled, m_exporter, &FrameExporter::cancel);
    m_progress = progress;
    m_exporter->start(sources, options);
}

void ExportController::onFinished(const FrameExporter::Outcome &outcome)
{
    if (m_progress)
        m_progress->deleteLater();
    if (outcome.cancelled) {
        Q_EMIT message(tr("Export cancelled; nothing was written."));
    } else if (!outcome.ok) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), outcome.error,
                                    QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT message(tr("Export failed"));
    } else {
        Q_EMIT message(
            outcome.files.size() == 1
                ? tr("Exported to %1").arg(QDir::toNativeSeparators(outcome.files.first()))
                : tr("Exported %n file(s)", "", int(outcome.files.size())));
    }
    Q_EMIT finished(outcome);
}
