// SPDX-License-Identifier: GPL-3.0-or-later
#include "influxendpoints.h"

#include "accesspolicy.h"
#include "gzipbody.h"
#include "ingest/lineprotocol.h"
#include "jsonutil.h"
#include "router.h"
#include "servermetrics.h"

#include "engine/engineapi.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::InfluxEndpoints", text);
}

// InfluxDB's error body: {"code":"invalid","message":"..."}.
HttpResponse influxError(int status, QByteArrayView code, QStringView message)
{
    QByteArray body;
    body.reserve(32 + message.size());
    body.append("{\"code\":");
    Json::appendString(body, code);
    body.append(",\"message\":");
    Json::appendString(body, message);
    body.append('}');
    HttpResponse r = HttpResponse::json(status, std::move(body));
    r.errorCode = code.toByteArray();
    return r;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// The request as the access policy reads it: InfluxDB's "Authorization: Token X", v1's
// password (?p= or Basic) given as the Bearer token the rest of the API takes.
HttpRequest withBearerToken(const HttpRequest &request, InfluxEndpoints::Version version)
{
    QByteArray token;
    const QByteArray authorization = request.header("authorization");
    auto scheme = [&](QByteArrayView name) {
        return authorization.size() > name.size()
            && QByteArrayView(authorization).first(name.size()).compare(name, Qt::CaseInsensitive)
            == 0;
    };
    if (scheme("Token "))
        token = authorization.mid(6).trimmed();
    else if (version == InfluxEndpoints::Version::V1 && scheme("Basic ")) {
        const QByteArray userPassword = QByteArray::fromBase64(authorization.mid(6).trimmed());
        if (const qsizetype colon = userPassword.indexOf(':'); colon >= 0)
            token = userPassword.mid(colon + 1);
    } else if (version == InfluxEndpoints::Version::V1 && authorization.isEmpty()) {
        if (std::optional<QByteArray> p = queryItem(request.query, "p"))
            token = std::move(*p);
    }
    if (token.isEmpty())
        return request;
    HttpRequest copy = request; // the body is shared, not copied
    for (auto &header : copy.headers) {
        if (header.first == "authorization")
            header.second = "Bearer " + token;
    }
    if (!copy.hasHeader("authorization"))
        copy.headers.emplaceBack("authorization", "Bearer " + token);
    return copy;
}

} // namespace

HttpResponse InfluxEndpoints::influxShaped(const HttpResponse &response)
{
    const QJsonObject error = QJsonDocument::fromJson(response.body).object();
    QByteArray code;
    switch (response.status) {
    case 401:
        code = "unauthorized";
        break;
    case 403:
        code = "forbidden";
        break;
    case 413:
        code = "request too large";
        break;
    default:
        code = error.value(u"error"_s).toString().toUtf8();
    }
    HttpResponse r = influxError(response.status, code, error.value(u"detail"_s).toString());
    for (const auto &header : response.headers) {
        if (header.first != "Content-Type")
            r.addHeader(header.first, header.second);
    }
    return r;
}

