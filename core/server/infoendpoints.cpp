// SPDX-License-Identifier: GPL-3.0-or-later
#include "infoendpoints.h"

#include "channelrates.h"
#include "engine/engineapi.h"
#include "format/frameview.h"
#include "guard.h"
#include "jsonutil.h"
#include "servermetrics.h"

#include "ingest/sourceboard.h"

#include <QDateTime>
#include <QMap>

#include <cmath>

namespace Server {

namespace {

HttpResponse noStore(HttpResponse r)
{
    r.addHeader("Cache-Control", "no-store");
    return r;
}

} // namespace

HttpResponse InfoEndpoints::channels(const HttpRequest &)
{
    struct Row
    {
        QString type;
        qint64 items = 0;
        qint64 lastTimestamp = 0;
        double rate = 0;
    };
    QMap<QString, Row> rows; // sorted by id

    // Items and types of the open frame come from the frame itself, so they are exact.
    const QByteArray open = m_context.engine->openFrameBytes();
    if (!open.isEmpty()) {
        const auto view = TimeFrame::FrameView::index(open, std::nullopt);
        if (view) {
            for (qsizetype c = 0; c < view->channelCount(); ++c) {
                const auto &channel = view->channel(c);
                Row &row = rows[channel.id];
                row.type = channel.type;
                row.items = channel.itemCount;
                for (qsizetype i = 0; i < channel.itemCount; ++i)
                    row.lastTimestamp = qMax(row.lastTimestamp, view->item(c, i).timestamp);
            }
        }
    }
    if (m_context.rates) {
        for (const ChannelRates::Row &r :
             m_context.rates->snapshot(QDateTime::currentMSecsSinceEpoch())) {
            Row &row = rows[r.id];
            if (row.type.isEmpty())
                row.type = r.type;
            row.lastTimestamp = qMax(row.lastTimestamp, r.lastTimestamp);
            row.rate = r.eventsPerSecond;
        }
    }

    QByteArray body = "[";
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        if (body.size() > 1)
            body.append(',');
        body.append("{\"id\":");
        Json::appendString(body, QStringView(it.key()));
        body.append(",\"type\":");
        Json::appendString(body, QStringView(it->type));
        body.append(",\"items\":");
        Json::appendNumber(body, it->items);
        body.append(",\"lastTimestamp\":");
        Json::appendNumber(body, it->lastTimestamp);
        body.append(",\"eventsPerSecond\":");
        body.append(QByteArray::number(std::round(it->rate * 10) / 10, 'g', 12));
        body.append('}');
    }
    body.append(']');
    return noStore(HttpResponse::json(200, std::move(body)));
}

HttpResponse InfoEndpoints::health(const HttpRequest &)
{
    const Engine::Status status = m_context.engine->status();
    const bool ok = status.storage == Engine::StorageState::Ok;
    QByteArray body = "{\"state\":";
    Json::appendString(body, QByteArrayView(ok ? "ok" : "degraded"));
    body.append(",\"storage\":");
    Json::appendString(body, QByteArrayView(ok ? "ok" : "unavailable"));
    if (!ok) {
        body.append(",\"storageDetail\":");
        Json::appendString(body, QStringView(status.storageDetail));
    }
    body.append(",\"uptime\":");
    Json::appendNumber(body, (GuardedSocket::steadyNowMs() - m_context.startedAtMs) / 1000);
    body.append(",\"version\":");
    Json::appendString(body, QByteArrayView(SYNCSTREAMER_VERSION));
    body.append(",\"openFrameId\":");
    Json::appendNumber(body, status.openFrameId);
    body.append(",\"framesRetained\":");
    Json::appendNumber(body, status.framesRetained);
    if (!status.damagedFiles.isEmpty()) {
        // Damaged files set aside: what could be read was kept; a person should look at them.
        body.append(",\"damagedFiles\":[");
        for (qsizetype i = 0; i < status.damagedFiles.size(); ++i) {
            if (i > 0)
                body.append(',');
            Json::appendString(body, QStringView(status.damagedFiles[i]));
        }
        body.append(']');
    }
    if (m_context.sources) {
        body.append(",\"sources\":[");
        bool first = true;
        for (const Ingest::SourceState &source : m_context.sources->snapshot()) {
            body.append(first ? "{\"name\":" : ",{\"name\":");
            first = false;
            Json::appendString(body, QStringView(source.name));
            body.append(",\"state\":");
            Json::appendString(body, QStringView(Ingest::connectionName(source.connection)));
            if (!source.detail.isEmpty()) {
                body.append(",\"detail\":");
                Json::appendString(body, QStringView(source.detail));
            }
            body.append(",\"messages\":");
            Json::appendNumber(body, source.messages);
            body.append(",\"refused\":");
            Json::appendNumber(body, source.refused);
            body.append('}');
        }
        body.append(']');
    }
    body.append('}');
    // Load balancers and service managers read the status; the body says why.
    return noStore(HttpResponse::json(ok ? 200 : 503, std::move(body)));
}

HttpResponse InfoEndpoints::metrics(const HttpRequest &)
{
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = m_context.metrics->render(m_context.engine->status(),
                                       GuardedSocket::steadyNowMs() - m_context.startedAtMs);
    if (m_context.sources)
        ServerMetrics::appendSourceMetrics(r.body, m_context.sources->snapshot());
    return noStore(std::move(r));
}

HttpResponse InfoEndpoints::time(const HttpRequest &)
{
    QByteArray body = "{\"now\":";
    Json::appendNumber(body, QDateTime::currentMSecsSinceEpoch());
    body.append('}');
    return noStore(HttpResponse::json(200, std::move(body)));
}

} // namespace Server
