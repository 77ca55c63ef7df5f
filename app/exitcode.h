// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The exit statuses of every syncstreamer command, documented in docs/CLI.md.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitInvalidInput = 1, // a file could not be read, decoded or written; also "no display"
    ExitUsage = 2, // unknown subcommand or option, missing or extra argument
    ExitDataDirInUse = 3, // another syncstreamer owns the data directory (its lock)
};
