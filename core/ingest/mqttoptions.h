// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
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

    friend bool operator==(const MqttOptions &, const MqttOptions &) = default;
};

// The MQTT options of a run: the brokers of --mqtt (repeatable) and what --mqtt-time-field,
// --mqtt-ca-file and --mqtt-qos set for every one of them.
struct MqttConfig
{
    QList<MqttOptions> brokers; // as their URLs give them
    QString timeField;
    QString caFile;
    int qos = 1;

    // The brokers with the time field, the CA file and the QoS applied.
    QList<MqttOptions> resolved() const;

    friend bool operator==(const MqttConfig &, const MqttConfig &) = default;
};

// Parses one --mqtt value; nullopt and *error (translated) when malformed.
std::optional<MqttOptions> parseMqttUrl(const QString &url, QString *error);

} // namespace Ingest
