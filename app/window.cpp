// SPDX-License-Identifier: GPL-3.0-or-later
#include "window.h"

#include "appsettings.h"
#include "mainwindow.h"
#include "options.h"
#include "servicehost.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Qt's own strings (dialog buttons, context menus) and the application's, in the language
// --lang names or else the system's. The translators belong to the application object.
void installTranslations(QApplication &app, const QString &language)
{
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"syncstreamer"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    else
        delete own; // English, the source language
}

} // namespace

int runWindow(int &argc, char **argv, const LaunchOptions &options)
{
    QApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(u"SyncStreamer"_s);
    QGuiApplication::setDesktopFileName(u"syncstreamer"_s);
    installTranslations(app, options.language);

    // Defaults < stored settings < environment and command line (for this run only).
    const AppSettings settings = AppSettings::load(QSettings());
    AppSettings effective = settings;
    options.overrides.applyTo(effective);

    // The engine and the server start on their own threads; the window shows them as they come.
    ServiceHost host;
    host.apply(ServiceConfig {effective.engine, effective.server, true});
    MainWindow window(&host);
    window.setSettings(settings, options.overrides);
    window.show();
    if (!options.fileName.isEmpty())
        window.openFile(options.fileName);
    if (options.demo)
        window.setDemoRunning(true); // starts as soon as the engine is up
    return QApplication::exec();
}
