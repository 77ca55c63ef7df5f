// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttsource.h"

#include "mqttmessage.h"

#include <QCoreApplication>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <cstdlib>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Ingest {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ingest::MqttSource", text);
}

QString clientId()
{
    static std::atomic<int> counter {0};
    return u"syncstreamer-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
}

} // namespace

MqttSource::MqttSource(Engine::EngineApi *engine, SourceBoard *board, MqttOptions options)
    : m_engine(engine)
    , m_board(board)
    , m_options(std::move(options))
{
    static std::once_flag init;
    std::call_once(init, [] { mosquitto_lib_init(); });
    m_slot = m_board->add(m_options.displayName());
}

MqttSource::~MqttSource()
{
    stop();
}

bool MqttSource::start(QString *error)
{
    m_mosq = mosquitto_new(clientId().toUtf8().constData(), true, this);
    if (!m_mosq) {
        *error = tr("Cannot create an MQTT client.");
        return false;
    }
    mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    if (!m_options.user.isEmpty()) {
        mosquitto_username_pw_set(
            m_mosq, m_options.user.toUtf8().constData(),
            m_options.password.isEmpty() ? nullptr : m_options.password.toUtf8().constData());
    }
    if (m_options.tls) {
        const QByteArray ca = m_options.caFile.toLocal8Bit();
        const int rc = ca.isEmpty()
            ? mosquitto_tls_set(m_mosq, nullptr, "/etc/ssl/certs", nullptr, nullptr, nullptr)
            : mosquitto_tls_set(m_mosq, ca.constData(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            *error = tr("MQTT over TLS to %1: %2")
                         .arg(m_options.displayName(), QString::fromUtf8(mosquitto_strerror(rc)));
            return false;
        }
    }
    mosquitto_reconnect_delay_set(m_mosq, 1, 30, true);
    mosquitto_connect_v5_callback_set(m_mosq, &MqttSource::onConnect);
    mosquitto_disconnect_v5_callback_set(m_mosq, &MqttSource::onDisconnect);
    mosquitto_subscribe_v5_callback_set(m_mosq, &MqttSource::onSubscribe);
    mosquitto_message_v5_callback_set(m_mosq, &MqttSource::onMessage);
    // A broker that is not there yet is retried by the loop, with the same backoff.
    const int rc =
        mosquitto_connect_async(m_mosq, m_options.host.toUtf8().constData(), m_options.port, 30);
    if (rc != MOSQ_ERR_SUCCESS)
        m_board->setConnection(m_slot, SourceState::Connection::Disconnected,
                               QString::fromUtf8(mosquitto_strerror(rc)));
    if (mosquitto_loop_start(m_mosq) != MOSQ_ERR_SUCCESS) {
        *error = tr("Cannot start the MQTT client's thread.");
        return false;
    }
    m_running = true;
    return true;
}

void MqttSource::stop()
{
    if (!m_mosq)
        return;
    if (m_running) {
        mosquitto_disconnect(m_mosq);
        mosquitto_loop_stop(m_mosq, false);
        m_running = false;
    }
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
}

void MqttSource::onConnect(mosquitto *mosq, void *self, int rc, int, const mosquitto_property *)
{
    auto *source = static_cast<MqttSource *>(self);
    if (rc != 0) {
        source->m_board->setConnection(source->m_slot, SourceState::Connection::Disconnected,
                                       QString::fromUtf8(mosquitto_reason_string(rc)));
        return;
    }
    QList<QByteArray> filters;
    for (const QString &filter : std::as_const(source->m_options.filters))
        filters.append(filter.toUtf8());
    QList<char *> pointers;
    for (QByteArray &filter : filters)
        pointers.append(filter.data());
    // Retained messages come with the first subscription only: after a reconnect they would
    // arrive a second time.
    const int options = source->m_subscribedOnce ? MQTT_SUB_OPT_SEND_RETAIN_NEVER : 0;
    const int sub =
        mosquitto_subscribe_multiple(mosq, nullptr, int(pointers.size()), pointers.data(),
                                     source->m_options.qos, options, nullptr);
    if (sub != MOSQ_ERR_SUCCESS)
        source->m_board->setConnection(source->m_slot, SourceState::Connection::Disconnected,
                                       QString::fromUtf8(mosquitto_strerror(sub)));
}

void MqttSource::onSubscribe(mosquitto *, void *self, int, int count, const int *granted,
                             const mosquitto_property *)
{
    auto *source = static_cast<MqttSource *>(self);
    for (int i = 0; i < count; ++i) {
        if (granted[i] >= 0x80) {
            source->m_board->setConnection(
                source->m_slot, SourceState::Connection::Disconnected,
                tr("The broker refused the subscription to %1: %2")
                    .arg(source->m_options.filters.value(i),
                         QString::fromUtf8(mosquitto_reason_string(granted[i]))));
            return;
        }
    }
    source->m_subscribedOnce = true;
    source->m_board->setConnection(source->m_slot, SourceState::Connection::Connected);
}

void MqttSource::onDisconnect(mosquitto *, void *self, int rc, const mosquitto_property *)
{
    auto *source = static_cast<MqttSource *>(self);
    source->m_board->setConnection(source->m_slot, SourceState::Connection::Disconnected,
                                   rc == 0 ? tr("stopped")
                                           : QString::fromUtf8(mosquitto_strerror(rc)));
}

void MqttSource::onMessage(mosquitto *, void *self, const mosquitto_message *message,
                           const mosquitto_property *properties)
{
    auto *source = static_cast<MqttSource *>(self);
    char *contentType = nullptr;
    mosquitto_property_read_string(properties, MQTT_PROP_CONTENT_TYPE, &contentType, false);
    const Engine::Event event = MqttMessage::toEvent(
        QByteArrayView(message->topic),
        QByteArrayView(static_cast<const char *>(message->payload), message->payloadlen),
        contentType ? QByteArrayView(contentType) : QByteArrayView(), source->m_options.timeField);
    std::free(contentType);
    // Journaled before this returns, and libmosquitto acknowledges a QoS 1 message after it.
    const Engine::IngestResult result = source->m_engine->ingest(event);
    source->m_board->countMessage(source->m_slot, result.ok());
}

} // namespace Ingest
