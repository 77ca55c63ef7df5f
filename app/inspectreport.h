// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/frameview.h"

#include <QString>

#include <optional>

// The human summary `syncstreamer inspect` prints: header, layout (and how it was found) and one
// table row per channel. guess is set where the layout was guessed rather than chosen.
QString formatInspectReport(const QString &fileName, const TimeFrame::FrameView &view,
                            const std::optional<TimeFrame::LayoutGuess> &guess);

// A UNIX time in ms as UTC ISO 8601 with milliseconds, followed by the ms themselves.
QString formatTimestamp(qint64 msSinceEpoch);
