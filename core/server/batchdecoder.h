// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace TimeFrame {
enum class Layout;
}

namespace Server {

// The events of one POST /batch body; the engine judges their timestamps.
struct DecodedBatch
{
    QList<Engine::Event> events;
    qint64 payloadBytes = 0;
};

struct BatchError
{
    int status = 400;
    QByteArray code;
    QString detail;
};

// A TimeFrame body: items keep their channel, type and timestamp (one outside the open frame
// gives way to the receive time). JSON-typed items must parse.
// With no layout given the layout is guessed from the metadata.
std::optional<BatchError> decodeTimeFrameBatch(const QByteArray &body,
                                               std::optional<TimeFrame::Layout> layout,
                                               DecodedBatch *out);

// NDJSON: one {"channel","type","ts","json"|"base64"} object per line; empty lines are skipped.
// The bytes of "json" are kept as sent.
std::optional<BatchError> decodeNdjsonBatch(const QByteArray &body, DecodedBatch *out);

} // namespace Server
