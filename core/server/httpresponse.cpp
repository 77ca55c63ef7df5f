// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpresponse.h"

#include "jsonutil.h"

namespace Server {

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = std::move(body);
    return r;
}

HttpResponse HttpResponse::error(int status, QByteArrayView code, QStringView detail)
{
    HttpResponse r = json(status, Json::error(code, detail));
    r.errorCode = code.toByteArray();
    r.addHeader("Cache-Control", "no-store");
    return r;
}

// True where an If-None-Match list names this entity tag (weak comparison, RFC 9110 13.1.2).
bool ifNoneMatchHits(QByteArrayView header, QByteArrayView etag)
{
    while (!header.isEmpty()) {
        const qsizetype comma = header.indexOf(',');
        QByteArrayView tag = (comma < 0 ? header : header.first(comma)).trimmed();
        if (tag == "*")
            return true;
        if (tag.startsWith("W/"))
            tag = tag.sliced(2);
        if (tag == etag)
            return true;
        if (comma < 0)
            break;
        header = header.sliced(comma + 1);
    }
    return false;
}

} // namespace Server
