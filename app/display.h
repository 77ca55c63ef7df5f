// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>

struct LaunchOptions;

// Whether a window can be shown at all. Without one Qt aborts while creating the QApplication,
// so the executable asks first and explains instead.
bool displayAvailable(const QProcessEnvironment &environment, const LaunchOptions &options);

// What to tell a user who started the window where there is no display.
QString noDisplayMessage();
