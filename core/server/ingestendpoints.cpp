// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestendpoints.h"

#include "batchdecoder.h"
#include "format/timeframe.h"
#include "jsonutil.h"
#include "router.h"
#include "servermetrics.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::IngestEndpoints", text);
}

// The media type of a Content-Type, without parameters, in lower case; empty where malformed.
QByteArray mediaType(const HttpRequest &request, bool *given)
{
    QByteArray value = request.header("content-type");
    *given = !value.isEmpty();
    if (const qsizetype semi = value.indexOf(';'); semi >= 0)
        value.truncate(semi);
    value = value.trimmed().toLower();
    const qsizetype slash = value.indexOf('/');
    if (slash <= 0 || slash == value.size() - 1 || value.indexOf('/', slash + 1) >= 0)
        return {};
    for (char c : value) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f || c == '"' || c == ',')
            return {};
    }
    return value;
}

QByteArray ackJson(const Engine::Ack &ack)
{
    QByteArray out;
    out.reserve(64 + ack.channel.size());
    out.append("{\"channel\":");
    Json::appendString(out, QStringView(ack.channel));
    out.append(",\"frameId\":");
    Json::appendNumber(out, ack.frameId);
    out.append(",\"timestamp\":");
    Json::appendNumber(out, ack.timestamp);
    out.append('}');
    return out;
}

} // namespace

HttpResponse IngestEndpoints::failureResponse(const Engine::IngestFailure &failure)
{
    switch (failure.error) {
    case Engine::IngestError::InvalidChannel:
        return HttpResponse::error(400, "invalid_channel", failure.message);
    case Engine::IngestError::TypeConflict:
        return HttpResponse::error(409, "type_conflict", failure.message);
    case Engine::IngestError::OutsideOpenFrame:
        return HttpResponse::error(422, "outside_open_frame", failure.message);
    case Engine::IngestError::StorageUnavailable: {
        HttpResponse r = HttpResponse::error(503, "storage_unavailable", failure.message);
        r.addHeader("Retry-After", "1");
        return r;
    }
    case Engine::IngestError::Stopped:
        break;
    }
    return HttpResponse::error(503, "engine_stopped",
                               failure.message.isEmpty() ? tr("The engine is not running.")
                                                         : failure.message);
}

HttpResponse IngestEndpoints::single(const HttpRequest &request, const QByteArray &channelUtf8,
                                     bool originalPath)
{
    if (const QString problem = channelIdProblem(channelUtf8); !problem.isEmpty())
        return HttpResponse::error(400, "invalid_channel", problem);

    bool given = false;
    QByteArray type = mediaType(request, &given);
    if (!given)
        type = "application/octet-stream";
    else if (type.isEmpty())
        return HttpResponse::error(415, "unsupported_media_type",
                                   tr("The Content-Type is not a MIME type (type/subtype)."));
    if (Json::isJsonType(QByteArrayView(type)) && !Json::isValid(request.body))
        return HttpResponse::error(400, "invalid_json",
                                   tr("The body is not valid JSON, as its type %1 requires.")
                                       .arg(QString::fromLatin1(type)));

    Engine::Event event {QString::fromUtf8(channelUtf8), QString::fromLatin1(type), request.body,
                         std::nullopt};
    if (const std::optional<QByteArray> ts = queryItem(request.query, "ts")) {
        const std::optional<qint64> value = parseInteger(*ts);
        if (!value)
            return HttpResponse::error(400, "bad_parameter",
                                       tr("\"ts\" must be a whole number of milliseconds."));
        event.timestamp = *value;
    }
    const Engine::IngestResult result = m_context.engine->ingest(QList<Engine::Event> {event});
    if (!result.ok())
        return failureResponse(*result.failure);
    if (result.acks.isEmpty())
        return HttpResponse::error(503, "engine_stopped", tr("The engine acknowledged nothing."));
    m_context.metrics->eventsAccepted(1, request.body.size());
    HttpResponse r;
    if (!originalPath)
        r = HttpResponse::json(200, ackJson(result.acks.front()));
    r.addHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse IngestEndpoints::batch(const HttpRequest &request)
{
    bool given = false;
    const QByteArray type = mediaType(request, &given);
    DecodedBatch decoded;
    std::optional<BatchError> error;
    if (type == "application/vnd.syncstreamer.timeframe") {
        std::optional<TimeFrame::Layout> layout;
        if (const std::optional<QByteArray> name = queryItem(request.query, "layout")) {
            layout = TimeFrame::layoutFromName(QString::fromUtf8(*name));
            if (!layout)
                return HttpResponse::error(400, "bad_parameter",
                                           tr("\"layout\" must be \"documented\" or "
                                              "\"reference\"."));
        }
        error = decodeTimeFrameBatch(request.body, layout, &decoded);
    } else if (type == "application/x-ndjson" || type == "application/jsonl") {
        error = decodeNdjsonBatch(request.body, &decoded);
    } else {
        return HttpResponse::error(415, "unsupported_media_type",
                                   tr("A batch is application/vnd.syncstreamer.timeframe or "
                                      "application/x-ndjson."));
    }
    if (error)
        return HttpResponse::error(error->status, error->code, error->detail);

    Engine::IngestResult result;
    if (!decoded.events.isEmpty()) {
        result = m_context.engine->ingest(decoded.events);
        if (!result.ok()) {
            HttpResponse r = failureResponse(*result.failure);
            if (result.failure->index >= 0) {
                QByteArray body = Json::error(
                    r.errorCode,
                    tr("Event %1: %2").arg(result.failure->index).arg(result.failure->message));
                r.body = std::move(body);
            }
            return r;
        }
    }
    m_context.metrics->eventsAccepted(decoded.events.size(), decoded.payloadBytes);

    QByteArray body = "{\"accepted\":";
    Json::appendNumber(body, decoded.events.size());
    if (!result.acks.isEmpty()) {
        body.append(",\"frameId\":");
        Json::appendNumber(body, result.acks.back().frameId);
    }
    body.append('}');
    HttpResponse r = HttpResponse::json(200, std::move(body));
    r.addHeader("Cache-Control", "no-store");
    return r;
}

} // namespace Server
