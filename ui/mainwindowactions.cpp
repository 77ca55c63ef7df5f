// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's export, settings, tray and help actions (the panels are arranged in
// mainwindow.cpp).
#include "mainwindow.h"

#include "exportcontroller.h"
#include "exportdialog.h"
#include "framelistmodel.h"
#include "framelistview.h"
#include "servicehost.h"
#include "settingsdialog.h"
#include "trayicon.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

void MainWindow::setSettings(const AppSettings &settings, const CommandLineOverrides &overrides)
{
    m_settings = settings;
    m_overrides = overrides;
    updateTray();
}

void MainWindow::setSystemTrayAvailable(bool available)
{
    m_trayAvailable = available;
    updateTray();
}

bool MainWindow::keepsServingOnClose() const
{
    return m_settings.tray && m_trayAvailable && m_host != nullptr;
}

void MainWindow::updateTray()
{
    const bool keep = keepsServingOnClose();
    if (keep && !m_tray) {
        m_tray = new TrayIcon(this);
        connect(m_tray, &TrayIcon::showRequested, this, [this] {
            show();
            raise();
            activateWindow();
        });
        connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
        if (m_host)
            m_tray->setState(m_host->state());
        m_tray->setVisible(true);
    } else if (!keep && m_tray) {
        delete m_tray;
        m_tray = nullptr;
    }
    // A hidden window must not end the program; Quit does.
    QApplication::setQuitOnLastWindowClosed(!keep);
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
    QApplication::quit();
}

void MainWindow::applySettings(const AppSettings &settings)
{
    AppSettings before = m_settings;
    m_overrides.applyTo(before);
    AppSettings after = settings;
    m_overrides.applyTo(after);
    m_settings = settings;
    updateTray();
    before.tray = after.tray;
    if (!m_host || before == after)
        return;
    ServiceConfig config = m_host->config();
    config.engine = after.engine;
    config.server = after.server;
    m_host->apply(config); // server down, engine down, both up again with the new options
    statusBar()->showMessage(tr("Restarting the server with the new settings…"), 5000);
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOverridden(m_overrides.options);
    dialog->setTrayAvailable(m_trayAvailable);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::applySettings);
    dialog->open();
}

QList<int> MainWindow::selectedRows(bool imported) const
{
    const FrameListView *view = imported ? m_importedView : m_liveView;
    QList<int> rows;
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void MainWindow::showExportDialog()
{
    if (m_export->isRunning()) {
        statusBar()->showMessage(tr("An export is running already."), 5000);
        return;
    }
    const bool imported = m_listTabs->currentWidget() == m_importedView;
    FrameListModel *model = imported ? m_importedFrames : m_liveFrames;
    if (model->rowCount() == 0) {
        statusBar()->showMessage(tr("There are no frames to export."), 5000);
        return;
    }
    const QList<int> selected = selectedRows(imported);
    const auto span = [model](const QList<int> &rows) {
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
        for (int row : rows) {
            from = std::min(from, model->row(row).startAt);
            to = std::max(to, model->row(row).endAt);
        }
        return std::pair {from, to};
    };
    QList<int> all;
    for (int row = 0; row < model->rowCount(); ++row)
        all.append(row);
    const auto [allFrom, allTo] = span(all);
    const auto [selFrom, selTo] = selected.isEmpty() ? std::pair {allFrom, allTo} : span(selected);

    auto *dialog = new ExportDialog(int(selected.size()), selFrom, selTo, allFrom, allTo, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, model, imported, selected, all] {
        const FrameExporter::Options options = dialog->options();
        QList<int> rows = selected;
        if (dialog->rangeChosen()) {
            rows.clear();
            for (int row : all) {
                const FrameListModel::Row &r = model->row(row);
                if (r.endAt > options.from && r.startAt < options.to)
                    rows.append(row);
            }
        }
        QList<FrameExporter::Source> sources;
        const TimeFrame::Layout engineLayout =
            m_host ? m_host->config().engine.layout : TimeFrame::Layout::Documented;
        // Oldest first: the order files are written and frames merged in.
        for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
            const FrameListModel::Row &r = model->row(*it);
            FrameExporter::Source source;
            source.id = r.id;
            if (imported) {
                const LoadedFrame frame = m_imported.value(r.fileName);
                source.layout = frame.view.layout();
                source.load = [bytes = frame.view.bytes()]() -> std::optional<QByteArray> {
                    return bytes;
                };
            } else if (m_engine) {
                source.layout = engineLayout;
                source.load = [engine = m_engine, id = r.id, live = r.live] {
                    return live ? std::optional<QByteArray>(engine->openFrameBytes())
                                : engine->frameBytes(id);
                };
            }
            sources.append(source);
        }
        if (sources.isEmpty()) {
            statusBar()->showMessage(tr("No frame lies in that range."), 5000);
            return;
        }
        m_export->start(sources, options);
    });
    dialog->open();
}

void MainWindow::showShortcuts()
{
    const QString rows = u"<tr><td>%1</td><td>%2</td></tr>"_s;
    auto key = [](QKeySequence::StandardKey standard, const QKeySequence &fallback) {
        const QKeySequence sequence(standard);
        return (sequence.isEmpty() ? fallback : sequence).toString(QKeySequence::NativeText);
    };
    QString table = u"<table cellspacing=\"4\">"_s;
    const std::pair<QString, QString> entries[] = {
        {key(QKeySequence::Open, {}), tr("Open TimeFrame files")},
        {QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText),
         tr("Export frames")},
        {key(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)), tr("Settings")},
        {key(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)), tr("Quit")},
        {QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText), tr("Live charts")},
        {QKeySequence(Qt::CTRL | Qt::Key_2).toString(QKeySequence::NativeText), tr("Inspector")},
        {QKeySequence(Qt::CTRL | Qt::Key_P).toString(QKeySequence::NativeText),
         tr("Pause the charts")},
        {QKeySequence(Qt::CTRL | Qt::Key_0).toString(QKeySequence::NativeText),
         tr("Reset the chart view (follow now)")},
        {tr("+ / − / ← / →"), tr("Zoom and pan a focused chart")},
        {key(QKeySequence::HelpContents, QKeySequence(Qt::Key_F1)), tr("This list")},
    };
    for (const auto &[keys, what] : entries)
        table += rows.arg(u"<b>"_s + keys.toHtmlEscaped() + u"</b>"_s, what.toHtmlEscaped());
    table += u"</table><p>"_s
        + tr("Alt with an underlined letter reaches every menu, button and field.").toHtmlEscaped()
        + u"</p>"_s;
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), table,
                                QMessageBox::Close, this);
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
