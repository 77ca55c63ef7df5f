// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "engine/engineapi.h"
#include "httprequest.h"
#include "httpresponse.h"

#include <QHash>

namespace Server {

// A frame's summary as JSON ({"startAt":…,"endAt":…,"id":…,"channels":…,"items":…,"size":…}):
// the index's rows and the live feed's "event: frame" (API.md).
void appendFrameSummary(QByteArray &out, const Engine::FrameSummary &frame);

// GET /frame (the index), GET /{frameId} and GET /frame/current. One instance per worker
// thread, so its caches need no lock.
class FrameEndpoints
{
public:
    explicit FrameEndpoints(const ApiContext &context)
        : m_context(context)
    { }

    HttpResponse index(const HttpRequest &request);
    HttpResponse frame(const HttpRequest &request, qint64 id);
    HttpResponse openFrame(const HttpRequest &request);

    // The strong validator of a finished frame: its bytes never change, and id, end and size
    // together tell any two frames apart.
    static QByteArray etag(const Engine::FrameSummary &frame);

private:
    const Engine::FrameSummary *findFrame(qint64 id);

    const ApiContext &m_context;
    Engine::FrameIndex m_index; // the snapshot the caches below belong to
    QHash<qint64, qsizetype> m_positions; // frame id -> row of m_index
    QByteArray m_defaultListing; // GET /frame without a selection
};

} // namespace Server
