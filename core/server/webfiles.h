// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Registers the web player's resources (resources/web.qrc) of the static core library.
// Idempotent; called by the server before it answers anything.
void syncstreamerInitWebResources();

namespace Server {

// One file of the web player, read from ":/web/<name>" once.
struct WebFile
{
    QByteArray body;
    QByteArray contentType;
    QByteArray etag; // strong, quoted: a hash of the bytes
};

// The web player's file for a request path ("/" is index.html), or nullptr. Only the names in
// the resource tree match, byte for byte: no decoding, no dot segments.
const WebFile *webFile(QByteArrayView path);

} // namespace Server
