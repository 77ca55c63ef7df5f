// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameendpoints.h"

#include "jsonutil.h"
#include "router.h"
#include "servermetrics.h"

#include <QCoreApplication>

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::FrameEndpoints", text);
}

QByteArray listing(const QList<Engine::FrameSummary> &frames, qint64 from, qint64 to, qint64 limit)
{
    QByteArray out;
    out.reserve(2 + qsizetype(qMin<qint64>(limit, frames.size())) * 160);
    out.append('[');
    qint64 listed = 0;
    for (const Engine::FrameSummary &f : frames) {
        if (listed >= limit)
            break;
        // A frame is selected when it overlaps [from, to).
        if (f.endAt <= from || f.startAt >= to)
            continue;
        if (listed++)
            out.append(',');
        appendFrameSummary(out, f);
    }
    out.append(']');
    return out;
}

struct ByteRange
{
    enum Kind { None, Satisfiable, Unsatisfiable } kind = None;
    qint64 first = 0;
    qint64 last = 0;
};

// A single "bytes=" range; several ranges or a malformed header are ignored (RFC 9110 14.2).
ByteRange parseRange(QByteArrayView header, qint64 size)
{
    ByteRange r;
    if (!header.startsWith("bytes="))
        return r;
    header = header.sliced(6).trimmed();
    if (header.contains(','))
        return r;
    const qsizetype dash = header.indexOf('-');
    if (dash < 0)
        return r;
    const QByteArrayView a = header.first(dash).trimmed();
    const QByteArrayView b = header.sliced(dash + 1).trimmed();
    if (a.isEmpty()) {
        const std::optional<qint64> suffix = parseInteger(b);
        if (!suffix || *suffix < 0 || b.startsWith('-'))
            return r;
        if (*suffix == 0 || size == 0) {
            r.kind = ByteRange::Unsatisfiable;
            return r;
        }
        r.kind = ByteRange::Satisfiable;
        r.first = qMax<qint64>(0, size - *suffix);
        r.last = size - 1;
        return r;
    }
    const std::optional<qint64> first = parseInteger(a);
    if (!first || *first < 0 || a.startsWith('-'))
        return r;
    qint64 last = size - 1;
    if (!b.isEmpty()) {
        const std::optional<qint64> l = parseInteger(b);
        if (!l || *l < *first || b.startsWith('-'))
            return r;
        last = qMin(*l, size - 1);
    }
    if (*first >= size) {
        r.kind = ByteRange::Unsatisfiable;
        return r;
    }
    r.kind = ByteRange::Satisfiable;
    r.first = *first;
    r.last = last;
    return r;
}

} // namespace

namespace {

// A frame's bounds and id under the given names; the id a string, as the format's
// documentation and the original server give it.
void appendBounds(QByteArray &out, const Engine::FrameSummary &f, const char *startAt,
                  const char *endAt, const char *id)
{
    out.append('"').append(startAt).append("\":");
    Json::appendNumber(out, f.startAt);
    out.append(",\"").append(endAt).append("\":");
    Json::appendNumber(out, f.endAt);
    out.append(",\"").append(id).append("\":\"");
    Json::appendNumber(out, f.id);
    out.append('"');
}

} // namespace

void appendFrameSummary(QByteArray &out, const Engine::FrameSummary &f)
{
    out.append('{');
    appendBounds(out, f, "startAt", "endAt", "id");
    out.append(",\"channels\":");
    Json::appendNumber(out, f.channels);
    out.append(",\"items\":");
    Json::appendNumber(out, f.items);
    out.append(",\"size\":");
    Json::appendNumber(out, f.size);
    // The names the original server writes and its client reads (docs/API.md).
    out.append(',');
    appendBounds(out, f, "StartAt", "EndAt", "Id");
    out.append('}');
}

QByteArray FrameEndpoints::etag(const Engine::FrameSummary &frame, TimeFrame::Layout layout)
{
    QByteArray tag = "\"";
    Json::appendNumber(tag, frame.id);
    tag.append('-');
    Json::appendNumber(tag, frame.endAt);
    tag.append('-');
    Json::appendNumber(tag, frame.size);
    // The two layouts are different bytes of the same size.
    if (layout == TimeFrame::Layout::Reference)
        tag.append("-r");
    tag.append('"');
    return tag;
}

void FrameEndpoints::setIndex(Engine::FrameIndex current)
{
    if (current == m_index)
        return;
    m_index = std::move(current);
    m_positions.clear();
    m_defaultListing.clear();
    m_converted.clear();
}

const Engine::FrameSummary *FrameEndpoints::findFrame(qint64 id)
{
    Engine::FrameIndex current = m_context.engine->index();
    if (!current)
        return nullptr;
    setIndex(std::move(current));
    if (m_positions.isEmpty() && !m_index->isEmpty()) {
        m_positions.reserve(m_index->size());
        for (qsizetype i = 0; i < m_index->size(); ++i)
            m_positions.insert(m_index->at(i).id, i);
    }
    const auto it = m_positions.constFind(id);
    return it == m_positions.cend() ? nullptr : &m_index->at(*it);
}

