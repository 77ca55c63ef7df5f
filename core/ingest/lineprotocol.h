// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// The InfluxDB line protocol (docs/INGEST.md): one line, one event. The channel is the line's
// series key (the measurement, then ",key=value" for every tag sorted by key, escaped as the
// protocol escapes them), the type application/json, the data one JSON object of the line's
// fields, the timestamp the line's in UNIX ms (cut toward minus infinity), or none (the engine
// stamps the arrival time).
namespace Ingest::LineProtocol {

// What a timestamp counts: InfluxDB's "precision" parameter.
enum class Precision { Nanoseconds, Microseconds, Milliseconds, Seconds, Minutes, Hours };

// The precision names of the v2 API (ns, us, ms, s) and of the v1 API (n, ns, u, ms, s, m, h);
// nullopt for any other name.
std::optional<Precision> precisionV2(QByteArrayView name);
std::optional<Precision> precisionV1(QByteArrayView name);

// Why a body was refused: the first malformed line (1-based, counting every line feed of the
// body) and what is wrong with it, translated.
struct LineError
{
    qsizetype line = 0;
    QString reason;
    QString message() const; // "line 3: ..."
};

// Parses a whole body into events, one per line, in order; blank lines and comments (#) are
// skipped. Any malformed line refuses the whole body: nothing is appended then.
[[nodiscard]] std::optional<LineError> parse(QByteArrayView body, Precision precision,
                                             QList<Engine::Event> *out);

// The channel type of every line.
QString channelType();

} // namespace Ingest::LineProtocol
