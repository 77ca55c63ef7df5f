// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mqttoptions.h"
#include "sourceboard.h"

#include "engine/engineapi.h"

struct mosquitto;
struct mosquitto_message;
typedef struct mqtt5__property mosquitto_property;

namespace Ingest {

// Subscribes to one broker through libmosquitto (MQTT 5) and hands every message to the engine
// as an event (mqttmessage.h). libmosquitto's own thread runs the connection: it reconnects
// with exponential backoff (1 s to 30 s) and calls back there; the engine is called from that
// thread, so a QoS 1 message is journaled before libmosquitto acknowledges it (docs/INGEST.md).
class MqttSource final
{
public:
    // engine and board must outlive the source.
    MqttSource(Engine::EngineApi *engine, SourceBoard *board, MqttOptions options);
    ~MqttSource();
    MqttSource(const MqttSource &) = delete;
    MqttSource &operator=(const MqttSource &) = delete;

    // Starts connecting (in the background); false and *error only where libmosquitto refuses
    // the options (a CA file it cannot read). A broker that is down is retried, not an error.
    bool start(QString *error);
    void stop();

private:
    static void onConnect(mosquitto *, void *self, int rc, int flags, const mosquitto_property *);
    static void onDisconnect(mosquitto *, void *self, int rc, const mosquitto_property *);
    static void onSubscribe(mosquitto *, void *self, int mid, int count, const int *granted,
                            const mosquitto_property *);
    static void onMessage(mosquitto *, void *self, const mosquitto_message *message,
                          const mosquitto_property *properties);

    Engine::EngineApi *m_engine;
    SourceBoard *m_board;
    MqttOptions m_options;
    int m_slot = -1;
    mosquitto *m_mosq = nullptr;
    bool m_running = false;
    bool m_subscribedOnce = false; // libmosquitto's thread only
};

} // namespace Ingest
