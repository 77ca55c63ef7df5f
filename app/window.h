// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

struct LaunchOptions;

// Creates the QApplication and the main window, opens the file the options name, runs the event
// loop and returns its exit status. argc must outlive the call (QApplication keeps a reference).
int runWindow(int &argc, char **argv, const LaunchOptions &options);
