// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"
#include "display.h"
#include "exitcode.h"
#include "headless.h"
#include "options.h"
#include "subcommands.h"
#include "translations.h"
#include "window.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(u"syncstreamer"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SYNCSTREAMER_VERSION));
    QCoreApplication::setOrganizationName(u"SyncStreamer"_s);

    if (argc > 1 && Subcommands::isSubcommand(argv[1])) {
        const QCoreApplication app(argc, argv);
        return Subcommands::run(QCoreApplication::arguments());
    }

    LaunchParse launch;
    {
        // --help and usage errors must work without a display, and a QApplication cannot be
        // created without one: parse on a short-lived QCoreApplication first. --lang applies to
        // --help and to the parser's messages too.
        QCoreApplication parsing(argc, argv);
        const QString language = languageArgument(QCoreApplication::arguments());
        if (!language.isEmpty())
            installTranslations(parsing, QLocale(language));
        launch = parseLaunchCommandLine(QCoreApplication::arguments());
    }
    if (!launch.options)
        return launch.exitCode;
    if (launch.options->headless) {
        const QCoreApplication app(argc, argv);
        return runHeadless(QCoreApplication::arguments());
    }
    if (!displayAvailable(QProcessEnvironment::systemEnvironment(), *launch.options)) {
        Console::err(noDisplayMessage());
        return ExitInvalidInput;
    }
    return runWindow(argc, argv, *launch.options);
}
