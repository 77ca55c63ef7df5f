// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QByteArrayView>
#include <QString>

// How one MQTT message becomes an event (docs/INGEST.md, "MQTT").
namespace Ingest::MqttMessage {

// The channel of a topic: the topic itself, with '%', control characters and bytes that are not
// UTF-8 written as %XX; one longer than a channel id may be keeps its first bytes and ends in
// '~' and 16 hex digits of a hash of the whole topic, so two long topics stay two channels.
QString channelForTopic(QByteArrayView topic);

// The type: the MQTT 5 content type where set (without parameters), else application/json when
// the payload parses as JSON, else text/plain when it is UTF-8, else application/octet-stream.
QString typeFor(QByteArrayView payload, QByteArrayView contentType);

// The time a JSON payload names in its member `field`: a number of UNIX ms, or an ISO 8601
// date-time string; nullopt where absent or not one of these (the arrival time is used then).
std::optional<qint64> timeFromField(QByteArrayView payload, const QString &field);

// The event of one message.
Engine::Event toEvent(QByteArrayView topic, QByteArrayView payload, QByteArrayView contentType,
                      const QString &timeField);

} // namespace Ingest::MqttMessage
