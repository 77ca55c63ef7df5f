// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apicontext.h"
#include "engine/engineapi.h"
#include "httprequest.h"
#include "httpresponse.h"

#include <QHash>

#include <optional>

namespace Server {

// A frame's summary as JSON ({"startAt":…,"endAt":…,"id":…,"channels":…,"items":…,"size":…},
// then the original server's "StartAt", "EndAt" and "Id"):
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
    // `originalPath`: asked on the original server's path (GET /frame/{id}), whose client reads
    // the reference layout only; GET /{id} serves the engine's layout (--layout).
    HttpResponse frame(const HttpRequest &request, qint64 id, bool originalPath);
    HttpResponse openFrame(const HttpRequest &request);

    // The strong validator of a finished frame: its bytes never change, and id, end and size
    // together tell any two frames apart.
    static QByteArray etag(const Engine::FrameSummary &frame, TimeFrame::Layout layout);

private:
    const Engine::FrameSummary *findFrame(qint64 id);
    void setIndex(Engine::FrameIndex current);
    std::optional<QByteArray> frameBytes(qint64 id, TimeFrame::Layout layout);

    const ApiContext &m_context;
    Engine::FrameIndex m_index; // the snapshot the caches below belong to
    QHash<qint64, qsizetype> m_positions; // frame id -> row of m_index
    QByteArray m_defaultListing; // GET /frame without a selection
    // Frames converted to the reference layout for the original's path, while they are new.
    QHash<qint64, QByteArray> m_converted;
};

} // namespace Server
