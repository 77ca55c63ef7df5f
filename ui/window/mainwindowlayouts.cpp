// SPDX-License-Identifier: GPL-3.0-or-later
// The window's chart layouts (File → Open layout / Save layout, --layout) and the jump from a
// time on a chart to its item in the inspector.
#include "charts/chartpanel.h"
#include "charts/workspace/layoutfile.h"
#include "frames/framefetcher.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::StringLiterals;

void MainWindow::openLayout(const QString &fileName)
{
    m_layoutChosen = true;
    LayoutFile::read(fileName).then(this, [this, fileName](const LayoutFile::Loaded &loaded) {
        if (!loaded.error.isEmpty()) {
            statusBar()->showMessage(loaded.error, 8000);
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the layout"),
                                        loaded.error, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT layoutFailed(fileName, loaded.error);
            return;
        }
        const QStringList missing = m_liveCharts->applyLayout(loaded.layout);
        LayoutFile::setLastFileName(QFileInfo(fileName).absoluteFilePath());
        const QString name = QFileInfo(fileName).fileName();
        statusBar()->showMessage(missing.isEmpty()
                                     ? tr("Layout %1 opened").arg(name)
                                     : tr("Layout %1 opened; not in the data (yet): %2")
                                           .arg(name, missing.join(u", "_s)),
                                 missing.isEmpty() ? 3000 : 15000);
        Q_EMIT layoutOpened(fileName, missing);
    });
}

void MainWindow::saveLayoutAs(const QString &fileName)
{
    LayoutFile::write(fileName, m_liveCharts->layoutJson())
        .then(this, [this, fileName](const QString &error) {
            if (error.isEmpty()) {
                LayoutFile::setLastFileName(QFileInfo(fileName).absoluteFilePath());
                statusBar()->showMessage(
                    tr("Layout saved to %1").arg(QFileInfo(fileName).fileName()), 3000);
            } else {
                statusBar()->showMessage(error, 8000);
            }
            Q_EMIT layoutSaved(fileName, error);
        });
}

void MainWindow::restoreChartLayout()
{
    if (m_layoutChosen)
        return;
    const QString last = LayoutFile::lastFileName();
    if (last.isEmpty())
        return;
    m_layoutChosen = true;
    openLayout(last);
}

namespace {

QFileDialog *layoutDialog(QWidget *parent, const QString &title, QFileDialog::AcceptMode mode)
{
    auto *dialog = new QFileDialog(parent, title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(mode);
    dialog->setNameFilter(MainWindow::tr("Chart layouts (*.json)"));
    dialog->setDefaultSuffix(u"json"_s);
    const QString last = LayoutFile::lastFileName();
    if (!last.isEmpty())
        dialog->selectFile(last);
    return dialog;
}

} // namespace

void MainWindow::showOpenLayoutDialog()
{
    QFileDialog *dialog = layoutDialog(this, tr("Open layout"), QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openLayout);
    dialog->open();
}

void MainWindow::showSaveLayoutDialog()
{
    QFileDialog *dialog = layoutDialog(this, tr("Save layout"), QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::saveLayoutAs);
    dialog->open();
}

void MainWindow::openChartItem(qint64 frameId, const QString &channel, qsizetype itemIndex)
{
    if (!m_engine)
        return;
    m_pendingItem = PendingItem {frameId, channel, itemIndex};
    const TimeFrame::Layout layout =
        m_host ? m_host->config().engine.layout : TimeFrame::Layout::Documented;
    m_fetcher->fetch(m_engine, frameId, frameId == m_engine->status().openFrameId, layout);
}
