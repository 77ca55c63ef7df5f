// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// The file subcommands: inspect, decode, encode. They run on a QCoreApplication and need no
// display.
namespace Subcommands {

QStringList names();

// Whether a raw argument names a subcommand; asked before any application object exists.
bool isSubcommand(const char *argument);

// arguments are the whole command line, arguments[1] being the subcommand; returns the exit
// status (see exitcode.h).
int run(const QStringList &arguments);

} // namespace Subcommands
