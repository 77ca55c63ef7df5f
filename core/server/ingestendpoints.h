// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "engine/engineapi.h"
#include "httprequest.h"
#include "httpresponse.h"

namespace Server {

// POST /channel/{id} (alias /event/{id}) and POST /batch.
class IngestEndpoints
{
public:
    explicit IngestEndpoints(const ApiContext &context)
        : m_context(context)
    { }

    // `originalPath`: POST /event/{id}, acknowledged as the original server did, with an empty
    // body (its producers never read one, and a body left unread costs them the connection).
    HttpResponse single(const HttpRequest &request, const QByteArray &channelUtf8,
                        bool originalPath);
    HttpResponse batch(const HttpRequest &request);

    // The answer to an ingest the engine refused.
    static HttpResponse failureResponse(const Engine::IngestFailure &failure);

private:
    const ApiContext &m_context;
};

} // namespace Server
