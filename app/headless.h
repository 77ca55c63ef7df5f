// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

class QObject;

// Running without a window: the engine and the HTTP server until SIGTERM or SIGINT.

// Turns SIGTERM and SIGINT into a call of stop() on the event loop (a self-pipe: the handler only
// writes), so the process shuts down as from its own Quit: the engine finishes the open frame.
// context owns the notifier. False where the pipe or the handlers cannot be set up.
bool watchTerminationSignals(QObject *context, std::function<void()> stop);

// Parses the arguments again (the option table's, OptionTable::addTo()), starts the engine and
// the server, prints the address it serves on and runs until SIGTERM or SIGINT. Needs a
// QCoreApplication. Returns the process's exit status.
int runHeadless(const QStringList &arguments);
