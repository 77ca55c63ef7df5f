// SPDX-License-Identifier: GPL-3.0-or-later
// Requests no browser would send, over raw sockets: each gets its documented answer (or the
// connection is closed), and the server goes on serving. Plus the limits on time, connections,
// clients that leave in the middle of an answer, and live subscribers that stop reading.
#include "httptestutil.h"
#include "rawhttp.h"

#include "server/servermetrics.h"

#include <QTimer>

#include <memory>
#include <vector>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

class TestHostile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileRequest_data();
    void hostileRequest();
    void hostileRequestByteByByte_data() { hostileRequest_data(); }
    void hostileRequestByteByByte();
    void pipelinedAnswersInOrder();
    void expectContinue();
    void chunkedUpload();
    void noContentTypeIsOctetStream();
    void bodyRefusedBeforeItIsRead();
    void incompleteHeadTimesOut();
    void idleConnectionCloses();
    void connectionCap();
    void dribblingPeerCannotShutOthersOut();
    void idleConnectionsMakeRoomAtThePeersCap();
    void slowBodyTimesOut();
    void clientLeavesDuringLargeFrame();
    void slowSubscriberIsDropped();

private:
    static Server::ServerOptions hostileOptions()
    {
        Server::ServerOptions o;
        o.limits.maxRequestLine = 1024;
        o.limits.maxHeaderBytes = 4096;
        o.limits.maxHeaders = 20;
        o.limits.maxBody = 64 * 1024;
        return o;
    }
    void connectTo(QTcpSocket &socket, const TestServer &server)
    {
        socket.connectToHost(QHostAddress::LocalHost, server.server->port());
        QVERIFY(socket.waitForConnected(5000));
    }
    void checkStillServing(const TestServer &server)
    {
        QTcpSocket socket;
        connectTo(socket, server);
        socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray pending;
        const QList<RawResponse> r = readResponses(socket, pending, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 200);
    }

    // The one answer is the error `error` with `status`.
    void checkRefused(QTcpSocket &socket, int status, const QString &error)
    {
        QByteArray pending;
        const QList<RawResponse> r = readResponses(socket, pending, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, status);
        QCOMPARE(QJsonDocument::fromJson(r[0].body).object()["error"_L1].toString(), error);
    }

    // The one answer to a hostile request: its status, an error body for errors, and the
    // connection closed or still serving as `closes` says; then the server serves others.
    void checkAnswer(QTcpSocket &socket, QByteArray &pending, QList<RawResponse> r, bool closed,
                     int status, bool closes)
    {
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, status);
        if (status >= 400) {
            const QJsonObject error = QJsonDocument::fromJson(r[0].body).object();
            QVERIFY2(!error["error"_L1].toString().isEmpty(), r[0].body.constData());
            QVERIFY(!error["detail"_L1].toString().isEmpty());
        }
        if (closes) {
            QCOMPARE(r[0].header("connection"), QByteArray("close"));
            if (!closed)
                QVERIFY(socket.state() == QAbstractSocket::UnconnectedState
                        || socket.waitForDisconnected(5000));
        } else {
            QVERIFY(!closed);
            socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
            r = readResponses(socket, pending, 1, &closed);
            QCOMPARE(r.size(), 1);
            QCOMPARE(r[0].status, 200);
        }
        checkStillServing(*m_server);
    }

    std::unique_ptr<TestServer> m_server;
};

void TestHostile::initTestCase()
{
    m_server = std::make_unique<TestServer>(hostileOptions());
    QVERIFY(m_server->started);
    m_server->engine->addFrame(TimeFrame::Frame {10'000, 20'000, {}});
}

