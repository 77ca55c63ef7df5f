// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/appsettings.h"

#include <QString>
#include <QStringList>

#include <optional>

// The command line of a run without a subcommand: the window, opened on an optional file.
// A run without a window (--headless) will be parsed here too, so that both share one parser
// and one --help.
struct LaunchOptions
{
    QString fileName; // a TimeFrame file to open in the window, empty for none
    bool platformArgument = false; // -platform given: Qt is told where to show the window
    bool headless = false; // --headless: engine and HTTP server without a window
    bool demo = false; // --demo: the window starts its built-in demo producers
    QString layoutFile; // --chart-layout: a chart layout to open instead of the last one
    QString language; // --lang: "de" or "en"; empty: the system's
    // The server and engine options given on the command line or in the environment: they
    // take precedence over the stored settings for this run.
    CommandLineOverrides overrides;
};

// What parsing concluded: either options to run with, or an exit status after the parser
// printed help, the version or a usage error.
struct LaunchParse
{
    std::optional<LaunchOptions> options;
    int exitCode = 0;
};

// Needs a QCoreApplication (the help text names the executable); prints what it concludes.
LaunchParse parseLaunchCommandLine(const QStringList &arguments);
