// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace TimeFrame {
enum class Layout;
}

namespace Server {

// The events of one POST /batch body, before the open frame's bounds decide which producer
// timestamps are kept.
struct DecodedBatch
{
    QList<Engine::Event> events;
    std::vector<std::optional<qint64>> timestamps; // as given, one per event
    qint64 payloadBytes = 0;
};

struct BatchError
{
    int status = 400;
    QByteArray code;
    QString detail;
};

// A TimeFrame body: items keep their channel, type and timestamp. JSON-typed items must parse.
// With no layout given the layout is guessed from the metadata.
std::optional<BatchError> decodeTimeFrameBatch(const QByteArray &body,
                                               std::optional<TimeFrame::Layout> layout,
                                               DecodedBatch *out);

// NDJSON: one {"channel","type","ts","json"|"base64"} object per line; empty lines are skipped.
std::optional<BatchError> decodeNdjsonBatch(const QByteArray &body, DecodedBatch *out);

// Keeps each given timestamp that lies in [openStart, openEnd); the others become receive time.
void applyOpenFrame(DecodedBatch &batch, qint64 openStart, qint64 openEnd);

} // namespace Server
