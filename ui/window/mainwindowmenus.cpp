// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's menus: every action of the window, with its shortcut.
#include "window/mainwindow.h"

#include "charts/chartpanel.h"
#include "files/exportcontroller.h"
#include "files/exportdialog.h"
#include "files/frameimporter.h"
#include "files/importdialog.h"
#include "frames/framefetcher.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "inspector/frameinspector.h"
#include "service/demofeed.h"
#include "service/servicehost.h"
#include "settings/settingsdialog.h"
#include "window/serverpanel.h"
#include "window/servicestatusbar.h"
#include "window/trayicon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open TimeFrame…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setIcon(QIcon::fromTheme(u"document-open"_s));
    QAction *exportAction = file->addAction(tr("&Export…"), this, &MainWindow::showExportDialog);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setIcon(QIcon::fromTheme(u"document-export"_s));
    file->addSeparator();
    file->addAction(tr("Open &layout…"), this, &MainWindow::showOpenLayoutDialog);
    file->addAction(tr("Save l&ayout…"), this, &MainWindow::showSaveLayoutDialog);
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty()) // no platform convention on some desktops
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setIcon(QIcon::fromTheme(u"preferences-system"_s));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quit);
    quit->setIcon(QIcon::fromTheme(u"application-exit"_s));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    if (quit->shortcut().isEmpty()) // QKeySequence::Quit is empty on some platforms
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *charts = view->addAction(tr("&Live charts"), this,
                                      [this] { m_centre->setCurrentWidget(m_liveCharts); });
    charts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *inspector = view->addAction(tr("&Inspector"), this,
                                         [this] { m_centre->setCurrentWidget(m_inspector); });
    inspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addSeparator();
    QAction *pause = view->addAction(tr("&Pause charts"));
    pause->setCheckable(true);
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(pause, &QAction::toggled, m_liveCharts, &ChartPanel::setPaused);
    view->addAction(tr("&Reset chart view"), m_liveCharts, &ChartPanel::resetView)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_demoAction = help->addAction(tr("Start &demo feed"));
    m_demoAction->setCheckable(true);
    m_demoAction->setEnabled(m_host != nullptr);
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::setDemoRunning);
    help->addSeparator();
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    keys->setIcon(QIcon::fromTheme(u"help-contents"_s));
    QAction *about = help->addAction(tr("&About SyncStreamer"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}
