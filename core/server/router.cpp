// SPDX-License-Identifier: GPL-3.0-or-later
#include "router.h"

#include "webfiles.h"

#include "engine/channelid.h"

#include <QCoreApplication>

#include <limits>

namespace Server {

Route route(QByteArrayView path)
{
    Route r;
    auto endpoint = [&](Endpoint e, bool post = false) {
        r.endpoint = e;
        r.isPost = post;
        return r;
    };
    if (path == "/frame")
        return endpoint(Endpoint::Index);
    if (path == "/frame/current")
        return endpoint(Endpoint::OpenFrame);
    if (path == "/events")
        return endpoint(Endpoint::Events);
    if (path == "/batch")
        return endpoint(Endpoint::Batch, true);
    if (path == "/api/v2/write")
        return endpoint(Endpoint::InfluxWriteV2, true);
    if (path == "/write")
        return endpoint(Endpoint::InfluxWriteV1, true);
    if (path == "/channels")
        return endpoint(Endpoint::Channels);
    if (path == "/healthz")
        return endpoint(Endpoint::Health);
    if (path == "/metrics")
        return endpoint(Endpoint::Metrics);
    if (path == "/time")
        return endpoint(Endpoint::Time);
    for (QByteArrayView prefix : {QByteArrayView("/channel/"), QByteArrayView("/event/")}) {
        if (path.startsWith(prefix)) {
            r.channel = QByteArray::fromPercentEncoding(path.sliced(prefix.size()).toByteArray());
            r.originalPath = prefix == "/event/";
            return endpoint(Endpoint::Ingest, true);
        }
    }
    QByteArrayView idText;
    if (path.startsWith("/frame/")) {
        idText = path.sliced(7);
        r.originalPath = true;
    } else if (path.size() > 1) {
        idText = path.sliced(1);
    }
    if (const std::optional<qint64> id = parseInteger(idText)) {
        r.frameId = *id;
        return endpoint(Endpoint::Frame);
    }
    r.originalPath = false;
    if (const WebFile *file = webFile(path)) {
        r.webFile = file;
        return endpoint(Endpoint::WebFile);
    }
    return r;
}

std::optional<QByteArray> queryItem(QByteArrayView query, QByteArrayView key)
{
    while (!query.isEmpty()) {
        const qsizetype amp = query.indexOf('&');
        const QByteArrayView item = amp < 0 ? query : query.first(amp);
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView name = eq < 0 ? item : item.first(eq);
        if (name == key) {
            QByteArray value = eq < 0 ? QByteArray() : item.sliced(eq + 1).toByteArray();
            value.replace('+', ' ');
            return QByteArray::fromPercentEncoding(value);
        }
        if (amp < 0)
            break;
        query = query.sliced(amp + 1);
    }
    return std::nullopt;
}

std::optional<qint64> parseInteger(QByteArrayView text, int base)
{
    bool negative = false;
    if (text.startsWith('-')) {
        negative = true;
        text = text.sliced(1);
    }
    if (text.isEmpty())
        return std::nullopt;
    // The magnitude of the most negative value, one more than the largest positive one.
    const quint64 limit = quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0);
    quint64 value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        if (digit >= base || value > (limit - quint64(digit)) / quint64(base))
            return std::nullopt;
        value = value * quint64(base) + quint64(digit);
    }
    return negative ? qint64(0 - value) : qint64(value);
}

QString channelIdProblem(QByteArrayView utf8Id)
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("Server::Router", text);
    };
    switch (Engine::checkChannelId(utf8Id)) {
    case Engine::ChannelIdProblem::None:
        return {};
    case Engine::ChannelIdProblem::Empty:
        return tr("The channel id is empty.");
    case Engine::ChannelIdProblem::TooLong:
        return tr("The channel id is longer than 128 bytes.");
    case Engine::ChannelIdProblem::NotUtf8:
        return tr("The channel id is not valid UTF-8.");
    case Engine::ChannelIdProblem::ControlCharacter:
        return tr("The channel id contains a control character.");
    }
    return {};
}

} // namespace Server
