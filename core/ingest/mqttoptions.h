// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Ingest {

// One broker to subscribe to: --mqtt mqtt[s]://[user:pass@]host[:port]/FILTER[,FILTER...]
// (docs/INGEST.md).
struct MqttOptions
{
    QString host;
    int port = 1883; // 8883 for mqtts
    bool tls = false;
    QString user;
    QString password;
    QStringList filters; // topic filters, + and # allowed
    QString caFile; // mqtts: the CA certificates (PEM); empty: the system's
    QString timeField; // a JSON payload's member holding the event's time; empty: arrival
    int qos = 1;

    // The URL without the password, as /healthz and the window name the source.
    QString displayName() const;
};

// Parses one --mqtt value; nullopt and *error (translated) when malformed.
std::optional<MqttOptions> parseMqttUrl(const QString &url, QString *error);

} // namespace Ingest
