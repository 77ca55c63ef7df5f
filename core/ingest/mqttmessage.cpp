// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttmessage.h"

#include "engine/channelid.h"
#include "format/contenttype.h"
#include "format/json.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ingest::MqttMessage {

namespace {

// The length of the valid UTF-8 sequence at text[i], 0 where there is none.
qsizetype utf8Length(QByteArrayView text, qsizetype i)
{
    const uchar c = uchar(text[i]);
    const qsizetype n = c < 0x80 ? 1
        : (c & 0xe0) == 0xc0     ? 2
        : (c & 0xf0) == 0xe0     ? 3
        : (c & 0xf8) == 0xf0     ? 4
                                 : 0;
    if (n == 0 || i + n > text.size() || !text.sliced(i, n).isValidUtf8())
        return 0;
    return n;
}

} // namespace

QString channelForTopic(QByteArrayView topic)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray id;
    id.reserve(topic.size());
    QList<qsizetype> boundaries; // where each character of the id starts
    for (qsizetype i = 0; i < topic.size();) {
        boundaries.append(id.size());
        const qsizetype n = utf8Length(topic, i);
        const uchar c = uchar(topic[i]);
        // C0, DEL, C1 (U+0080..U+009F, C2 80..C2 9F) and '%' itself are escaped.
        const bool c1 = n == 2 && c == 0xc2 && uchar(topic[i + 1]) < 0xa0;
        if (n == 0 || c < 0x20 || c == 0x7f || c == '%' || c1) {
            const qsizetype bytes = n == 0 ? 1 : n;
            for (qsizetype k = 0; k < bytes; ++k) {
                const uchar b = uchar(topic[i + k]);
                id.append('%').append(hex[b >> 4]).append(hex[b & 15]);
            }
            i += bytes;
            continue;
        }
        id.append(topic.sliced(i, n));
        i += n;
    }
    if (id.isEmpty())
        id = "%00"; // MQTT 5 allows an empty topic with an alias; never an empty channel
    if (id.size() > Engine::kMaxChannelIdBytes) {
        const QByteArray digest =
            QCryptographicHash::hash(topic, QCryptographicHash::Sha256).toHex().left(16);
        const qsizetype room = Engine::kMaxChannelIdBytes - 1 - digest.size();
        qsizetype cut = 0;
        for (qsizetype b : std::as_const(boundaries)) {
            if (b > room)
                break;
            cut = b;
        }
        id = id.left(cut) + '~' + digest;
    }
    return QString::fromUtf8(id);
}

QString typeFor(QByteArrayView payload, QByteArrayView contentType)
{
    if (!contentType.isEmpty()) {
        QByteArray type = contentType.toByteArray();
        if (const qsizetype semi = type.indexOf(';'); semi >= 0)
            type.truncate(semi);
        type = type.trimmed().toLower();
        const qsizetype slash = type.indexOf('/');
        bool ok = slash > 0 && slash < type.size() - 1 && type.count('/') == 1;
        for (char c : std::as_const(type))
            ok = ok && uchar(c) > 0x20 && uchar(c) < 0x7f && c != '"' && c != ',';
        if (ok)
            return QString::fromLatin1(type);
    }
    static const QString json = u"application/json"_s;
    static const QString text = u"text/plain"_s;
    static const QString binary = u"application/octet-stream"_s;
    if (!payload.isEmpty() && Json::isValid(payload))
        return json;
    if (payload.isValidUtf8())
        return text;
    return binary;
}

std::optional<qint64> timeFromField(QByteArrayView payload, const QString &field)
{
    if (field.isEmpty() || payload.isEmpty() || payload.front() != '{')
        return std::nullopt;
    const std::optional<QByteArrayView> raw = Json::rawMember(payload, field);
    if (!raw || raw->isEmpty())
        return std::nullopt;
    if (raw->front() == '"') {
        const QString text =
            QJsonDocument::fromJson('[' + raw->toByteArray() + ']').array().at(0).toString();
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return std::nullopt;
        return time.toMSecsSinceEpoch();
    }
    qint64 ms = 0;
    const auto [end, ec] = std::from_chars(raw->begin(), raw->end(), ms);
    if (ec == std::errc() && end == raw->end())
        return ms;
    double value = 0;
    const auto [fend, fec] = std::from_chars(raw->begin(), raw->end(), value);
    if (fec != std::errc() || fend != raw->end() || !std::isfinite(value)
        || std::abs(value) > 9.2e18)
        return std::nullopt;
    return qint64(std::floor(value));
}

Engine::Event toEvent(QByteArrayView topic, QByteArrayView payload, QByteArrayView contentType,
                      const QString &timeField)
{
    Engine::Event event;
    event.channel = channelForTopic(topic);
    event.type = typeFor(payload, contentType);
    event.data = payload.toByteArray();
    if (!timeField.isEmpty() && ContentType::isJson(QStringView(event.type)))
        event.timestamp = timeFromField(payload, timeField);
    return event;
}

} // namespace Ingest::MqttMessage
