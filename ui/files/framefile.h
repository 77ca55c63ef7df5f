// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/frameview.h"

#include <QString>

// A TimeFrame file as the window shows it: indexed, with the layout guessed.
struct LoadedFrame
{
    QString fileName;
    TimeFrame::FrameView view;
    TimeFrame::LayoutGuess guess;
    bool ok = false;
    TimeFrame::Error error; // where !ok
};

// Reads, guesses the layout and indexes; blocking, so run it off the GUI thread.
// layout: where given, overrides the guess (the import dialog's choice).
LoadedFrame loadFrameFile(const QString &fileName,
                          std::optional<TimeFrame::Layout> layout = std::nullopt);
