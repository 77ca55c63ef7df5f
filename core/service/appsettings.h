// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineconfig.h"
#include "ingest/mqttoptions.h"
#include "server/serveroptions.h"

#include <QMetaType>
#include <QStringList>

class QCommandLineParser;
class QProcessEnvironment;
class QSettings;

// What the settings dialog edits and QSettings keeps: the engine's and the server's options and
// the window's own choices. Keys, restarts and the command line are the option table's
// (optiontable.h), without widgets, so that the headless mode can read the same file.
// Precedence for a run: defaults < settings < environment < command line.
struct AppSettings
{
    Engine::EngineConfig engine;
    Server::ServerOptions server;
    Ingest::MqttConfig mqtt; // the command line's only, never stored
    bool tray = false; // closing the window keeps serving from the system tray
    bool utcTimes = false; // the window writes times in UTC, else in local time with its zone

    // What applying wanted where running runs: the engine (and the server that serves it),
    // the server alone, or nothing (window options only).
    enum class Restart { None, Server, Engine };
    static Restart restartFor(const AppSettings &running, const AppSettings &wanted);

    // Keys that are missing or hold an unusable value keep the product's defaults.
    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // Empty where usable, else a translated sentence naming the setting.
    QString validate() const;

    friend bool operator==(const AppSettings &, const AppSettings &);
};

Q_DECLARE_METATYPE(AppSettings)

// The options a run was given on its command line (or through the environment), which take
// precedence over the settings for that run only.
struct CommandLineOverrides
{
    QStringList options; // option names as on the command line: "port", "data-dir", ...
    Engine::EngineConfig engine; // as parsed from the command line
    Server::ServerOptions server;
    Ingest::MqttConfig mqtt;

    // The options of a parser that has processed its arguments (server and engine options as
    // added by the application), and SYNCSTREAMER_PORT / PORT / SYNCSTREAMER_TOKEN.
    // The command-line options that override stored settings.
    static const QStringList &names();
    static QStringList givenOptions(const QCommandLineParser &parser,
                                    const QProcessEnvironment &environment);
    // Copies the given options' values over the settings.
    void applyTo(AppSettings &settings) const;
};
