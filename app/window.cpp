// SPDX-License-Identifier: GPL-3.0-or-later
#include "window.h"

#include "headless.h"
#include "options.h"
#include "service/appsettings.h"
#include "service/servicehost.h"
#include "translations.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QLocale>
#include <QSettings>

using namespace Qt::StringLiterals;

int runWindow(int &argc, char **argv, const LaunchOptions &options)
{
    QApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(u"SyncStreamer"_s);
    QGuiApplication::setDesktopFileName(u"syncstreamer"_s);
    // The language --lang names, or else the system's: texts, and numbers and dates too.
    if (!options.language.isEmpty())
        QLocale::setDefault(QLocale(options.language));
    installTranslations(app,
                        options.language.isEmpty() ? QLocale::system() : QLocale(options.language));

    // Defaults < stored settings < environment and command line (for this run only).
    const AppSettings settings = AppSettings::load(QSettings());
    AppSettings effective = settings;
    options.overrides.applyTo(effective);

    ServiceHost host;
    MainWindow window(&host);
    window.setSettings(settings, options.overrides);
    // A session logout or `kill` stops it as Quit does, not with the open frame left behind:
    // watched before the server starts, so that no event can be acknowledged before.
    if (!watchTerminationSignals(&app, [&window] { window.quit(); }))
        qWarning("SIGTERM and SIGINT will end SyncStreamer without finishing the open frame");
    // The engine and the server start on their own threads; the window shows them as they come.
    host.apply(ServiceConfig {effective.engine, effective.server, true, effective.mqtt.resolved()});
    if (!options.layoutFile.isEmpty())
        window.openLayout(options.layoutFile);
    window.show();
    if (!options.fileName.isEmpty())
        window.openFile(options.fileName);
    if (options.demo)
        window.setDemoRunning(true); // starts as soon as the engine is up
    return QApplication::exec();
}
