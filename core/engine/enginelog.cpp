// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginelog.h"

Q_LOGGING_CATEGORY(lcEngine, "syncstreamer.engine")
Q_LOGGING_CATEGORY(lcJournal, "syncstreamer.engine.journal")
Q_LOGGING_CATEGORY(lcArchive, "syncstreamer.engine.archive")
