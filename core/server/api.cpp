// SPDX-License-Identifier: GPL-3.0-or-later
#include "api.h"

#include "accesspolicy.h"
#include "guard.h"
#include "livefeed.h"
#include "reply.h"
#include "router.h"
#include "webfiles.h"

#include <QCoreApplication>
#include <QSet>

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::Api", text);
}

} // namespace

Api::Api(const ApiContext &context, LiveFeed *feed)
    : m_context(context)
    , m_feed(feed)
    , m_frames(context)
    , m_ingest(context)
    , m_info(context)
    , m_influx(context)
{ }

void Api::handle(HttpRequest &&request, QHttpServerResponder &&responder, GuardedSocket *socket)
{
    bool streaming = false;
    HttpResponse response = answer(request, responder, socket, &streaming);
    if (!streaming)
        Reply::respond(std::move(responder), socket, m_context.metrics, std::move(response));
}

HttpResponse Api::answer(const HttpRequest &request, QHttpServerResponder &responder,
                         GuardedSocket *socket, bool *streaming)
{
    // Before anything else: a name this server does not answer for (DNS rebinding) reads and
    // writes nothing.
    if (std::optional<HttpResponse> refused =
            m_context.access->checkHost(request, socket ? &socket->hostVerdict() : nullptr))
        return std::move(*refused);
    const Route route = Server::route(request.path);
    const QByteArray &method = request.method;
    if (route.endpoint == Endpoint::None) {
        if (method == "OPTIONS" && request.path == "*")
            return m_context.access->preflight(request, "GET, HEAD, POST, OPTIONS", true);
        return HttpResponse::error(
            404, "not_found",
            tr("There is nothing at %1.").arg(QString::fromUtf8(request.path.left(200))));
    }
    if (method == "OPTIONS")
        return m_context.access->preflight(request, route.allowedMethods(), route.isPost);

    auto methodNotAllowed = [&] {
        HttpResponse r = HttpResponse::error(405, "method_not_allowed",
                                             tr("%1 is not allowed here; allowed: %2.")
                                                 .arg(QString::fromLatin1(method.left(32)),
                                                      QString::fromLatin1(route.allowedMethods())));
        r.addHeader("Allow", route.allowedMethods().toByteArray());
        return r;
    };

    if (route.isPost) {
        if (method != "POST")
            return methodNotAllowed();
        HttpResponse r;
        if (route.endpoint == Endpoint::InfluxWriteV2
            || route.endpoint == Endpoint::InfluxWriteV1) {
            // InfluxDB's tokens and error shape: the endpoint checks the write itself.
            r = m_influx.write(request,
                               route.endpoint == Endpoint::InfluxWriteV2
                                   ? InfluxEndpoints::Version::V2
                                   : InfluxEndpoints::Version::V1);
            m_context.access->addCorsHeaders(request, r, true);
            return r;
        }
        if (std::optional<HttpResponse> refused = m_context.access->checkWrite(request))
            r = std::move(*refused);
        else if (route.endpoint == Endpoint::Ingest)
            r = m_ingest.single(request, route.channel, route.originalPath);
        else
            r = m_ingest.batch(request);
        m_context.access->addCorsHeaders(request, r, true);
        return r;
    }

    if (method != "GET" && method != "HEAD")
        return methodNotAllowed();
    // Health checks come from service managers and load balancers that carry no token.
    if (route.endpoint != Endpoint::Health) {
        if (std::optional<HttpResponse> refused = m_context.access->checkRead(request))
            return std::move(*refused);
    }

    HttpResponse r;
    switch (route.endpoint) {
    case Endpoint::Index:
        r = m_frames.index(request);
        break;
    case Endpoint::Frame:
        r = m_frames.frame(request, route.frameId, route.originalPath);
        break;
    case Endpoint::OpenFrame:
        r = m_frames.openFrame(request);
        break;
    case Endpoint::Channels:
        r = m_info.channels(request);
        break;
    case Endpoint::Health:
        r = m_info.health(request);
        break;
    case Endpoint::Metrics:
        r = m_info.metrics(request);
        break;
    case Endpoint::Time:
        r = m_info.time(request);
        break;
    case Endpoint::WebFile: {
        const WebFile &file = *route.webFile;
        r.contentType = file.contentType;
        r.addHeader("ETag", file.etag);
        // Unversioned names: revalidated on every load, so old and new modules never mix.
        r.addHeader("Cache-Control", "no-cache");
        r.addHeader("X-Content-Type-Options", "nosniff");
        if (ifNoneMatchHits(request.header("if-none-match"), file.etag)) {
            r.status = 304;
            r.contentType.clear();
            break;
        }
        r.body = file.body; // implicitly shared
        r.headOnly = method == "HEAD";
        break;
    }
    case Endpoint::Events: {
        if (method == "HEAD") {
            r.contentType = "text/event-stream; charset=utf-8";
            r.addHeader("Cache-Control", "no-store");
            break;
        }
        QSet<QString> channels;
        if (const std::optional<QByteArray> list = queryItem(request.query, "channels")) {
            for (const QByteArray &id : list->split(',')) {
                if (!id.isEmpty())
                    channels.insert(QString::fromUtf8(id));
            }
        }
        // CORS headers have to be in the stream's head.
        HttpResponse probe;
        m_context.access->addCorsHeaders(request, probe, false);
        m_feed->subscribe(new Reply(std::move(responder), socket, m_context.metrics),
                          std::move(channels), probe.headers);
        *streaming = true;
        return {};
    }
    case Endpoint::None:
    case Endpoint::Ingest:
    case Endpoint::Batch:
    case Endpoint::InfluxWriteV2:
    case Endpoint::InfluxWriteV1:
        break;
    }
    m_context.access->addCorsHeaders(request, r, false);
    return r;
}

} // namespace Server
