// SPDX-License-Identifier: GPL-3.0-or-later
// The engine-and-server lifecycle the window and --headless share: the engine first, the MQTT
// sources that feed it and the server on it, all stopped in reverse; a part that cannot start
// says why and leaves nothing half-run.
#include "service/servicerunner.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Server::ServerOptions loopbackOnAnyPort()
{
    Server::ServerOptions options;
    options.bindAddress = QHostAddress::LocalHost;
    options.port = 0;
    options.threads = 1;
    return options;
}

int getStatus(const QUrl &url)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class tst_ServiceRunner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesThenStopsInReverse();
    void serverNeedsAnEngine();
    void engineThatCannotStartLeavesNothing();
    void serverThatCannotListenKeepsTheEngine();
    void sourcesRunWithTheEngine();
};

void tst_ServiceRunner::servesThenStopsInReverse()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    ServiceRunner service;
    QString error;
    QVERIFY2(service.startEngine(config, &error), qPrintable(error));
    QVERIFY2(service.startServer(loopbackOnAnyPort(), &error), qPrintable(error));
    QVERIFY(service.server()->port() != 0);
    const QList<QUrl> urls = service.urls();
    QCOMPARE(urls.size(), 1);
    QCOMPARE(urls.constFirst().port(), service.server()->port());
    QCOMPARE(getStatus(urls.constFirst().resolved(QUrl(u"/healthz"_s))), 200);

    const std::shared_ptr<Engine::FrameEngine> engine = service.engine();
    service.stop();
    QVERIFY(!service.server());
    QVERIFY(!service.engine());
    QVERIFY(service.urls().isEmpty());
    QVERIFY(!engine->ingest({u"late"_s, u"text/plain"_s, "x", std::nullopt}).ok());
}

void tst_ServiceRunner::serverNeedsAnEngine()
{
    ServiceRunner service;
    QString error;
    QVERIFY(!service.startServer(loopbackOnAnyPort(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!service.server());
}

void tst_ServiceRunner::engineThatCannotStartLeavesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.frameDurationMs = 1; // under the shortest frame
    ServiceRunner service;
    QString error;
    QVERIFY(!service.startEngine(config, &error));
    QVERIFY(error.contains(u"100"_s));
    QVERIFY(!service.engine());
    QVERIFY(!service.startServer(loopbackOnAnyPort(), &error));
}

void tst_ServiceRunner::serverThatCannotListenKeepsTheEngine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    ServiceRunner first;
    ServiceRunner second;
    QString error;
    QVERIFY2(first.startEngine(config, &error), qPrintable(error));
    QVERIFY2(first.startServer(loopbackOnAnyPort(), &error), qPrintable(error));
    Server::ServerOptions taken = loopbackOnAnyPort();
    taken.port = first.server()->port();
    QTemporaryDir other;
    config.dataDir = other.path();
    QVERIFY2(second.startEngine(config, &error), qPrintable(error));
    QVERIFY(!second.startServer(taken, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!second.server());
    QVERIFY(second.engine());
    QVERIFY(second.urls().isEmpty());
}

void tst_ServiceRunner::sourcesRunWithTheEngine()
{
    Ingest::MqttOptions broker; // nothing listens on port 1: retried in the background
    broker.host = u"127.0.0.1"_s;
    broker.port = 1;
    broker.filters = {u"x/#"_s};
    ServiceRunner service;
    QString error;
    QVERIFY(service.startSources({}, &error)); // none: nothing to start
    QVERIFY(!service.startSources({broker}, &error));
    QVERIFY(!error.isEmpty());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    QVERIFY2(service.startEngine(config, &error), qPrintable(error));
    QVERIFY2(service.startSources({broker}, &error), qPrintable(error));
    QVERIFY2(service.startServer(loopbackOnAnyPort(), &error), qPrintable(error));
    QCOMPARE(getStatus(service.urls().constFirst().resolved(QUrl(u"/healthz"_s))), 200);
    service.stop();
    QVERIFY(!service.server());
    QVERIFY(!service.engine());
}

QTEST_GUILESS_MAIN(tst_ServiceRunner)
#include "tst_servicerunner.moc"
