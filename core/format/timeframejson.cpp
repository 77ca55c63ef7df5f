// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeframejson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace TimeFrame {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimeFrame", text);
}

void appendString(QByteArray &out, QStringView text)
{
    out += '"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += "0123456789abcdef"[u >> 4];
                out += "0123456789abcdef"[u & 0xF];
            } else if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                // A character outside the BMP is one UTF-8 sequence, not two halves.
                out += text.sliced(i, 2).toUtf8();
                ++i;
            } else {
                out += QStringView(&c, 1).toUtf8();
            }
        }
    }
    out += '"';
}

Error jsonError(const QString &message, qint64 offset = -1)
{
    return Error {ErrorCode::InvalidJson, offset, message};
}

// An integer member: JSON numbers are doubles, so only integers up to 2^53 are exact.
std::optional<qint64> integerMember(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // 2^53 itself is refused: 2^53 + 1 in the text parses to the same double.
    constexpr double limit = 9007199254740992.0; // 2^53
    if (!(std::fabs(d) < limit) || std::trunc(d) != d)
        return std::nullopt;
    return qint64(d);
}

} // namespace

QByteArray toJson(const Frame &frame, Layout layout)
{
    QByteArray out;
    out += "{\n  \"version\": " + QByteArray::number(kVersion) + ",\n  \"layout\": ";
    appendString(out, layoutName(layout));
    out += ",\n  \"startAt\": " + QByteArray::number(frame.startAt);
    out += ",\n  \"endAt\": " + QByteArray::number(frame.endAt);
    out += ",\n  \"channels\": [";
    for (qsizetype c = 0; c < frame.channels.size(); ++c) {
        const Channel &channel = frame.channels[c];
        out += c == 0 ? "\n    {\n      \"id\": " : ",\n    {\n      \"id\": ";
        appendString(out, channel.id);
        out += ",\n      \"type\": ";
        appendString(out, channel.type);
        out += ",\n      \"items\": [";
        for (qsizetype i = 0; i < channel.items.size(); ++i) {
            const Item &item = channel.items[i];
            out += i == 0 ? "\n        {\n          \"timestamp\": "
                          : ",\n        {\n          \"timestamp\": ";
            out += QByteArray::number(item.timestamp);
            out += ",\n          \"data\": \"" + item.data.toBase64() + "\"\n        }";
        }
        out += channel.items.isEmpty() ? "]\n    }" : "\n      ]\n    }";
    }
    out += frame.channels.isEmpty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

Result<JsonFrame> fromJson(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return jsonError(parseError.errorString(), parseError.offset);
    if (!document.isObject())
        return jsonError(tr("the document is not a JSON object"));
    const QJsonObject root = document.object();

    JsonFrame result;
    if (root.contains("version"_L1)) {
        const auto version = integerMember(root, "version"_L1);
        if (!version)
            return jsonError(tr("\"version\" is not an integer"));
        if (*version != kVersion) {
            return Error {ErrorCode::UnsupportedVersion, -1,
                          tr("TimeFrame version %1 is not supported (this build writes version %2)")
                              .arg(*version)
                              .arg(kVersion)};
        }
    }
    if (root.contains("layout"_L1)) {
        result.layout = layoutFromName(root.value("layout"_L1).toString());
        if (!result.layout)
            return jsonError(tr("\"layout\" must be \"documented\" or \"reference\""));
    }
    const auto startAt = integerMember(root, "startAt"_L1);
    const auto endAt = integerMember(root, "endAt"_L1);
    if (!startAt)
        return jsonError(tr("\"startAt\" is missing or not an integer"));
    if (!endAt)
        return jsonError(tr("\"endAt\" is missing or not an integer"));
    result.frame.startAt = *startAt;
    result.frame.endAt = *endAt;

    const QJsonValue channels = root.value("channels"_L1);
    if (!channels.isArray())
        return jsonError(tr("\"channels\" is missing or not an array"));
    const QJsonArray channelArray = channels.toArray();
    result.frame.channels.reserve(channelArray.size());
    for (qsizetype c = 0; c < channelArray.size(); ++c) {
        const QString where = u"channels[%1]"_s.arg(c);
        if (!channelArray[c].isObject())
            return jsonError(tr("%1 is not an object").arg(where));
        const QJsonObject object = channelArray[c].toObject();
        Channel channel;
        if (!object.value("id"_L1).isString())
            return jsonError(tr("%1.id is missing or not a string").arg(where));
        if (!object.value("type"_L1).isString())
            return jsonError(tr("%1.type is missing or not a string").arg(where));
        channel.id = object.value("id"_L1).toString();
        channel.type = object.value("type"_L1).toString();
        const QJsonValue items = object.value("items"_L1);
        if (!items.isArray())
            return jsonError(tr("%1.items is missing or not an array").arg(where));
        const QJsonArray itemArray = items.toArray();
        channel.items.reserve(itemArray.size());
        for (qsizetype i = 0; i < itemArray.size(); ++i) {
            const QString itemWhere = u"%1.items[%2]"_s.arg(where).arg(i);
            if (!itemArray[i].isObject())
                return jsonError(tr("%1 is not an object").arg(itemWhere));
            const QJsonObject itemObject = itemArray[i].toObject();
            const auto timestamp = integerMember(itemObject, "timestamp"_L1);
            if (!timestamp)
                return jsonError(tr("%1.timestamp is missing or not an integer").arg(itemWhere));
            const QJsonValue data = itemObject.value("data"_L1);
            if (!data.isString())
                return jsonError(tr("%1.data is missing or not a string").arg(itemWhere));
            auto decoded = QByteArray::fromBase64Encoding(data.toString().toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return jsonError(tr("%1.data is not valid base64").arg(itemWhere));
            channel.items.append(Item {*timestamp, std::move(*decoded)});
        }
        result.frame.channels.append(std::move(channel));
    }
    if (Status valid = validate(result.frame); !valid)
        return jsonError(valid.error().message);
    return result;
}

} // namespace TimeFrame
