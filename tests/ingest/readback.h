// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

#include <algorithm>

// Every item the server holds, by channel, in time order: the finished frames (GET /frame, then
// each frame), oldest first, then the open one (GET /frame/current).
struct ReadBack
{
    QMap<QString, QString> types;
    QMap<QString, QList<TimeFrame::Item>> items;

    static QByteArray get(QNetworkAccessManager &nam, const QString &url)
    {
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(url)));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20'000);
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

    static ReadBack fetch(QNetworkAccessManager &nam, quint16 port)
    {
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QList<qint64> ids;
        for (const QJsonValue &frame :
             QJsonDocument::fromJson(get(nam, base + QStringLiteral("/frame?limit=100000")))
                 .array())
            ids.append(frame.toObject().value(QStringLiteral("id")).toString().toLongLong());
        std::sort(ids.begin(), ids.end());
        QList<QByteArray> frames;
        for (qint64 id : std::as_const(ids))
            frames.append(get(nam, base + QStringLiteral("/frame/%1").arg(id)));
        frames.append(get(nam, base + QStringLiteral("/frame/current")));
        ReadBack r;
        for (const QByteArray &bytes : std::as_const(frames)) {
            const auto frame = TimeFrame::decode(bytes);
            if (!frame)
                continue;
            for (const TimeFrame::Channel &c : frame.value().channels) {
                r.types.insert(c.id, c.type);
                r.items[c.id].append(c.items);
            }
        }
        return r;
    }
};
