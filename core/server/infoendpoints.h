// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "httprequest.h"
#include "httpresponse.h"

namespace Server {

// GET /channels, /healthz, /metrics and /time.
class InfoEndpoints
{
public:
    explicit InfoEndpoints(const ApiContext &context)
        : m_context(context)
    { }

    HttpResponse channels(const HttpRequest &request);
    HttpResponse health(const HttpRequest &request);
    HttpResponse metrics(const HttpRequest &request);
    HttpResponse time(const HttpRequest &request);

private:
    const ApiContext &m_context;
};

} // namespace Server
