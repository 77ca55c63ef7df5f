// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "httprequest.h"
#include "httpresponse.h"

namespace Server {

// POST /api/v2/write and POST /write: the InfluxDB line protocol (v2 and v1 write APIs), with
// InfluxDB 2.x's answers: 204, or {"code":"...","message":"..."} with 400, 401, 403, 413, 415,
// 422 or 503 (docs/INGEST.md).
class InfluxEndpoints
{
public:
    enum class Version { V1, V2 };

    explicit InfluxEndpoints(const ApiContext &context)
        : m_context(context)
    { }

    // Checks the token itself (Token, Bearer, v1's u/p and Basic), then writes.
    HttpResponse write(const HttpRequest &request, Version version);

    // An answer of the rest of the API in InfluxDB's shape ({"code","message"}).
    static HttpResponse influxShaped(const HttpResponse &response);

private:
    const ApiContext &m_context;
};

} // namespace Server
