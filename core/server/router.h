// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Server {

enum class Endpoint {
    None, // no such path: 404
    Index, // GET /frame
    OpenFrame, // GET /frame/current
    Frame, // GET /{frameId}, GET /frame/{frameId}
    Ingest, // POST /channel/{id}, POST /event/{id}
    Batch, // POST /batch
    InfluxWriteV2, // POST /api/v2/write (InfluxDB line protocol)
    InfluxWriteV1, // POST /write (InfluxDB 1.x line protocol)
    Events, // GET /events
    Channels, // GET /channels
    Health, // GET /healthz
    Metrics, // GET /metrics
    Time, // GET /time
    WebFile, // GET /, GET /{file of the web player}
};

struct WebFile;

// Where a path leads, and which methods it answers.
struct Route
{
    Endpoint endpoint = Endpoint::None;
    qint64 frameId = 0; // Frame
    QByteArray channel; // Ingest: the id, percent-decoded UTF-8 (not yet validated)
    const WebFile *webFile = nullptr; // WebFile
    bool isPost = false; // the path takes POST (else GET and HEAD)
    // Frame, Ingest: asked on the original server's path (/frame/{frameId}, /event/{id}), which
    // answers as the original did (docs/API.md, "The original server's paths").
    bool originalPath = false;

    QByteArrayView allowedMethods() const
    {
        return isPost ? QByteArrayView("POST, OPTIONS") : QByteArrayView("GET, HEAD, OPTIONS");
    }
};

// Maps a percent-encoded request path to an endpoint. Frame ids are decimal, signed 64-bit;
// anything else in their place is no frame. The web player's files come after the API and the
// frames; what is none of these is nothing (404).
Route route(QByteArrayView path);

// The percent-decoded value of the first `key=value` in a query string; nullopt where absent.
std::optional<QByteArray> queryItem(QByteArrayView query, QByteArrayView key);

// A qint64 in base 10 or 16 (digits, an optional leading '-', nothing else), all of it; nullopt
// for anything else, including overflow. The one integer parser of the server.
std::optional<qint64> parseInteger(QByteArrayView text, int base = 10);

// Checks a channel id: non-empty, at most 128 bytes of UTF-8, no control characters.
// Returns an empty string when valid, else why not.
QString channelIdProblem(QByteArrayView utf8Id);

} // namespace Server