void TestHostile::hostileRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("closes"); // false: the same connection answers one more request

    const QByteArray h = "Host: localhost\r\n";
    QTest::addRow("plain GET") << "GET /frame HTTP/1.1\r\n" + h + "\r\n" << 200 << false;
    QTest::addRow("lower-case method") << "get /frame HTTP/1.1\r\n" + h + "\r\n" << 405 << false;
    QTest::addRow("unknown method") << "BREW /frame HTTP/1.1\r\n" + h + "\r\n" << 405 << false;
    QTest::addRow("TRACE") << "TRACE /frame HTTP/1.1\r\n" + h + "\r\n" << 405 << false;
    QTest::addRow("no Host in 1.1") << QByteArray("GET /frame HTTP/1.1\r\n\r\n") << 400 << true;
    QTest::addRow("two Hosts") << "GET /frame HTTP/1.1\r\n" + h + h + "\r\n" << 400 << true;
    QTest::addRow("HTTP/1.0 closes") << QByteArray("GET /frame HTTP/1.0\r\n\r\n") << 200 << true;
    QTest::addRow("HTTP/1.0 keep-alive")
        << QByteArray("GET /frame HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << 200 << false;
    QTest::addRow("Connection: close")
        << "GET /frame HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n"
        << 200 << true;
    QTest::addRow("HTTP/2.0 line") << "GET /frame HTTP/2.0\r\n" + h + "\r\n" << 505 << true;
    // The request line is judged before the header's size, however the bytes arrive.
    QTest::addRow("HTTP/0.9 line, large header")
        << "GET /frame HTTP/0.9\r\n" + h + "X-Big: " + QByteArray(5000, 'b') + "\r\n\r\n"
        << 505 << true;
    QTest::addRow("not HTTP") << "GET /frame HTTX/1.1\r\n" + h + "\r\n" << 400 << true;
    QTest::addRow("no version") << QByteArray("GET /frame\r\n\r\n") << 400 << true;
    QTest::addRow("relative target") << "GET frame HTTP/1.1\r\n" + h + "\r\n" << 400 << true;
    QTest::addRow("NUL in target")
        << QByteArray("GET /fr\0me HTTP/1.1\r\nHost: localhost\r\n\r\n", 33) << 400 << true;
    QTest::addRow("absolute-form target") << "GET http://t/frame HTTP/1.1\r\n" + h + "\r\n"
                                          << 200 << false;
    QTest::addRow("request line too long") << "GET /" + QByteArray(2000, 'a') + " HTTP/1.1\r\n" + h
            + "\r\n" << 414 << true;
    QTest::addRow("8 MB path") << "GET /" + QByteArray(8 << 20, 'a') + " HTTP/1.1\r\n" + h + "\r\n"
                               << 414 << true;
    QTest::addRow("header too large")
        << "GET /frame HTTP/1.1\r\n" + h + "X-Big: " + QByteArray(5000, 'b') + "\r\n\r\n"
        << 431 << true;
    QByteArray many = "GET /frame HTTP/1.1\r\n" + h;
    for (int i = 0; i < 25; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::addRow("too many headers") << many + "\r\n" << 431 << true;
    QTest::addRow("never-ending header")
        << "GET /frame HTTP/1.1\r\n" + h + "X-Endless: " + QByteArray(1 << 20, 'e') << 431 << true;
    QTest::addRow("header without colon") << "GET /frame HTTP/1.1\r\n" + h + "Broken\r\n\r\n"
                                          << 400 << true;
    QTest::addRow("folded header") << "GET /frame HTTP/1.1\r\n" + h + "X-A: 1\r\n  2\r\n\r\n"
                                   << 400 << true;
    QTest::addRow("space before colon")
        << QByteArray("GET /frame HTTP/1.1\r\nHost : t\r\n\r\n") << 400 << true;
    QTest::addRow("control character in value") << "GET /frame HTTP/1.1\r\n" + h
            + "X-A: a\x01b\r\n\r\n" << 400 << true;
    QTest::addRow("negative Content-Length")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Content-Length: -5\r\n\r\n"
        << 400 << true;
    QTest::addRow("Content-Length abc")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n"
        << 400 << true;
    QTest::addRow("two Content-Lengths")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"
        << 400 << true;
    QTest::addRow("Content-Length and chunked") << "POST /channel/a HTTP/1.1\r\n" + h
            + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"
                                                << 400 << true;
    QTest::addRow("unknown transfer coding")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\n"
        << 501 << true;
    QTest::addRow("chunked over HTTP/1.0")
        << QByteArray("POST /channel/a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 400 << true;
    QTest::addRow("chunk size zz") << "POST /channel/a HTTP/1.1\r\n" + h
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
                                   << 400 << true;
    QTest::addRow("chunk longer than its size") << "POST /channel/a HTTP/1.1\r\n" + h
            + "Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n"
                                                << 400 << true;
    QTest::addRow("chunks over the body limit") << "POST /channel/a HTTP/1.1\r\n" + h
            + "Transfer-Encoding: chunked\r\n\r\n10000\r\n" + QByteArray(0x10000, 'x')
            + "\r\n10\r\n" << 413 << true;
    QTest::addRow("declared 100 GB body")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Content-Length: 107374182400\r\n\r\nxyz" << 413
        << true;
    QTest::addRow("Expect other than continue")
        << "POST /channel/a HTTP/1.1\r\n" + h + "Expect: teapot\r\nContent-Length: 1\r\n\r\nx"
        << 417 << true;
    QTest::addRow("NUL in channel id")
        << "POST /channel/a%00b HTTP/1.1\r\n" + h + "Content-Length: 1\r\n\r\nx" << 400 << false;
    QTest::addRow("escaped slash in channel id") << "POST /channel/room%2Fa HTTP/1.1\r\n" + h
            + "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\nx"
                                                 << 200 << false;
    QTest::addRow("overflowing frame id") << "GET /99999999999999999999 HTTP/1.1\r\n" + h + "\r\n"
                                          << 404 << false;
    QTest::addRow("bare LF line ends")
        << QByteArray("GET /frame HTTP/1.1\nHost: localhost\n\n") << 200 << false;
    QTest::addRow("empty lines first") << "\r\n\r\nGET /frame HTTP/1.1\r\n" + h + "\r\n"
                                       << 200 << false;
    QTest::addRow("binary garbage")
        << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 400 << true;
}

void TestHostile::hostileRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(bool, closes);
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.write(request);
    QByteArray pending;
    bool closed = false;
    const QList<RawResponse> r = readResponses(socket, pending, 1, &closed);
    checkAnswer(socket, pending, r, closed, status, closes);
}

// The same requests, one byte per write: the guard decides the same at every split, and
// QHttpServer behind it never sees a partial request.
void TestHostile::hostileRequestByteByByte()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(bool, closes);
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray pending;
    QList<RawResponse> r;
    // Once an answer arrived (a refusal comes after a few kB of an 8 MB path), the rest of the
    // request would only be drained by the server.
    for (qsizetype i = 0; i < request.size() && r.isEmpty(); ++i) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.write(request.constData() + i, 1);
        socket.flush();
        if (i % 64 == 63 || i + 1 == request.size()) {
            socket.waitForReadyRead(0); // takes in what the server answered so far
            pending += socket.readAll();
            r += takeResponses(pending);
        }
    }
    bool closed = false;
    if (r.isEmpty())
        r = readResponses(socket, pending, 1, &closed);
    checkAnswer(socket, pending, r, closed, status, closes);
}

