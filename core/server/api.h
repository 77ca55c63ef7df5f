// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "connection.h"
#include "frameendpoints.h"
#include "infoendpoints.h"
#include "ingestendpoints.h"

namespace Server {

class LiveFeed;

// The HTTP API of one worker thread: routes a request, applies access rules, methods
// (HEAD, OPTIONS, 405) and CORS, and hands it to the endpoint that answers it.
class Api final : public RequestHandler
{
public:
    Api(const ApiContext &context, LiveFeed *feed);

    void handle(HttpRequest &&request, Connection *connection) override;

private:
    HttpResponse answer(const HttpRequest &request, Connection *connection, bool *streaming);

    const ApiContext &m_context;
    LiveFeed *m_feed;
    FrameEndpoints m_frames;
    IngestEndpoints m_ingest;
    InfoEndpoints m_info;
};

} // namespace Server
