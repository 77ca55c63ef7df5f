// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's export, settings, tray and help actions (the panels are arranged in
// mainwindow.cpp).
#include "window/mainwindow.h"

#include "common/timetext.h"
#include "files/exportcontroller.h"
#include "files/exportdialog.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "inspector/frameinspector.h"
#include "service/servicehost.h"
#include "settings/settingsdialog.h"
#include "window/trayicon.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

void MainWindow::setSettings(const AppSettings &settings, const CommandLineOverrides &overrides)
{
    m_settings = settings;
    m_overrides = overrides;
    m_running = settings;
    m_overrides.applyTo(m_running);
    applyWindowSettings();
}

void MainWindow::applyWindowSettings()
{
    updateTray();
    const TimeText::Zone zone = m_settings.utcTimes ? TimeText::Zone::Utc : TimeText::Zone::Local;
    if (zone == TimeText::zone())
        return;
    TimeText::setZone(zone);
    m_liveFrames->refreshTimes();
    m_importedFrames->refreshTimes();
    if (m_inspector->hasFrame())
        m_inspector->setFrame(m_inspector->frame());
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
    AppSettings wanted = settings;
    m_overrides.applyTo(wanted);
    applySettings(settings, wanted);
}

void MainWindow::applySettings(const AppSettings &stored, const AppSettings &wanted)
{
    const AppSettings::Restart restart = AppSettings::restartFor(m_running, wanted);
    m_settings = stored;
    m_running = wanted;
    // A command-line option the user changed in the dialog is no longer in force.
    QStringList kept;
    for (const QString &option : std::as_const(m_overrides.options)) {
        CommandLineOverrides one = m_overrides;
        one.options = {option};
        AppSettings check = wanted;
        one.applyTo(check);
        if (check == wanted)
            kept.append(option);
    }
    m_overrides.options = kept;
    applyWindowSettings();
    if (!m_host)
        return;
    ServiceConfig config = m_host->config();
    switch (restart) {
    case AppSettings::Restart::None:
        return;
    case AppSettings::Restart::Server:
        // The engine and its open frame stay; only the listener changes.
        m_host->restartServer(wanted.server);
        statusBar()->showMessage(tr("Restarting the server with the new settings…"), 5000);
        return;
    case AppSettings::Restart::Engine:
        config.engine = wanted.engine;
        config.server = wanted.server;
        m_host->apply(config); // server down, engine down, both up again with the new options
        statusBar()->showMessage(tr("Restarting the engine and the server with the new "
                                    "settings…"),
                                 5000);
        return;
    }
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, running(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOverridden(m_overrides.options);
    dialog->setTrayAvailable(m_trayAvailable);
    connect(dialog, &SettingsDialog::applied, this,
            qOverload<const AppSettings &, const AppSettings &>(&MainWindow::applySettings));
    dialog->open();
}

AppSettings MainWindow::running() const
{
    // What the service was started with, where there is one: the truth, whatever was stored.
    AppSettings running = m_running;
    if (m_host) {
        running.engine = m_host->config().engine;
        running.server = m_host->config().server;
    }
    return running;
}

QList<FrameListModel::Row> MainWindow::selectedFrames(bool imported) const
{
    const FrameListView *view = imported ? m_importedView : m_liveView;
    const FrameListModel *model = imported ? m_importedFrames : m_liveFrames;
    QList<FrameListModel::Row> rows;
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        rows.append(model->row(index.row()));
    return rows;
}

QList<FrameExporter::Source> MainWindow::exportSources(QList<FrameListModel::Row> frames,
                                                       bool imported) const
{
    // Oldest first: the order files are written and frames merged in.
    std::sort(frames.begin(), frames.end(),
              [](const FrameListModel::Row &a, const FrameListModel::Row &b) {
                  return a.startAt < b.startAt;
              });
    QList<FrameExporter::Source> sources;
    const TimeFrame::Layout engineLayout =
        m_host ? m_host->config().engine.layout : TimeFrame::Layout::Documented;
    for (const FrameListModel::Row &r : std::as_const(frames)) {
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
            // By id: the frame that was open when it was chosen may have finished since.
            source.load = [engine = m_engine, id = r.id]() -> std::optional<QByteArray> {
                if (auto finished = engine->frameBytes(id))
                    return finished;
                const QByteArray open = engine->openFrameBytes();
                const auto header = TimeFrame::parseHeader(open, open.size());
                if (header && header->startAt == id)
                    return open;
                return engine->frameBytes(id); // it finished between the two looks
            };
        }
        sources.append(source);
    }
    return sources;
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
    // The frames themselves, not their rows: rows move while the dialog is open.
    const QList<FrameListModel::Row> selected = selectedFrames(imported);
    const auto span = [](const QList<FrameListModel::Row> &rows) {
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
        for (const FrameListModel::Row &row : rows) {
            from = std::min(from, row.startAt);
            to = std::max(to, row.endAt);
        }
        return std::pair {from, to};
    };
    const auto [allFrom, allTo] = span(model->rows());
    const auto [selFrom, selTo] = selected.isEmpty() ? std::pair {allFrom, allTo} : span(selected);

    auto *dialog = new ExportDialog(int(selected.size()), selFrom, selTo, allFrom, allTo, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, model, imported, selected] {
        const FrameExporter::Options options = dialog->options();
        QList<FrameListModel::Row> frames = selected;
        if (dialog->rangeChosen()) {
            frames.clear();
            for (const FrameListModel::Row &r : model->rows()) {
                if (r.endAt > options.from && r.startAt < options.to)
                    frames.append(r);
            }
        }
        const QList<FrameExporter::Source> sources = exportSources(frames, imported);
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
    QString table = u"<table cellspacing=\"4\">"_s;
    // Every menu action with a shortcut, as the menus have it: one list of actions.
    QList<std::pair<QString, QString>> entries;
    for (QAction *menu : menuBar()->actions()) {
        for (const QAction *action : menu->menu()->actions()) {
            if (action->shortcut().isEmpty())
                continue;
            QString what = action->text();
            what.remove(QRegularExpression(u"&(?!&)"_s)).replace(u"&&"_s, u"&"_s);
            if (what.endsWith(u'…'))
                what.chop(1);
            entries.append({action->shortcut().toString(QKeySequence::NativeText), what});
        }
    }
    // Keys of a focused chart, which are not menu actions.
    entries.insert(entries.size() - 1, {tr("+ / − / ← / →"), tr("Zoom and pan a focused chart")});
    entries.insert(
        entries.size() - 1,
        {tr("A / B / Esc"), tr("Set the markers A and B at the cursor of a plot; clear them")});
    for (const auto &[keys, what] : std::as_const(entries))
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
