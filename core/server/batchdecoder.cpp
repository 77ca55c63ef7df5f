// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchdecoder.h"

#include "format/frameview.h"
#include "jsonutil.h"
#include "router.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Server {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::BatchDecoder", text);
}

BatchError batchError(QByteArray code, QString detail)
{
    return BatchError {400, std::move(code), std::move(detail)};
}

} // namespace

std::optional<BatchError> decodeTimeFrameBatch(const QByteArray &body,
                                               std::optional<TimeFrame::Layout> layout,
                                               DecodedBatch *out)
{
    const TimeFrame::Result<TimeFrame::FrameView> view = TimeFrame::FrameView::index(body, layout);
    if (!view)
        return batchError("invalid_batch",
                          tr("The body is not a valid TimeFrame: %1").arg(view.error().message));
    out->events.reserve(view->itemCount());
    for (qsizetype c = 0; c < view->channelCount(); ++c) {
        const TimeFrame::FrameView::ChannelRecord &channel = view->channel(c);
        if (const QString problem = channelIdProblem(channel.id.toUtf8()); !problem.isEmpty())
            return batchError("invalid_channel", problem);
        const bool json = Json::isJsonType(QStringView(channel.type));
        const QString type = channel.type.section(u';', 0, 0).trimmed().toLower();
        for (qsizetype i = 0; i < channel.itemCount; ++i) {
            const QByteArrayView data = view->itemData(c, i);
            if (json && !Json::isValid(data))
                return batchError(
                    "invalid_json",
                    tr("Item %1 of channel \"%2\" is not valid JSON.").arg(i).arg(channel.id));
            Engine::Event event {channel.id, type, data.toByteArray(), view->item(c, i).timestamp};
            // A recorded frame may be posted again: its times outside the open frame give way.
            event.receiveTimeWhenOutside = true;
            out->events.append(std::move(event));
            out->payloadBytes += data.size();
        }
    }
    return std::nullopt;
}

std::optional<BatchError> decodeNdjsonBatch(const QByteArray &body, DecodedBatch *out)
{
    qsizetype lineNumber = 0;
    qsizetype pos = 0;
    while (pos < body.size()) {
        ++lineNumber;
        qsizetype end = body.indexOf('\n', pos);
        if (end < 0)
            end = body.size();
        const QByteArrayView line = QByteArrayView(body).sliced(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty())
            continue;
        auto lineError = [&](const char *code, const QString &what) {
            return batchError(code, tr("Line %1: %2").arg(lineNumber).arg(what));
        };
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return lineError("invalid_json", tr("not a JSON object."));
        const QJsonObject object = doc.object();
        const QJsonValue channel = object.value("channel"_L1);
        if (!channel.isString())
            return lineError("invalid_batch", tr("\"channel\" must be a string."));
        const QString channelId = channel.toString();
        if (const QString problem = channelIdProblem(channelId.toUtf8()); !problem.isEmpty())
            return lineError("invalid_channel", problem);

        const QJsonValue typeValue = object.value("type"_L1);
        if (!typeValue.isUndefined() && !typeValue.isString())
            return lineError("invalid_batch", tr("\"type\" must be a string."));
        const bool hasJson = object.contains("json"_L1);
        const bool hasBase64 = object.contains("base64"_L1);
        if (hasJson == hasBase64)
            return lineError("invalid_batch", tr("give exactly one of \"json\" and \"base64\"."));

        std::optional<qint64> timestamp;
        const QJsonValue ts = object.value("ts"_L1);
        if (!ts.isUndefined() && !ts.isNull()) {
            const double v = ts.toDouble(-1e300);
            if (!ts.isDouble() || v != double(qint64(v)) || std::abs(v) > 9.0e15)
                return lineError("invalid_batch", tr("\"ts\" must be whole milliseconds."));
            timestamp = qint64(v);
        }

        QByteArray data;
        QString type = typeValue.toString().section(u';', 0, 0).trimmed().toLower();
        if (hasJson) {
            // The value's bytes as sent, as a single POST keeps its body.
            const std::optional<QByteArrayView> raw = Json::rawMember(line, u"json");
            if (!raw)
                return lineError("invalid_json", tr("\"json\" is not valid JSON."));
            data = raw->toByteArray();
            if (type.isEmpty())
                type = u"application/json"_s;
        } else {
            const QJsonValue b64 = object.value("base64"_L1);
            if (!b64.isString())
                return lineError("invalid_batch", tr("\"base64\" must be a string."));
            auto decoded = QByteArray::fromBase64Encoding(b64.toString().toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return lineError("invalid_batch", tr("\"base64\" is not valid Base64."));
            data = std::move(*decoded);
            if (type.isEmpty())
                type = u"application/octet-stream"_s;
            if (Json::isJsonType(QStringView(type)) && !Json::isValid(data))
                return lineError("invalid_json", tr("the data of a JSON type is not valid JSON."));
        }
        out->payloadBytes += data.size();
        out->events.append(Engine::Event {channelId, type, std::move(data), timestamp});
    }
    return std::nullopt;
}

} // namespace Server
