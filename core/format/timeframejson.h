// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeframe.h"

#include <QByteArray>

// The JSON form of a frame, as printed by `syncstreamer decode` and read by `encode`:
// {"version":1,"layout":"documented","startAt":…,"endAt":…,
//  "channels":[{"id":…,"type":…,"items":[{"timestamp":…,"data":"<base64>"}]}]}
namespace TimeFrame {

QByteArray toJson(const Frame &frame, Layout layout);

struct JsonFrame
{
    Frame frame;
    std::optional<Layout> layout; // the "layout" member, where present and known
};

// Fails with InvalidJson; the offset is the JSON parser's where the text itself is malformed.
Result<JsonFrame> fromJson(QByteArrayView json);

} // namespace TimeFrame
