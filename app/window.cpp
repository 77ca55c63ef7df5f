// SPDX-License-Identifier: GPL-3.0-or-later
#include "window.h"

#include "mainwindow.h"
#include "options.h"

#include <QApplication>

using namespace Qt::StringLiterals;

int runWindow(int &argc, char **argv, const LaunchOptions &options)
{
    QApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(u"SyncStreamer"_s);
    QGuiApplication::setDesktopFileName(u"syncstreamer"_s);

    MainWindow window;
    window.show();
    if (!options.fileName.isEmpty())
        window.openFile(options.fileName);
    return QApplication::exec();
}
