// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// Logging categories of the engine, so storage trouble can be filtered with QT_LOGGING_RULES.
Q_DECLARE_LOGGING_CATEGORY(lcEngine) // syncstreamer.engine
Q_DECLARE_LOGGING_CATEGORY(lcJournal) // syncstreamer.engine.journal
Q_DECLARE_LOGGING_CATEGORY(lcArchive) // syncstreamer.engine.archive
