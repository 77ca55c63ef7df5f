// SPDX-License-Identifier: GPL-3.0-or-later
// The live feed with many subscribers on one worker, where events are coalesced before they are
// written: every subscriber still gets every event, in order, and a frame's events before the
// frame.
#include "httptestutil.h"

#include <QTcpSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestLiveFeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manySubscribersGetEveryEventInOrder_data();
    void manySubscribersGetEveryEventInOrder();
};

void TestLiveFeed::manySubscribersGetEveryEventInOrder_data()
{
    QTest::addColumn<int>("subscribers");
    QTest::addRow("few, written at once") << 4;
    QTest::addRow("many, coalesced") << 60;
}

void TestLiveFeed::manySubscribersGetEveryEventInOrder()
{
    QFETCH(int, subscribers);
    Server::ServerOptions options;
    options.threads = 1; // all subscribers on one worker
    TestServer server(options);
    QVERIFY(server.started);

    std::vector<std::unique_ptr<QTcpSocket>> streams;
    std::vector<QByteArray> received(static_cast<size_t>(subscribers));
    for (int i = 0; i < subscribers; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, server.server->port());
        QVERIFY(socket->waitForConnected(5'000));
        socket->write("GET /events?channels=seq HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        streams.push_back(std::move(socket));
    }
    auto readAll = [&] {
        for (size_t i = 0; i < streams.size(); ++i)
            received[i] += streams[i]->readAll();
    };
    auto everyone = [&](const QByteArray &needle) {
        readAll();
        for (const QByteArray &text : received) {
            if (!text.contains(needle))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(everyone(": subscribed"), 20'000);

    // Each POST is one batch of the engine.
    constexpr int kEvents = 30;
    QNetworkAccessManager nam;
    for (int n = 0; n < kEvents; ++n) {
        const Answer a =
            send(nam, "POST", server.url(u"/channel/seq"_s),
                 "{\"n\":" + QByteArray::number(n) + '}', {{"Content-Type", "application/json"}});
        QCOMPARE(a.status, 200);
    }
    const Engine::FrameSummary frame = server.engine->finishOpenFrame();
    const QByteArray frameEvent =
        "event: frame\ndata: {\"startAt\":" + QByteArray::number(frame.id);
    QTRY_VERIFY_WITH_TIMEOUT(everyone(frameEvent), 20'000);

    for (const QByteArray &text : received) {
        qsizetype at = 0;
        for (int n = 0; n < kEvents; ++n) {
            const qsizetype next =
                text.indexOf(QByteArray("\"json\":{\"n\":" + QByteArray::number(n) + "}}"), at);
            QVERIFY2(next > at, text.constData());
            at = next;
        }
        QVERIFY2(text.indexOf(frameEvent) > at, "the frame event came before its events");
        QCOMPARE(text.count("\"json\":{\"n\":"), kEvents);
    }
}

QTEST_GUILESS_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
