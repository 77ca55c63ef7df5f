// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeframe.h"

namespace TimeFrame {

// What could still be read from a damaged frame.
struct Salvaged
{
    bool headerRead = false; // the 30-byte header was there (its bounds are in frame)
    Frame frame; // the channels whose record was whole, with their whole items, in order
    qint64 itemsRead = 0;
};

// Reads what it can from bytes that fail the decoder's checks (a file cut short, garbled
// metadata): the header as it stands, every metadata record that lies whole inside the bytes
// (in the given layout), and of each channel the items, in order, up to the first one that is
// cut, overruns its channel's span or lies outside [startAt, endAt). Nothing is trusted beyond
// the bytes present; channels without a usable id or type, or with an id seen before, are
// left out, so the result always passes validate(). Never fails: at worst it is empty.
Salvaged salvage(QByteArrayView bytes, Layout layout);

} // namespace TimeFrame
