// SPDX-License-Identifier: GPL-3.0-or-later
#include "servermetrics.h"

#include "ingest/sourceboard.h"

#include "engine/engineapi.h"

#include <cstring>

namespace Server {

const std::array<const char *, 24> ServerMetrics::kErrorCodes = {
    "bad_request_line",
    "bad_header",
    "bad_host",
    "bad_content_length",
    "bad_transfer_encoding",
    "bad_chunk",
    "request_line_too_long",
    "header_too_large",
    "too_many_headers",
    "body_too_large",
    "request_timeout",
    "not_found",
    "method_not_allowed",
    "invalid_json",
    "invalid_channel",
    "type_conflict",
    "outside_open_frame",
    "storage_unavailable",
    "unauthorized",
    "forbidden",
    "unsupported_media_type",
    "range_not_satisfiable",
    "invalid_batch",
    "bad_parameter",
};

namespace {

void appendMetric(QByteArray &out, const char *name, const char *type, const char *help)
{
    out.append("# HELP ");
    out.append(name);
    out.append(' ');
    out.append(help);
    out.append("\n# TYPE ");
    out.append(name);
    out.append(' ');
    out.append(type);
    out.append('\n');
}

void appendValue(QByteArray &out, const char *name, qint64 value)
{
    out.append(name);
    out.append(' ');
    out.append(QByteArray::number(value));
    out.append('\n');
}

} // namespace

void ServerMetrics::appendSourceMetrics(QByteArray &out, const QList<Ingest::SourceState> &sources)
{
    using Ingest::SourceState;
    const struct
    {
        const char *name;
        const char *type;
        const char *help;
        qint64 (*value)(const SourceState &);
    } metrics[] = {
        {"syncstreamer_mqtt_connected", "gauge", "1 while subscribed to the broker, else 0.",
         [](const SourceState &s) {
             return qint64(s.connection == SourceState::Connection::Connected);
         }},
        {"syncstreamer_mqtt_messages_total", "counter", "MQTT messages the engine accepted.",
         [](const SourceState &s) {
             return s.messages;
         }},
        {"syncstreamer_mqtt_refused_total", "counter", "MQTT messages the engine refused.",
         [](const SourceState &s) {
             return s.refused;
         }},
        {"syncstreamer_mqtt_reconnects_total", "counter",
         "Connections to the broker after the first.",
         [](const SourceState &s) {
             return s.reconnects;
         }},
    };
    for (const auto &metric : metrics) {
        appendMetric(out, metric.name, metric.type, metric.help);
        for (const SourceState &source : sources) {
            QByteArray name = source.name.toUtf8();
            name.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
            appendValue(
                out, QByteArray(metric.name + QByteArray("{source=\"") + name + "\"}").constData(),
                metric.value(source));
        }
    }
}

ServerMetrics::ServerMetrics()
{
    for (auto &c : m_byStatus)
        c.store(0, std::memory_order_relaxed);
    for (auto &c : m_byError)
        c.store(0, std::memory_order_relaxed);
}

void ServerMetrics::countResponse(int status, QByteArrayView errorCode)
{
    if (status >= 100 && status < int(m_byStatus.size()))
        m_byStatus[size_t(status)].fetch_add(1, std::memory_order_relaxed);
    if (errorCode.isEmpty())
        return;
    for (size_t i = 0; i < kErrorCodes.size(); ++i) {
        if (errorCode == kErrorCodes[i]) {
            m_byError[i].fetch_add(1, std::memory_order_relaxed);
            return;
        }
    }
    m_byError.back().fetch_add(1, std::memory_order_relaxed);
}

quint64 ServerMetrics::responses(int status) const
{
    if (status < 100 || status >= int(m_byStatus.size()))
        return 0;
    return m_byStatus[size_t(status)].load(std::memory_order_relaxed);
}

quint64 ServerMetrics::errors(QByteArrayView code) const
{
    for (size_t i = 0; i < kErrorCodes.size(); ++i) {
        if (code == kErrorCodes[i])
            return m_byError[i].load(std::memory_order_relaxed);
    }
    return m_byError.back().load(std::memory_order_relaxed);
}

QByteArray ServerMetrics::render(const Engine::Status &status, qint64 uptimeMs) const
{
    QByteArray out;
    out.reserve(4096);
    appendMetric(out, "syncstreamer_events_accepted_total", "counter",
                 "Events accepted over HTTP (single and batch).");
    appendValue(out, "syncstreamer_events_accepted_total", qint64(m_events.load()));
    appendMetric(out, "syncstreamer_event_bytes_total", "counter",
                 "Payload bytes of the events accepted over HTTP.");
    appendValue(out, "syncstreamer_event_bytes_total", qint64(m_eventBytes.load()));
    appendMetric(out, "syncstreamer_engine_events_total", "counter",
                 "Events the engine accepted since it started, from any source.");
    appendValue(out, "syncstreamer_engine_events_total", status.eventsAccepted);
    appendMetric(out, "syncstreamer_frames_finished_total", "counter",
                 "Frames finished while the server ran.");
    appendValue(out, "syncstreamer_frames_finished_total", qint64(m_framesFinished.load()));
    appendMetric(out, "syncstreamer_frames_retained", "gauge",
                 "Finished frames retained in memory or on disk.");
    appendValue(out, "syncstreamer_frames_retained", status.framesRetained);
    appendMetric(out, "syncstreamer_bytes_on_disk", "gauge", "Bytes of archived frames.");
    appendValue(out, "syncstreamer_bytes_on_disk", status.bytesOnDisk);
    appendMetric(out, "syncstreamer_frame_bytes_sent_total", "counter",
                 "Bytes of finished frames answered to GET requests.");
    appendValue(out, "syncstreamer_frame_bytes_sent_total", qint64(m_frameBytes.load()));
    appendMetric(out, "syncstreamer_storage_available", "gauge",
                 "1 while the journal accepts events, 0 while storage is unavailable.");
    appendValue(out, "syncstreamer_storage_available",
                status.storage == Engine::StorageState::Ok ? 1 : 0);
    appendMetric(out, "syncstreamer_live_subscribers", "gauge",
                 "Clients connected to GET /events.");
    appendValue(out, "syncstreamer_live_subscribers", m_subscribers.load());
    appendMetric(out, "syncstreamer_live_backlog_bytes", "gauge",
                 "Live-feed bytes waiting to be sent to subscribers (--max-live-backlog).");
    appendValue(out, "syncstreamer_live_backlog_bytes", m_liveBacklog.load());
    appendMetric(out, "syncstreamer_live_subscribers_dropped_total", "counter",
                 "Live subscribers dropped because they did not keep up.");
    appendValue(out, "syncstreamer_live_subscribers_dropped_total",
                qint64(m_subscribersDropped.load()));
    appendMetric(out, "syncstreamer_http_connections", "gauge", "Open HTTP connections.");
    appendValue(out, "syncstreamer_http_connections", m_connections.load());
    appendMetric(out, "syncstreamer_http_connections_refused_total", "counter",
                 "Connections refused because the connection cap was reached.");
    appendValue(out, "syncstreamer_http_connections_refused_total",
                qint64(m_connectionsRefused.load()));

    appendMetric(out, "syncstreamer_http_requests_total", "counter",
                 "HTTP responses by status code.");
    for (size_t s = 100; s < m_byStatus.size(); ++s) {
        const quint64 n = m_byStatus[s].load(std::memory_order_relaxed);
        if (n == 0)
            continue;
        out.append("syncstreamer_http_requests_total{code=\"");
        out.append(QByteArray::number(qulonglong(s)));
        out.append("\"} ");
        out.append(QByteArray::number(n));
        out.append('\n');
    }
    appendMetric(out, "syncstreamer_http_errors_total", "counter",
                 "HTTP error answers by their \"error\" code.");
    for (size_t i = 0; i < m_byError.size(); ++i) {
        out.append("syncstreamer_http_errors_total{error=\"");
        out.append(i < kErrorCodes.size() ? kErrorCodes[i] : "other");
        out.append("\"} ");
        out.append(QByteArray::number(m_byError[i].load(std::memory_order_relaxed)));
        out.append('\n');
    }
    appendMetric(out, "syncstreamer_uptime_seconds", "gauge", "Seconds since the server started.");
    appendValue(out, "syncstreamer_uptime_seconds", uptimeMs / 1000);
    return out;
}

} // namespace Server
