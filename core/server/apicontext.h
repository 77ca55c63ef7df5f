// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serveroptions.h"

namespace Engine {
class EngineApi;
}
namespace Ingest {
class SourceBoard;
}

namespace Server {

class AccessPolicy;
class ChannelRates;
class PeerConnections;
class ServerMetrics;

// What every endpoint may use; owned by the HttpServer, shared by its worker threads (each
// member is either immutable after start or safe to use from any thread).
struct ApiContext
{
    Engine::EngineApi *engine = nullptr;
    ServerOptions options;
    ServerMetrics *metrics = nullptr;
    const AccessPolicy *access = nullptr;
    ChannelRates *rates = nullptr;
    PeerConnections *peers = nullptr;
    const Ingest::SourceBoard *sources = nullptr; // MQTT brokers, for /healthz and /metrics
    qint64 startedAtMs = 0; // steady clock (GuardedSocket::steadyNowMs())
};

} // namespace Server
