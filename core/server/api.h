// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "frameendpoints.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "infoendpoints.h"
#include "ingestendpoints.h"

namespace Server {

class LiveFeed;
class Reply;

// The HTTP API of one worker thread: routes a request, applies access rules, methods
// (HEAD, OPTIONS, 405) and CORS, and hands it to the endpoint that answers it.
class Api final
{
public:
    Api(const ApiContext &context, LiveFeed *feed);

    void handle(HttpRequest &&request, Reply *reply);

private:
    HttpResponse answer(const HttpRequest &request, Reply *reply, bool *streaming);

    const ApiContext &m_context;
    LiveFeed *m_feed;
    FrameEndpoints m_frames;
    IngestEndpoints m_ingest;
    InfoEndpoints m_info;
};

} // namespace Server
