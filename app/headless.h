// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/mqttoptions.h"
#include "server/serveroptions.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <optional>

class QCommandLineParser;

// Running without a window: the engine and the HTTP server until SIGTERM or SIGINT.

// Adds --headless, the HTTP server's options and the engine's options (with their defaults in
// the help text) to a parser.
void addServerOptions(QCommandLineParser &parser);

// The server's options from a parser that has processed its arguments, with the environment's
// SYNCSTREAMER_PORT, PORT and SYNCSTREAMER_TOKEN where the command line is silent. nullopt and
// *error (one translated sentence naming the option) on a bad value.
std::optional<Server::ServerOptions> serverOptionsFromParser(const QCommandLineParser &parser,
                                                             const QProcessEnvironment &environment,
                                                             QString *error);

// The MQTT brokers to subscribe to (--mqtt, repeatable, with --mqtt-time-field, --mqtt-ca-file
// and --mqtt-qos applied to each); nullopt and *error on a bad value.
std::optional<QList<Ingest::MqttOptions>> mqttOptionsFromParser(const QCommandLineParser &parser,
                                                                QString *error);

// Turns SIGTERM and SIGINT into a call of stop() on the event loop (a self-pipe: the handler only
// writes), so the process shuts down as from its own Quit: the engine finishes the open frame.
// context owns the notifier. False where the pipe or the handlers cannot be set up.
bool watchTerminationSignals(QObject *context, std::function<void()> stop);

// Parses the arguments again (the same options as addServerOptions()), starts the engine and
// the server, prints the address it serves on and runs until SIGTERM or SIGINT. Needs a
// QCoreApplication. Returns the process's exit status.
int runHeadless(const QStringList &arguments);
