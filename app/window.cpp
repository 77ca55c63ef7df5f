// SPDX-License-Identifier: GPL-3.0-or-later
#include "window.h"

#include "mainwindow.h"
#include "options.h"
#include "servicehost.h"

#include <QApplication>

using namespace Qt::StringLiterals;

int runWindow(int &argc, char **argv, const LaunchOptions &options)
{
    QApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(u"SyncStreamer"_s);
    QGuiApplication::setDesktopFileName(u"syncstreamer"_s);

    // The engine and the server start on their own threads; the window shows them as they come.
    ServiceHost host;
    host.apply(ServiceConfig {});
    MainWindow window(&host);
    window.show();
    if (!options.fileName.isEmpty())
        window.openFile(options.fileName);
    if (options.demo)
        window.setDemoRunning(true); // starts as soon as the engine is up
    return QApplication::exec();
}
