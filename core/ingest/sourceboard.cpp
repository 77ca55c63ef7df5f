// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceboard.h"

using namespace Qt::StringLiterals;

namespace Ingest {

QString connectionName(SourceState::Connection connection)
{
    switch (connection) {
    case SourceState::Connection::Connecting:
        return u"connecting"_s;
    case SourceState::Connection::Connected:
        return u"connected"_s;
    case SourceState::Connection::Disconnected:
        break;
    }
    return u"disconnected"_s;
}

int SourceBoard::add(const QString &name)
{
    const QMutexLocker lock(&m_mutex);
    SourceState state;
    state.name = name;
    m_sources.append(state);
    return int(m_sources.size() - 1);
}

void SourceBoard::setConnection(int slot, SourceState::Connection connection, const QString &detail)
{
    const QMutexLocker lock(&m_mutex);
    SourceState &s = m_sources[slot];
    if (connection == SourceState::Connection::Connected
        && s.connection != SourceState::Connection::Connected) {
        if (s.connectedBefore)
            ++s.reconnects;
        s.connectedBefore = true;
    }
    s.connection = connection;
    s.detail = detail;
}

void SourceBoard::countMessage(int slot, bool accepted)
{
    const QMutexLocker lock(&m_mutex);
    ++(accepted ? m_sources[slot].messages : m_sources[slot].refused);
}

QList<SourceState> SourceBoard::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    return m_sources;
}

} // namespace Ingest
