// SPDX-License-Identifier: GPL-3.0-or-later
// The live feed with many subscribers on one worker, where events are coalesced before they are
// written: every subscriber still gets every event, in order, and a frame's events before the
// frame. And with subscribers that never read: the real server's memory stays bounded, and comes
// back once they are gone.
#include "headlessprocess.h"
#include "httptestutil.h"

#include <QTcpSocket>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestLiveFeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manySubscribersGetEveryEventInOrder_data();
    void manySubscribersGetEveryEventInOrder();
    void stalledSubscribersKeepMemoryBounded();
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

namespace {

// A GET /events connection whose client never reads: a tiny receive buffer, nothing taken out.
int openStalledSubscriber(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const QByteArray request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::write(fd, request.constData(), size_t(request.size())) != request.size()) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// One gauge of GET /metrics; -1 where it cannot be read.
qint64 metric(QNetworkAccessManager &nam, quint16 port, const QByteArray &name)
{
    const Answer answer = send(nam, "GET", QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(port)));
    const QByteArray prefix = name + ' ';
    for (const QByteArray &line : answer.body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(name.size() + 1).toLongLong();
    }
    return -1;
}

} // namespace

void TestLiveFeed::stalledSubscribersKeepMemoryBounded()
{
    constexpr int kSubscribers = 300;
    constexpr qint64 kMiB = 1024 * 1024;
#ifdef __SANITIZE_ADDRESS__
    // ASan's shadow memory and its 256 MiB quarantine of freed blocks count in the RSS, and its
    // allocator does not hand memory back on malloc_trim.
    constexpr qint64 kPeakBound = 768 * kMiB;
    constexpr qint64 kAfterBound = 768 * kMiB;
#else
    // Unbounded, the server reached about 1.3 GiB.
    constexpr qint64 kPeakBound = 200 * kMiB;
    constexpr qint64 kAfterBound = 100 * kMiB;
#endif
    HeadlessProcess server;
    QVERIFY2(server.start({u"--max-connections-per-peer"_s, u"1000"_s}),
             server.output().constData());
    QNetworkAccessManager nam;

    std::vector<int> stalled;
    auto closeAll = qScopeGuard([&] {
        for (const int fd : stalled)
            ::close(fd);
    });
    for (int i = 0; i < kSubscribers; ++i) {
        const int fd = openStalledSubscriber(server.port());
        QVERIFY(fd >= 0);
        stalled.push_back(fd);
    }
    QTRY_COMPARE_WITH_TIMEOUT(metric(nam, server.port(), "syncstreamer_live_subscribers"),
                              qint64(kSubscribers), 30'000);

    // 16 MiB of events: without a bound every subscriber would hold its own 4 MiB of them.
    const QByteArray event(64 * 1024, 'e');
    const QUrl url(u"http://127.0.0.1:%1/channel/bulk"_s.arg(server.port()));
    for (int i = 0; i < 256; ++i) {
        const Answer answer =
            send(nam, "POST", url, event, {{"Content-Type", "application/octet-stream"}});
        QCOMPARE(answer.status, 200);
    }
    // The events reached the feed (the backlog gauge moved), then the bound held.
    QTRY_VERIFY_WITH_TIMEOUT(metric(nam, server.port(),
                                    "syncstreamer_live_subscribers_dropped_"
                                    "total")
                                 > 0,
                             30'000);
    const qint64 peak = server.peakRss();
    qInfo("server peak RSS with %d stalled subscribers: %lld MiB", kSubscribers, peak / kMiB);
    QVERIFY2(peak < kPeakBound, qPrintable(u"peak RSS %1 MiB"_s.arg(peak / kMiB)));
    QVERIFY(metric(nam, server.port(), "syncstreamer_live_backlog_bytes") <= 64 * kMiB);

    // Gone: the memory comes back.
    for (const int fd : stalled)
        ::close(fd);
    stalled.clear();
    QTRY_COMPARE_WITH_TIMEOUT(metric(nam, server.port(), "syncstreamer_live_subscribers"),
                              qint64(0), 30'000);
    // A wait, not a bound: on a loaded machine the server can take a minute to hand it back.
    QTRY_VERIFY2_WITH_TIMEOUT(server.rss() < kAfterBound,
                              qPrintable(u"RSS %1 MiB"_s.arg(server.rss() / kMiB)), 120'000);
}

QTEST_GUILESS_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