void TestHostile::pipelinedAnswersInOrder()
{
    QTcpSocket socket;
    connectTo(socket, *m_server);
    // Sent in one write: the answers come back in the order of the requests.
    socket.write("GET /time HTTP/1.1\r\nHost: localhost\r\n\r\n"
                 "GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n"
                 "OPTIONS /10000 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                 "GET /frame HTTP/1.1\r\nHost: localhost\r\n\r\n"
                 "POST /frame HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc"
                 "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray pending;
    const QList<RawResponse> r = readResponses(socket, pending, 6);
    QCOMPARE(r.size(), 6);
    QList<int> statuses;
    for (const RawResponse &x : r)
        statuses.append(x.status);
    QCOMPARE(statuses, (QList<int> {200, 404, 204, 200, 405, 200}));
    QVERIFY(r[0].body.startsWith("{\"now\":"));
    QCOMPARE(r[2].header("allow"), QByteArray("GET, HEAD, OPTIONS"));
    QVERIFY(r[3].body.startsWith("[{"));
    QVERIFY(r[5].body.contains("\"state\""));
}

void TestHostile::expectContinue()
{
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.write("POST /channel/cont HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                 "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QByteArray pending;
    for (int i = 0; i < 100 && !pending.contains("\r\n\r\n"); ++i) {
        socket.waitForReadyRead(50);
        pending += socket.readAll();
    }
    QVERIFY(pending.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    pending.remove(0, 25);
    socket.write("hello");
    const QList<RawResponse> r = readResponses(socket, pending, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
}

void TestHostile::chunkedUpload()
{
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.write(
        "POST /channel/chunky HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
        "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: yes\r\n\r\n");
    QByteArray pending;
    const QList<RawResponse> r = readResponses(socket, pending, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    bool found = false;
    for (const TimeFrame::Channel &c : frame->channels) {
        if (c.id == u"chunky"_s) {
            found = true;
            QCOMPARE(c.items.back().data, QByteArray("{\"a\":1}"));
        }
    }
    QVERIFY(found);
}

void TestHostile::noContentTypeIsOctetStream()
{
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.write(
        "POST /channel/untyped HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n\x01\x02");
    QByteArray pending;
    const QList<RawResponse> r = readResponses(socket, pending, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    for (const TimeFrame::Channel &c : frame->channels) {
        if (c.id == u"untyped"_s)
            QCOMPARE(c.type, u"application/octet-stream"_s);
    }
}

void TestHostile::bodyRefusedBeforeItIsRead()
{
    // The answer arrives while the client has sent only the head of a 10 MB body.
    QTcpSocket socket;
    connectTo(socket, *m_server);
    socket.write("POST /batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                 "Content-Length: 10485760\r\n\r\n");
    checkRefused(socket, 413, u"body_too_large"_s);
    if (QTest::currentTestFailed())
        return;
    checkStillServing(*m_server);
}

void TestHostile::incompleteHeadTimesOut()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.idleTimeoutMs = 200;
    TestServer server(options);
    QVERIFY(server.started);
    QTcpSocket socket;
    connectTo(socket, server);
    socket.write("GET /frame HTTP/1.1\r\nHost: localhost\r\nX-Slow: "); // and nothing more
    QByteArray pending;
    bool closed = false;
    const QList<RawResponse> r = readResponses(socket, pending, 1, &closed);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 408);
    QVERIFY(closed || socket.waitForDisconnected(5000));
    checkStillServing(server);
}

void TestHostile::idleConnectionCloses()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.idleTimeoutMs = 200;
    TestServer server(options);
    QVERIFY(server.started);
    QTcpSocket socket;
    connectTo(socket, server);
    socket.write("GET /time HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QByteArray pending;
    QCOMPARE(readResponses(socket, pending, 1).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(server.server->metrics().connections(), 0, 10'000);
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState
            || socket.waitForDisconnected(5000));
}

void TestHostile::connectionCap()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.maxConnections = 3;
    TestServer server(options);
    QVERIFY(server.started);
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<QTcpSocket>());
        connectTo(*held.back(), server);
        held.back()->write("GET /time HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray pending;
        QCOMPARE(readResponses(*held.back(), pending, 1).size(), 1);
    }
    QTRY_COMPARE(server.server->metrics().connections(), 3);
    QTcpSocket extra;
    connectTo(extra, server);
    checkRefused(extra, 503, u"too_many_connections"_s);
    if (QTest::currentTestFailed())
        return;
    held.clear();
    QTRY_COMPARE(server.server->metrics().connections(), 0);
    checkStillServing(server);
}

void TestHostile::dribblingPeerCannotShutOthersOut()
{
    // Two sockets per connection live in this process (client and server side).
    rlimit limit {};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    limit.rlim_cur = limit.rlim_max;
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
    constexpr int kDribblers = 1100;
    QVERIFY2(limit.rlim_cur >= 2 * kDribblers + 200, "the descriptor limit is too low");

    Server::ServerOptions options = hostileOptions();
    options.limits.headerTimeoutMs = 2000;
    options.limits.maxHeaders = 100'000; // the dribbled lines are limited by time alone
    options.limits.maxHeaderBytes = 1 << 20;
    TestServer server(options);
    QVERIFY(server.started);
    QCOMPARE(options.limits.maxConnectionsPerPeer, 64); // the default

    struct Dribbler
    {
        std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
        QByteArray received;
    };
    std::vector<Dribbler> dribblers(kDribblers);
    for (Dribbler &d : dribblers) {
        QTcpSocket *socket = d.socket.get();
        QByteArray *received = &d.received;
        connect(socket, &QTcpSocket::connected, socket,
                [socket] { socket->write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n"); });
        connect(socket, &QTcpSocket::readyRead, socket,
                [socket, received] { received->append(socket->readAll()); });
        socket->connectToHost(QHostAddress::LocalHost, server.server->port());
    }
    // A header line now and then on every connection, answered or not, as an attacker would.
    QTimer dribble;
    int line = 0;
    connect(&dribble, &QTimer::timeout, &dribble, [&] {
        const QByteArray text = "X-Dribble: " + QByteArray::number(++line) + "\r\n";
        for (Dribbler &d : dribblers) {
            if (d.socket->state() == QAbstractSocket::ConnectedState)
                d.socket->write(text);
        }
    });
    dribble.start(400);

    auto answered = [](const Dribbler &d) {
        return d.received.contains("\r\n\r\n");
    };
    auto waiting = [&] {
        return int(std::count_if(dribblers.begin(), dribblers.end(), [&](const Dribbler &d) {
            return d.socket->state() == QAbstractSocket::ConnectedState && !answered(d);
        }));
    };
    // A client of another address is served at once while the dribblers hold their places.
    auto probe = [&] {
        QTcpSocket other;
        if (!other.bind(QHostAddress(u"127.0.0.2"_s), 0))
            return -1;
        other.connectToHost(QHostAddress::LocalHost, server.server->port());
        if (!other.waitForConnected(5000))
            return -2;
        other.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray pending;
        const QList<RawResponse> got = readResponses(other, pending, 1);
        return got.isEmpty() ? 0 : got[0].status;
    };
    // Once every connection was accepted: the cap of 64 holds, the rest got their 503.
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(dribblers.begin(), dribblers.end(),
                    [&](const Dribbler &d) {
                        return answered(d) || d.socket->state() == QAbstractSocket::ConnectedState;
                    }),
        30'000);
    int probes = 0;
    while (waiting() > 0) {
        if (waiting() >= 64)
            ++probes; // probed while the peer's places were all taken
        QCOMPARE(probe(), 200);
        QTest::qWait(100);
        QVERIFY2(line < 200, "the dribblers were never timed out");
    }
    QVERIFY(probes > 0);
    QCOMPARE(probe(), 200);

    int timedOut = 0;
    int refused = 0;
    for (const Dribbler &d : dribblers) {
        QVERIFY2(answered(d), d.received.constData());
        if (d.received.startsWith("HTTP/1.1 408 "))
            ++timedOut;
        else if (d.received.startsWith("HTTP/1.1 503 "))
            ++refused;
        QVERIFY2(d.received.contains("\"error\":\"request_timeout\"")
                     || d.received.contains("\"error\":\"too_many_connections\""),
                 d.received.constData());
    }
    QCOMPARE(timedOut + refused, kDribblers);
    QVERIFY2(timedOut >= 64, qPrintable(QString::number(timedOut)));
    dribble.stop();
    dribblers.clear();
    checkStillServing(server);
}

// A producer that opens a connection for every event and never closes it (the original
// server's demo producer does, when an answer has a body it never reads) is served: at its cap,
// its connection idle the longest gives its place. Connections in the middle of a request never
// do, so the cap still holds against a peer that keeps them busy.
void TestHostile::idleConnectionsMakeRoomAtThePeersCap()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.maxConnectionsPerPeer = 4;
    TestServer server(options);
    QVERIFY(server.started);
    const QByteArray head = "POST /event/led HTTP/1.1\r\nHost: localhost\r\n"
                            "Content-Type: application/json\r\nContent-Length: 1\r\n";
    constexpr int kEvents = 20;
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < kEvents; ++i) {
        held.push_back(std::make_unique<QTcpSocket>());
        connectTo(*held.back(), server);
        held.back()->write(head + "\r\n1");
        QByteArray pending;
        const QList<RawResponse> r = readResponses(*held.back(), pending, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 200);
    }
    QCOMPARE(server.engine->status().eventsAccepted, kEvents);
    QTRY_COMPARE(server.server->metrics().connections(), 4);
    // The oldest were closed by the server; the newest four still serve.
    for (int i = 0; i < kEvents - 4; ++i) {
        QVERIFY2(held[size_t(i)]->state() == QAbstractSocket::UnconnectedState
                     || held[size_t(i)]->waitForDisconnected(5000),
                 qPrintable(QString::number(i)));
    }
    for (int i = kEvents - 4; i < kEvents; ++i) {
        QTcpSocket &socket = *held[size_t(i)];
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        // Busy from now on: the head is read (100 Continue), the body still to come.
        socket.write(head + "Expect: 100-continue\r\n\r\n");
        QByteArray got;
        for (int rounds = 0; rounds < 100 && !got.contains("\r\n\r\n"); ++rounds) {
            socket.waitForReadyRead(50);
            got += socket.readAll();
        }
        QVERIFY2(got.startsWith("HTTP/1.1 100 "), got.constData());
    }
    QTcpSocket extra;
    connectTo(extra, server);
    checkRefused(extra, 503, u"too_many_connections"_s);
    if (QTest::currentTestFailed())
        return;
    // The busy ones were not disturbed: their events are accepted.
    for (int i = kEvents - 4; i < kEvents; ++i) {
        QTcpSocket &socket = *held[size_t(i)];
        socket.write("1");
        QByteArray rest;
        const QList<RawResponse> r = readResponses(socket, rest, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 200);
    }
    QCOMPARE(server.engine->status().eventsAccepted, kEvents + 4);
    held.clear();
    QTRY_COMPARE(server.server->metrics().connections(), 0);
    checkStillServing(server);
}

void TestHostile::slowBodyTimesOut()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.bodyGraceMs = 300;
    options.limits.minBodyBytesPerSecond = 1024;
    TestServer server(options);
    QVERIFY(server.started);
    QTcpSocket socket;
    connectTo(socket, server);
    socket.write("POST /channel/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                 "text/plain\r\nContent-Length: 60000\r\n\r\n");
    QByteArray pending;
    QList<RawResponse> r;
    // A byte now and then keeps the connection from being idle, not the body from being slow.
    for (int i = 0; i < 400 && r.isEmpty() && socket.state() == QAbstractSocket::ConnectedState;
         ++i) {
        socket.write("x");
        socket.waitForReadyRead(50);
        pending += socket.readAll();
        r = takeResponses(pending);
    }
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 408);
    QCOMPARE(QJsonDocument::fromJson(r[0].body).object()["error"_L1].toString(),
             u"request_timeout"_s);
    QCOMPARE(server.engine->status().eventsAccepted, 0);
    checkStillServing(server);
}

void TestHostile::clientLeavesDuringLargeFrame()
{
    TestServer server(hostileOptions());
    QVERIFY(server.started);
    TimeFrame::Frame big {50'000, 60'000, {}};
    big.channels.append(TimeFrame::Channel {u"blob"_s, u"application/octet-stream"_s, {}});
    for (int i = 0; i < 8; ++i)
        big.channels[0].items.append(
            TimeFrame::Item {50'000 + i, QByteArray(1 << 20, char('a' + i))});
    server.engine->addFrame(big);
    for (int round = 0; round < 20; ++round) {
        QTcpSocket socket;
        connectTo(socket, server);
        socket.write("GET /50000 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        socket.abort(); // in the middle of 8 MB
    }
    QTRY_COMPARE(server.server->metrics().connections(), 0);
    // And the whole frame still arrives intact for a client that stays.
    QNetworkAccessManager nam;
    const Answer a = send(nam, "GET", server.url(u"/50000"_s));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, *server.engine->frameBytes(50'000));
}

void TestHostile::slowSubscriberIsDropped()
{
    Server::ServerOptions options = hostileOptions();
    options.limits.maxSubscriberBacklog = 64 * 1024;
    TestServer server(options);
    QVERIFY(server.started);
    QTcpSocket slow;
    // A client that reads nothing: its kernel buffers fill, then the server's backlog grows.
    slow.setReadBufferSize(4096);
    slow.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    connectTo(slow, server);
    slow.write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QTRY_COMPARE(server.server->metrics().subscribers(), 1);

    QNetworkAccessManager nam;
    const QByteArray payload(32 * 1024, 'p');
    int posted = 0;
    // Ingest never waits for the subscriber: every post is answered at once.
    for (; posted < 2000 && server.server->metrics().subscribers() > 0; ++posted) {
        const Answer a = send(nam, "POST", server.url(u"/channel/flood"_s), payload,
                              {{"Content-Type", "application/octet-stream"}});
        QCOMPARE(a.status, 200);
    }
    QTRY_COMPARE(server.server->metrics().subscribers(), 0);
    QVERIFY(posted < 2000);

    // Reading now, the client finds the farewell at the end of its stream.
    slow.setReadBufferSize(0);
    QByteArray all;
    for (int i = 0; i < 2000 && slow.state() == QAbstractSocket::ConnectedState; ++i) {
        slow.waitForReadyRead(50);
        all += slow.readAll();
    }
    all += slow.readAll();
    QVERIFY2(all.contains("event: dropped\ndata: {\"error\":\"slow_subscriber\""),
             all.right(300).constData());
    checkStillServing(server);
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
