// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "frameendpoints.h"
#include "httprequest.h"
#include "httpresponse.h"

#include "influxendpoints.h"
#include "infoendpoints.h"
#include "ingestendpoints.h"
#include <QHttpServerResponder>

namespace Server {

class GuardedSocket;
class LiveFeed;

// The HTTP API of one worker thread: routes a request, applies access rules, methods
// (HEAD, OPTIONS, 405) and CORS, and hands it to the endpoint that answers it.
class Api final
{
public:
    Api(const ApiContext &context, LiveFeed *feed);

    // Answers through the responder, now or (a large body, a stream) later.
    void handle(HttpRequest &&request, QHttpServerResponder &&responder, GuardedSocket *socket);

private:
    HttpResponse answer(const HttpRequest &request, QHttpServerResponder &responder,
                        GuardedSocket *socket, bool *streaming);

    const ApiContext &m_context;
    LiveFeed *m_feed;
    FrameEndpoints m_frames;
    IngestEndpoints m_ingest;
    InfoEndpoints m_info;
    InfluxEndpoints m_influx;
};

} // namespace Server
