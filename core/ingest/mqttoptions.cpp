// SPDX-License-Identifier: GPL-3.0-or-later
#include "mqttoptions.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Ingest {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ingest::MqttOptions", text);
}

} // namespace

QString MqttOptions::displayName() const
{
    QString name = (tls ? u"mqtts://"_s : u"mqtt://"_s);
    if (!user.isEmpty())
        name += user + u'@';
    return name + host + u':' + QString::number(port) + u'/' + filters.join(u',');
}

QList<MqttOptions> MqttConfig::resolved() const
{
    QList<MqttOptions> out = brokers;
    for (MqttOptions &broker : out) {
        broker.timeField = timeField;
        broker.caFile = caFile;
        broker.qos = qos;
    }
    return out;
}

std::optional<MqttOptions> parseMqttUrl(const QString &text, QString *error)
{
    // The filters are taken from the text as written: '#' would start a URL fragment and '+'
    // or '%' are not escapes here.
    const qsizetype schemeEnd = text.indexOf(u"://"_s);
    const QString scheme = schemeEnd < 0 ? QString() : text.left(schemeEnd).toLower();
    if (scheme != u"mqtt"_s && scheme != u"mqtts"_s) {
        *error = tr("--mqtt %1: the URL must start with mqtt:// or mqtts://").arg(text);
        return std::nullopt;
    }
    const qsizetype pathStart = text.indexOf(u'/', schemeEnd + 3);
    const QString authority =
        text.mid(schemeEnd + 3, pathStart < 0 ? -1 : pathStart - schemeEnd - 3);
    const QString filterText = pathStart < 0 ? QString() : text.mid(pathStart + 1);
    QUrl url(scheme + u"://"_s + authority, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *error = tr("--mqtt %1: the broker's host is missing or malformed").arg(text);
        return std::nullopt;
    }
    MqttOptions o;
    o.tls = scheme == u"mqtts"_s;
    o.host = url.host();
    o.port = url.port(o.tls ? 8883 : 1883);
    if (o.port <= 0 || o.port > 65535) {
        *error = tr("--mqtt %1: the port is malformed").arg(text);
        return std::nullopt;
    }
    o.user = url.userName(QUrl::FullyDecoded);
    o.password = url.password(QUrl::FullyDecoded);
    for (const QString &filter : filterText.split(u',', Qt::SkipEmptyParts)) {
        // MQTT 3.1.1, 4.7.1: '#' only last and alone in its level, '+' alone in its level.
        const QStringList levels = filter.split(u'/');
        for (qsizetype i = 0; i < levels.size(); ++i) {
            const QString &level = levels[i];
            const bool hash = level.contains(u'#');
            const bool plus = level.contains(u'+');
            if ((hash && (level != u"#"_s || i != levels.size() - 1))
                || (plus && level != u"+"_s)) {
                *error = tr("--mqtt %1: \"%2\" is not a valid topic filter").arg(text, filter);
                return std::nullopt;
            }
        }
        o.filters.append(filter);
    }
    if (o.filters.isEmpty()) {
        *error = tr("--mqtt %1: name at least one topic filter after the broker, such as "
                    "mqtt://host:1883/sensors/#")
                     .arg(text);
        return std::nullopt;
    }
    return o;
}

} // namespace Ingest
