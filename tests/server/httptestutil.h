// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeengine.h"
#include "server/httpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// A server on a free port of LocalHost, on a FakeEngine, and a QNetworkAccessManager to talk
// HTTP to it.
struct TestServer
{
    explicit TestServer(Server::ServerOptions options = {}, qint64 frameDurationMs = 60'000)
        : engine(std::make_unique<FakeEngine>(frameDurationMs))
    {
        options.bindAddress = QHostAddress::LocalHost;
        options.port = 0;
        options.threads = options.threads > 0 ? options.threads : 2;
        server = std::make_unique<Server::HttpServer>(engine.get(), std::move(options));
        QString error;
        started = server->start(&error);
        if (!started)
            qWarning() << "server did not start:" << error;
    }

    QUrl url(const QString &pathAndQuery) const
    {
        const QString scheme = server->options().tlsCertificateFile.isEmpty()
            ? QStringLiteral("http")
            : QStringLiteral("https");
        return QUrl(scheme + QStringLiteral("://127.0.0.1:") + QString::number(server->port())
                    + pathAndQuery);
    }

    std::unique_ptr<FakeEngine> engine;
    std::unique_ptr<Server::HttpServer> server;
    bool started = false;
};

// What came back for one request.
struct Answer
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

inline Answer waitFor(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20'000);
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.headers = reply->rawHeaderPairs();
    a.error = reply->error();
    reply->deleteLater();
    return a;
}

inline Answer send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                   const QByteArray &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = nam.get(request);
    else if (method == "HEAD")
        reply = nam.head(request);
    else if (method == "POST")
        reply = nam.post(request, body);
    else
        reply = nam.sendCustomRequest(request, method, body);
    reply->ignoreSslErrors();
    return waitFor(reply);
}
