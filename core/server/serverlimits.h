// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Server {

// What a client may ask of the server. Every limit is checked before the bytes it concerns are
// buffered, so a hostile client costs at most these amounts per connection.
struct ServerLimits
{
    static constexpr qint64 kDefaultMaxBody = qint64(16) << 20;

    qsizetype maxRequestLine = 8 * 1024; // method, target and version: 414 beyond
    qsizetype maxHeaderBytes = 32 * 1024; // all header lines together: 431 beyond
    int maxHeaders = 100; // header lines: 431 beyond
    qint64 maxBody = kDefaultMaxBody; // decoded body bytes: 413 beyond
    int idleTimeoutMs = 30'000; // a connection with nothing in flight closes after this
    int headerTimeoutMs = 10'000; // from a head's first byte to its end: 408 beyond
    // A body slower than this on average, once bodyGraceMs have passed since the head: 408.
    qint64 minBodyBytesPerSecond = 1024;
    int bodyGraceMs = 10'000;
    int maxConnections = 1024; // over all worker threads: 503 beyond
    int maxConnectionsPerPeer = 64; // from one client address: 503 beyond
    qint64 maxSubscriberBacklog = qint64(4) << 20; // unsent live-feed bytes before a drop
    // Unsent live-feed bytes of all subscribers together: beyond it the slowest are dropped.
    qint64 maxLiveBacklog = qint64(64) << 20;
};

} // namespace Server
