// SPDX-License-Identifier: GPL-3.0-or-later
// Takes the screenshots of docs/images under a real X server (xvfb-run): the window with the
// demo feed, the chart workspace, the inspector and the export dialog. Not a test: run it by hand,
// see docs/GUI.md.
//   TZ=America/New_York xvfb-run -a -s '-screen 0 1600x1000x24' bin/ui_screenshots images
//   xvfb-run -a -s '-screen 0 1600x1000x24' bin/ui_screenshots images de
// (bin/ of the build, images/ of docs/).
#include "charts/chartpanel.h"
#include "charts/data/seriesstore.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "files/exportdialog.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "service/servicehost.h"
#include "settings/settingsdialog.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

bool shoot(QWidget *widget, const QString &fileName)
{
    widget->raise();
    widget->activateWindow();
    QTest::qWait(600); // a repaint of the charts and the list
    const QRect frame = widget->frameGeometry();
    const QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height());
    if (!shot.save(fileName)) {
        qWarning("cannot write %s", qPrintable(fileName));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QDir out(args.value(1, u"."_s));
    const bool german = args.value(2) == u"de";
    QStandardPaths::setTestModeEnabled(true); // settings of its own, not the user's
    QApplication::setOrganizationName(u"SyncStreamerScreenshots"_s);
    QApplication::setApplicationName(u"SyncStreamer"_s);
    QTranslator translator;
    if (german
        && translator.load(u"syncstreamer_de"_s,
                           QApplication::applicationDirPath()
                               + u"/../share/syncstreamer/translations"_s))
        QApplication::installTranslator(&translator);
    const QString suffix = german ? u"-de"_s : QString();

    QTemporaryDir data;
    ServiceHost host;
    ServiceConfig config;
    config.engine.frameDurationMs = 2000;
    config.engine.dataDir = data.filePath(u"data"_s);
    config.server.port = 0;
    config.server.bindAddress = QHostAddress::LocalHost;
    host.apply(config);
    MainWindow window(&host);
    // Stored settings other than those it runs with, as after --port and --frame-duration: the
    // settings dialog marks both.
    AppSettings stored;
    stored.engine = config.engine;
    stored.server = config.server;
    stored.server.port = 8080;
    stored.engine.frameDurationMs = 10'000;
    CommandLineOverrides overrides;
    overrides.options = {u"port"_s, u"frame-duration"_s};
    overrides.server = config.server;
    overrides.engine = config.engine;
    window.setSettings(stored, overrides);
    window.resize(1400, 880);
    window.move(0, 0);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::qWait(500);
    window.setDemoRunning(true);
    // Frames finish while the demo feeds twenty channels.
    QTest::qWait(9000);
    bool ok = shoot(&window, out.filePath(u"main-window%1.png"_s.arg(suffix)));

    // The workspace: three panes on one time axis, a second axis, the cursor and markers A, B.
    {
        ChartPanel *charts = window.liveCharts();
        Workspace *workspace = charts->workspace();
        PlotPane *top = workspace->panes().first();
        top->addSeries(Series::key(u"sensor"_s, u"celsius"_s));
        top->addSeries(Series::key(u"sensor"_s, u"humidity"_s), true);
        PlotPane *bottom = workspace->splitPane(top, Qt::Vertical);
        bottom->addSeries(Series::key(u"sensor"_s, u"pos.x"_s));
        bottom->addSeries(Series::key(u"sensor"_s, u"pos.y"_s));
        PlotPane *right = workspace->splitPane(bottom, Qt::Horizontal);
        right->addSeries(Series::key(u"camera"_s, Series::kSizePath));
        right->addSeries(Series::key(u"log"_s, Series::kSizePath));
        charts->setWindowMs(10'000);
        QTest::qWait(1500);
        charts->setPaused(true);
        const auto [from, to] = charts->shownRange();
        workspace->setMarker(0, from + (to - from) / 5);
        workspace->setMarker(1, from + (to - from) * 3 / 5);
        workspace->setCursorTime(from + (to - from) * 4 / 5);
        ok = shoot(&window, out.filePath(u"workspace%1.png"_s.arg(suffix))) && ok;
        charts->resetView();
    }

    auto *view = window.findChild<FrameListView *>(u"liveFrames"_s);
    FrameListModel *model = window.liveFrames();
    view->selectionModel()->clear();
    for (int row = 1; row <= 3 && row < model->rowCount(); ++row)
        view->selectionModel()->select(model->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->setCurrentIndex(model->index(1, 0), QItemSelectionModel::NoUpdate);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QTest::qWait(800);
    ok = shoot(&window, out.filePath(u"inspector%1.png"_s.arg(suffix))) && ok;

    window.showExportDialog();
    auto *exportDialog = window.findChild<ExportDialog *>();
    if (exportDialog) {
        exportDialog->move(window.geometry().center() - exportDialog->rect().center());
        QTest::qWait(300);
        ok = shoot(exportDialog, out.filePath(u"export-dialog%1.png"_s.arg(suffix))) && ok;
        exportDialog->reject();
    }

    window.showSettings();
    auto *settingsDialog = window.findChild<SettingsDialog *>();
    if (settingsDialog) {
        settingsDialog->move(window.geometry().center() - settingsDialog->rect().center());
        QTest::qWait(300);
        ok = shoot(settingsDialog, out.filePath(u"settings%1.png"_s.arg(suffix))) && ok;
        settingsDialog->reject();
    }
    window.setDemoRunning(false);
    return ok ? 0 : 1;
}
