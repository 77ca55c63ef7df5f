// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"

#include "format/timeframe.h"

#include <optional>

namespace Engine {

class Archive;

// A frame file that fails the decoder's checks is never overwritten and never served: it is
// renamed aside as `<id>.tf.corrupt` (`.corrupt.1`, `.2`, … where that name is taken), what can
// be read from it is salvaged (TimeFrame::salvage) and written as a valid `<id>.tf` under its
// own id, so the index lists it and no new frame takes that id. Bounds come from its header
// where it names this id, else [id, endAt of the period of id).
struct SetAside
{
    QString corruptPath; // where the damaged bytes are now ("" where they could not be moved)
    std::optional<FrameSummary> salvaged; // the frame now archived under the id
    qint64 itemsSalvaged = 0;
    QString error; // why the salvaged frame could not be written ("" when it was)
};
SetAside setAsideDamagedFrame(const Archive &archive, qint64 id, qint64 frameDurationMs,
                              TimeFrame::Layout layout, bool syncDir);

// Moves path aside as path + ".corrupt" (or ".corrupt.N" where taken); copy: copies instead,
// leaving path in place. Returns the new path, "" where it failed.
QString moveAside(const QString &path, bool copy = false);

} // namespace Engine