HttpResponse InfluxEndpoints::write(const HttpRequest &request, Version version)
{
    if (std::optional<HttpResponse> refused =
            m_context.access->checkWrite(withBearerToken(request, version)))
        return influxShaped(*refused);

    using namespace Ingest::LineProtocol;
    const std::optional<QByteArray> precisionName = queryItem(request.query, "precision");
    std::optional<Precision> precision = Precision::Nanoseconds;
    if (precisionName && !precisionName->isEmpty())
        precision =
            version == Version::V2 ? precisionV2(*precisionName) : precisionV1(*precisionName);
    if (!precision) {
        return influxError(400, "invalid",
                           version == Version::V2
                               ? tr("precision must be ns, us, ms or s")
                               : tr("precision must be n, ns, u, ms, s, m or h"));
    }

    // late=arrival: a point outside the open frame is stamped on arrival instead of dropped.
    bool lateToArrival = false;
    if (const std::optional<QByteArray> late = queryItem(request.query, "late")) {
        if (*late != "arrival" && *late != "drop")
            return influxError(400, "invalid", tr("late must be drop or arrival"));
        lateToArrival = *late == "arrival";
    }

    QByteArray inflated;
    QByteArrayView body = request.body;
    const QByteArray encoding = request.header("content-encoding").trimmed().toLower();
    if (encoding == "gzip") {
        const qint64 limit = m_context.options.limits.maxBody;
        if (const std::optional<InflateError> error = inflateGzip(body, limit, &inflated)) {
            if (*error == InflateError::TooLarge)
                return influxError(413, "request too large",
                                   tr("the body inflates to more than %1 bytes").arg(limit));
            return influxError(400, "invalid", tr("the body is not valid gzip"));
        }
        body = inflated;
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return influxError(415, "unsupported media type",
                           tr("Content-Encoding must be gzip or identity, not %1")
                               .arg(QString::fromLatin1(encoding.left(64))));
    }

    QList<Engine::Event> events;
    if (const std::optional<LineError> error = parse(body, *precision, &events))
        return influxError(400, "invalid",
                           tr("unable to parse the body: %1").arg(error->message()));
    if (lateToArrival) {
        for (Engine::Event &event : events)
            event.receiveTimeWhenOutside = true;
    }

    // Points outside every unfinished frame are dropped and the rest written, as InfluxDB drops
    // points beyond a retention policy: the engine refuses a batch that has one, names it, and
    // says by its status which frames are open.
    qsizetype dropped = 0;
    qsizetype conflicts = 0;
    QString conflictMessage;
    qint64 openFrom = 0;
    qint64 openUntil = 0;
    qsizetype written = 0;
    for (int attempt = 0; !events.isEmpty(); ++attempt) {
        const Engine::IngestResult result = m_context.engine->ingest(events);
        if (result.ok()) {
            written = result.acks.size();
            break;
        }
        const Engine::IngestFailure &failure = *result.failure;
        const qsizetype at = failure.index;
        if (attempt >= 32 || at < 0 || at >= events.size()
            || (failure.error != Engine::IngestError::OutsideOpenFrame
                && failure.error != Engine::IngestError::TypeConflict)) {
            if (failure.error == Engine::IngestError::StorageUnavailable
                || failure.error == Engine::IngestError::Stopped) {
                HttpResponse r = influxError(503, "unavailable", failure.message);
                r.addHeader("Retry-After", "1");
                return r;
            }
            return influxError(422, "unprocessable entity", failure.message);
        }
        if (failure.error == Engine::IngestError::TypeConflict) {
            // Every point of that series goes; the channel holds another type in its frame.
            const QString channel = events[at].channel;
            conflictMessage = failure.message;
            conflicts +=
                events.removeIf([&](const Engine::Event &e) { return e.channel == channel; });
            continue;
        }
        const Engine::Status status = m_context.engine->status();
        openFrom = status.openFrameId;
        openUntil = status.openFrameEndAt;
        const qsizetype before = events.size();
        events.removeIf([&](const Engine::Event &e) {
            return e.timestamp
                && (*e.timestamp < openFrom || (openUntil > 0 && *e.timestamp >= openUntil));
        });
        if (events.size() == before)
            events.removeAt(at); // the status moved on since the refusal: drop the one named
        dropped += before - events.size();
    }
    if (written > 0)
        m_context.metrics->eventsAccepted(written, body.size());

    if (dropped + conflicts > 0) {
        QString why;
        if (dropped > 0)
            why = tr("points outside the unfinished frames [%1, %2)")
                      .arg(timeText(openFrom), timeText(openUntil));
        if (conflicts > 0)
            why += (why.isEmpty() ? QString() : u"; "_s) + conflictMessage;
        return influxError(422, "unprocessable entity",
                           tr("partial write: %1 dropped=%2").arg(why).arg(dropped + conflicts));
    }
    HttpResponse r;
    r.status = 204;
    return r;
}

} // namespace Server
