// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMutex>
#include <QString>

namespace Ingest {

// What /healthz, /metrics and the window show of one source (an MQTT broker connection).
struct SourceState
{
    enum class Connection { Connecting, Connected, Disconnected };

    QString name; // the broker URL without its password
    Connection connection = Connection::Connecting;
    QString detail; // why it is not connected, translated; empty when connected
    qint64 messages = 0; // accepted by the engine
    qint64 refused = 0; // refused by the engine (type conflict, outside the open frame, ...)
    qint64 reconnects = 0; // connections after the first
    bool connectedBefore = false;
};

QString connectionName(SourceState::Connection connection); // "connected", ...

// The states of the running sources; safe from any thread.
class SourceBoard
{
public:
    // Registers a source and returns its slot.
    int add(const QString &name);
    void setConnection(int slot, SourceState::Connection connection, const QString &detail = {});
    void countMessage(int slot, bool accepted);
    QList<SourceState> snapshot() const;

private:
    mutable QMutex m_mutex;
    QList<SourceState> m_sources;
};

} // namespace Ingest