std::optional<QByteArray> FrameEndpoints::frameBytes(qint64 id, TimeFrame::Layout layout)
{
    const TimeFrame::Layout stored = m_context.engine->layout();
    if (layout == stored)
        return m_context.engine->frameBytes(id);
    if (const auto it = m_converted.constFind(id); it != m_converted.cend())
        return *it;
    std::optional<QByteArray> bytes = m_context.engine->frameBytes(id);
    if (!bytes)
        return bytes;
    TimeFrame::Result<QByteArray> converted = TimeFrame::relayout(*bytes, stored, layout);
    if (!converted)
        return std::nullopt;
    // The frames clients ask for are the newest few; the cache lives until the index changes.
    constexpr qsizetype kConvertedFrames = 8;
    if (m_converted.size() >= kConvertedFrames)
        m_converted.clear();
    m_converted.insert(id, converted.value());
    return std::move(converted).value();
}

HttpResponse FrameEndpoints::index(const HttpRequest &request)
{
    const std::optional<QByteArray> fromText = queryItem(request.query, "from");
    const std::optional<QByteArray> toText = queryItem(request.query, "to");
    const std::optional<QByteArray> limitText = queryItem(request.query, "limit");
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 to = std::numeric_limits<qint64>::max();
    qint64 limit = m_context.options.indexLimit;
    auto badParameter = [](const char *name) {
        return HttpResponse::error(400, "bad_parameter",
                                   tr("The parameter \"%1\" is not a whole number of the right "
                                      "range.")
                                       .arg(QLatin1StringView(name)));
    };
    if (fromText || toText)
        limit = std::numeric_limits<qint64>::max();
    if (fromText) {
        const auto v = parseInteger(*fromText);
        if (!v)
            return badParameter("from");
        from = *v;
    }
    if (toText) {
        const auto v = parseInteger(*toText);
        if (!v)
            return badParameter("to");
        to = *v;
    }
    if (limitText) {
        const auto v = parseInteger(*limitText);
        if (!v || *v < 0)
            return badParameter("limit");
        limit = *v;
    }

    Engine::FrameIndex current = m_context.engine->index();
    static const QList<Engine::FrameSummary> empty;
    const QList<Engine::FrameSummary> &frames = current ? *current : empty;
    QByteArray body;
    if (!fromText && !toText && !limitText) {
        // The listing every client polls: built once per index snapshot and thread.
        setIndex(current);
        if (m_defaultListing.isEmpty())
            m_defaultListing = listing(frames, from, to, limit);
        body = m_defaultListing;
    } else {
        body = listing(frames, from, to, limit);
    }
    HttpResponse r = HttpResponse::json(200, std::move(body));
    r.addHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse FrameEndpoints::frame(const HttpRequest &request, qint64 id, bool originalPath)
{
    const TimeFrame::Layout layout =
        originalPath ? TimeFrame::Layout::Reference : m_context.engine->layout();
    const Engine::FrameSummary *summary = findFrame(id);
    if (!summary)
        return HttpResponse::error(404, "not_found",
                                   tr("There is no retained frame with the id %1.").arg(id));
    const Engine::FrameSummary info = *summary;
    const QByteArray tag = etag(info, layout);

    HttpResponse r;
    r.contentType = "application/octet-stream";
    r.addHeader("ETag", tag);
    r.addHeader("Cache-Control", "public, max-age=31536000, immutable");
    r.addHeader("Accept-Ranges", "bytes");

    if (ifNoneMatchHits(request.header("if-none-match"), tag)) {
        r.status = 304;
        r.contentType.clear();
        return r;
    }

    ByteRange range;
    const QByteArray rangeHeader = request.header("range");
    const QByteArray ifRange = request.header("if-range");
    if (!rangeHeader.isEmpty() && (ifRange.isEmpty() || ifRange == tag))
        range = parseRange(rangeHeader, info.size);
    if (range.kind == ByteRange::Unsatisfiable) {
        HttpResponse refused =
            HttpResponse::error(416, "range_not_satisfiable",
                                tr("The range is outside the frame's %1 bytes.").arg(info.size));
        refused.addHeader("Content-Range", "bytes */" + QByteArray::number(info.size));
        return refused;
    }

    const bool head = request.method == "HEAD";
    qint64 size = info.size;
    if (!head) {
        std::optional<QByteArray> bytes = frameBytes(id, layout);
        if (!bytes)
            return HttpResponse::error(404, "not_found",
                                       tr("The frame %1 is no longer retained.").arg(id));
        r.body = std::move(*bytes);
        size = r.body.size();
        if (range.kind == ByteRange::Satisfiable)
            range.last = qMin(range.last, size - 1);
    }
    if (range.kind == ByteRange::Satisfiable && range.first < size) {
        r.status = 206;
        r.bodyOffset = range.first;
        r.bodyLength = range.last - range.first + 1;
        r.addHeader("Content-Range",
                    "bytes " + QByteArray::number(range.first) + '-'
                        + QByteArray::number(range.last) + '/' + QByteArray::number(size));
    }
    if (head) {
        r.headOnly = true;
        r.declaredLength = r.status == 206 ? r.bodyLength : size;
    } else {
        m_context.metrics->frameBytesSent(r.sendLength());
    }
    return r;
}

HttpResponse FrameEndpoints::openFrame(const HttpRequest &request)
{
    HttpResponse r;
    r.contentType = "application/octet-stream";
    r.body = m_context.engine->openFrameBytes();
    r.addHeader("Cache-Control", "no-store");
    if (request.method == "HEAD") {
        r.headOnly = true;
        r.declaredLength = r.body.size();
        r.body.clear();
    }
    return r;
}

} // namespace Server
