// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API over real HTTP (QNetworkAccessManager against a server on a free port):
// every endpoint, header and error of docs/API.md, on an in-memory engine.
#include "httptestutil.h"
#include "rawhttp.h"

#include "format/frameview.h"
#include "server/servermetrics.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(TimeFrame::Layout)

namespace {

TimeFrame::Frame sampleFrame(qint64 start, int items = 3)
{
    TimeFrame::Frame f {start, start + 10'000, {}};
    TimeFrame::Channel c {u"temp"_s, u"application/json"_s, {}};
    for (int i = 0; i < items; ++i)
        c.items.append(TimeFrame::Item {start + i, QByteArray::number(20 + i)});
    f.channels.append(c);
    return f;
}

using Headers = QList<std::pair<QByteArray, QByteArray>>;

} // namespace

class TestHttpApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void indexListsNewestFirst();
    void indexSelection_data();
    void indexSelection();
    void indexDefaultLimit();
    void frameBytesAndHeaders_data();
    void frameBytesAndHeaders();
    void unknownFrame_data();
    void unknownFrame();
    void conditionalGet_data();
    void conditionalGet();
    void headRequests_data();
    void headRequests();
    void ranges_data();
    void ranges();
    void cors_data();
    void cors();
    void preflight();
    void writeOrigins_data();
    void writeOrigins();
    void hostCheck_data();
    void hostCheck();
    void hostCheckedOnEveryRequestOfAConnection();

    void ingest_data();
    void ingest();
    void ingestAck();
    void originalIngestPath();
    void indexCarriesTheOriginalKeys();
    void originalFramePathServesTheReferenceLayout();
    void ingestTimestamp();
    void storageUnavailable();
    void bodyTooLarge();
    void batchTimeFrame();
    void batchTimeFrameReferenceLayout();
    void batchNdjson();
    void batchNdjsonKeepsJsonBytes();
    void batchOutsideOpenFrame();
    void batchAllOrNothing_data();
    void batchAllOrNothing();

    void routing_data();
    void routing();
    void webPlayer();
    void webPlayerConditionalAndHead();
    void webPlayerNoTraversal();

    void openFrame();
    void liveEvents();
    void liveEventsFilter();
    void channels();
    void health();
    void metrics();
    void time();

    void writeToken_data();
    void writeToken();
    void readToken();
    void remoteWriteWithoutToken();
    void https();

private:
    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_nam;

    Answer get(const QString &path, const Headers &headers = {})
    {
        return send(m_nam, "GET", m_server->url(path), {}, headers);
    }
    Answer post(const QString &path, const QByteArray &body, const QByteArray &type,
                const Headers &extra = {})
    {
        Headers headers = extra;
        headers.append({"Content-Type", type});
        return send(m_nam, "POST", m_server->url(path), body, headers);
    }
    // One request over a socket of its own, for what QNetworkAccessManager will not send.
    RawResponse raw(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->server->port());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        QByteArray pending;
        const QList<RawResponse> got = readResponses(socket, pending, 1);
        return got.value(0);
    }
    void fresh(Server::ServerOptions options = {})
    {
        m_server.reset();
        m_server = std::make_unique<TestServer>(std::move(options));
        QVERIFY(m_server->started);
    }
};

void TestHttpApi::initTestCase()
{
    fresh();
}

void TestHttpApi::indexListsNewestFirst()
{
    fresh();
    const Answer empty = get(u"/frame"_s);
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.body, QByteArray("[]"));
    QCOMPARE(empty.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(empty.header("Content-Type").startsWith("application/json"));

    m_server->engine->addFrame(sampleFrame(10'000));
    m_server->engine->addFrame(sampleFrame(30'000, 2));
    m_server->engine->addFrame(sampleFrame(20'000));
    const Answer a = get(u"/frame"_s);
    QCOMPARE(a.status, 200);
    const QJsonArray frames = a.array();
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames[0]["id"_L1].toString(), u"30000"_s); // a string, as in the format's README
    QCOMPARE(frames[0]["startAt"_L1].toInteger(), 30'000);
    QCOMPARE(frames[0]["endAt"_L1].toInteger(), 40'000);
    QCOMPARE(frames[0]["channels"_L1].toInt(), 1);
    QCOMPARE(frames[0]["items"_L1].toInt(), 2);
    QCOMPARE(frames[0]["size"_L1].toInteger(), m_server->engine->frameBytes(30'000)->size());
    QCOMPARE(frames[1]["id"_L1].toString(), u"20000"_s);
    QCOMPARE(frames[2]["id"_L1].toString(), u"10000"_s);
    // The original's fields come first, in its order.
    QVERIFY(a.body.startsWith("[{\"startAt\":30000,\"endAt\":40000,\"id\":\"30000\""));
}

void TestHttpApi::indexSelection_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<qint64>>("ids");
    QTest::addRow("limit") << u"?limit=2"_s << 200 << QList<qint64> {50'000, 40'000};
    QTest::addRow("limit 0") << u"?limit=0"_s << 200 << QList<qint64> {};
    QTest::addRow("from") << u"?from=35000"_s << 200 << QList<qint64> {50'000, 40'000, 30'000};
    QTest::addRow("to") << u"?to=30000"_s << 200 << QList<qint64> {20'000, 10'000};
    QTest::addRow("from and to") << u"?from=20000&to=40000"_s << 200
                                 << QList<qint64> {30'000, 20'000};
    QTest::addRow("from, to, limit")
        << u"?from=0&to=99999&limit=1"_s << 200 << QList<qint64> {50'000};
    QTest::addRow("bad limit") << u"?limit=ten"_s << 400 << QList<qint64> {};
    QTest::addRow("negative limit") << u"?limit=-1"_s << 400 << QList<qint64> {};
    QTest::addRow("bad from") << u"?from=1e3"_s << 400 << QList<qint64> {};
    QTest::addRow("overflow to") << u"?to=99999999999999999999"_s << 400 << QList<qint64> {};
}

void TestHttpApi::indexSelection()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QList<qint64>, ids);
    fresh();
    for (qint64 start : {10'000, 20'000, 30'000, 40'000, 50'000})
        m_server->engine->addFrame(sampleFrame(start));
    const Answer a = get(u"/frame"_s + query);
    QCOMPARE(a.status, status);
    if (status != 200) {
        QCOMPARE(a.object()["error"_L1].toString(), u"bad_parameter"_s);
        QVERIFY(!a.object()["detail"_L1].toString().isEmpty());
        return;
    }
    QList<qint64> got;
    for (const QJsonValue &v : a.array())
        got.append(v["id"_L1].toString().toLongLong());
    QCOMPARE(got, ids);
}

void TestHttpApi::indexDefaultLimit()
{
    Server::ServerOptions options;
    options.indexLimit = 3;
    fresh(options);
    for (int i = 1; i <= 5; ++i)
        m_server->engine->addFrame(sampleFrame(i * 10'000));
    QCOMPARE(get(u"/frame"_s).array().size(), 3);
    QCOMPARE(get(u"/frame"_s).array()[0]["id"_L1].toString().toLongLong(), 50'000);
    QCOMPARE(get(u"/frame?limit=5"_s).array().size(), 5);
}

void TestHttpApi::frameBytesAndHeaders_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<TimeFrame::Layout>("layout");
    QTest::addRow("documented path") << u"/10000"_s << TimeFrame::Layout::Documented;
    QTest::addRow("original path") << u"/frame/10000"_s << TimeFrame::Layout::Reference;
}

void TestHttpApi::frameBytesAndHeaders()
{
    QFETCH(QString, path);
    QFETCH(TimeFrame::Layout, layout);
    fresh();
    const auto summary = m_server->engine->addFrame(sampleFrame(10'000));
    const Answer a = get(path);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, TimeFrame::encode(sampleFrame(10'000), layout).value());
    QCOMPARE(a.header("Content-Type"), QByteArray("application/octet-stream"));
    QCOMPARE(a.header("Content-Length").toLongLong(), summary.size);
    QCOMPARE(a.header("Cache-Control"), QByteArray("public, max-age=31536000, immutable"));
    QCOMPARE(a.header("Accept-Ranges"), QByteArray("bytes"));
    QCOMPARE(a.header("Access-Control-Allow-Origin"), QByteArray("*"));
    const QByteArray etag = a.header("ETag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"')); // strong: no W/
    QCOMPARE(get(path).header("ETag"), etag); // stable
    QVERIFY(TimeFrame::FrameView::index(a.body, layout).ok());
}

void TestHttpApi::unknownFrame_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("unknown id") << u"/12345"_s;
    QTest::addRow("unknown id, alias") << u"/frame/12345"_s;
    QTest::addRow("not a number") << u"/frame/abc"_s;
    QTest::addRow("overflowing id") << u"/99999999999999999999"_s;
}

void TestHttpApi::unknownFrame()
{
    QFETCH(QString, path);
    const Answer a = get(path);
    QCOMPARE(a.status, 404);
    QCOMPARE(a.object()["error"_L1].toString(), u"not_found"_s);
    QVERIFY(!a.object()["detail"_L1].toString().isEmpty());
}

void TestHttpApi::conditionalGet_data()
{
    QTest::addColumn<QByteArray>("ifNoneMatch"); // "$" stands for the frame's ETag
    QTest::addColumn<int>("status");
    QTest::addRow("same tag") << QByteArray("$") << 304;
    QTest::addRow("weak form of the tag") << QByteArray("W/$") << 304;
    QTest::addRow("in a list") << QByteArray("\"other\", $") << 304;
    QTest::addRow("star") << QByteArray("*") << 304;
    QTest::addRow("other tag") << QByteArray("\"other\"") << 200;
}

void TestHttpApi::conditionalGet()
{
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(int, status);
    fresh();
    m_server->engine->addFrame(sampleFrame(10'000));
    const QByteArray etag = get(u"/10000"_s).header("ETag");
    const Answer a = get(u"/10000"_s, {{"If-None-Match", ifNoneMatch.replace("$", etag)}});
    QCOMPARE(a.status, status);
    QCOMPARE(a.header("ETag"), etag);
    if (status == 304)
        QVERIFY(a.body.isEmpty());
}

void TestHttpApi::headRequests_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("frame") << u"/10000"_s;
    QTest::addRow("frame, original path") << u"/frame/10000"_s;
    QTest::addRow("index") << u"/frame"_s;
    QTest::addRow("open frame") << u"/frame/current"_s;
    QTest::addRow("health") << u"/healthz"_s;
}

void TestHttpApi::headRequests()
{
    QFETCH(QString, path);
    fresh();
    m_server->engine->addFrame(sampleFrame(10'000));
    const Answer full = get(path);
    const Answer head = send(m_nam, "HEAD", m_server->url(path));
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length").toLongLong(), full.body.size());
    QCOMPARE(head.header("Content-Type"), full.header("Content-Type"));
    QCOMPARE(head.header("ETag"), full.header("ETag"));
    // The connection is still usable: the next answer is not mixed with a stray body.
    QCOMPARE(get(path).body, full.body);
}

void TestHttpApi::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<QByteArray>("ifRange"); // "$": the ETag
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last"); // -1: the end
    QTest::addRow("first bytes") << QByteArray("bytes=0-9") << QByteArray() << 206 << 0LL << 9LL;
    QTest::addRow("middle") << QByteArray("bytes=5-14") << QByteArray() << 206 << 5LL << 14LL;
    QTest::addRow("open end") << QByteArray("bytes=10-") << QByteArray() << 206 << 10LL << -1LL;
    QTest::addRow("suffix") << QByteArray("bytes=-5") << QByteArray() << 206 << -5LL << -1LL;
    QTest::addRow("past the end is cut")
        << QByteArray("bytes=3-999999") << QByteArray() << 206 << 3LL << -1LL;
    QTest::addRow("if-range matches")
        << QByteArray("bytes=0-3") << QByteArray("$") << 206 << 0LL << 3LL;
    QTest::addRow("if-range differs")
        << QByteArray("bytes=0-3") << QByteArray("\"old\"") << 200 << 0LL << -1LL;
    QTest::addRow("several ranges: whole frame")
        << QByteArray("bytes=0-1,4-5") << QByteArray() << 200 << 0LL << -1LL;
    QTest::addRow("malformed: whole frame")
        << QByteArray("bytes=x-y") << QByteArray() << 200 << 0LL << -1LL;
    QTest::addRow("other unit: whole frame")
        << QByteArray("items=0-1") << QByteArray() << 200 << 0LL << -1LL;
    QTest::addRow("start past the end")
        << QByteArray("bytes=999999-") << QByteArray() << 416 << 0LL << 0LL;
    QTest::addRow("empty suffix") << QByteArray("bytes=-0") << QByteArray() << 416 << 0LL << 0LL;
}

void TestHttpApi::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(QByteArray, ifRange);
    QFETCH(int, status);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    fresh();
    m_server->engine->addFrame(sampleFrame(10'000, 5));
    const QByteArray bytes = *m_server->engine->frameBytes(10'000);
    const qint64 size = bytes.size();
    Headers headers {{"Range", range}};
    if (!ifRange.isEmpty())
        headers.append({"If-Range", ifRange.replace("$", get(u"/10000"_s).header("ETag"))});
    const Answer a = get(u"/10000"_s, headers);
    QCOMPARE(a.status, status);
    if (status == 416) {
        QCOMPARE(a.header("Content-Range"), "bytes */" + QByteArray::number(size));
        QCOMPARE(a.object()["error"_L1].toString(), u"range_not_satisfiable"_s);
        return;
    }
    if (status == 200) {
        QCOMPARE(a.body, bytes);
        return;
    }
    const qint64 from = first < 0 ? size + first : first;
    const qint64 to = last < 0 ? size - 1 : last;
    QCOMPARE(a.body, bytes.mid(from, to - from + 1));
    QCOMPARE(a.header("Content-Length").toLongLong(), to - from + 1);
    QCOMPARE(a.header("Content-Range"),
             "bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/'
                 + QByteArray::number(size));
}

void TestHttpApi::cors_data()
{
    QTest::addColumn<QByteArray>("readToken");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("expected"); // empty: no Access-Control-Allow-Origin
    QTest::addRow("public reads: any page")
        << QByteArray() << QStringList {} << QByteArray("http://a.example") << QByteArray("*");
    QTest::addRow("public reads, a list for writes")
        << QByteArray() << QStringList {u"http://a.example"_s} << QByteArray("http://evil.example")
        << QByteArray("*");
    QTest::addRow("read token: listed origin")
        << QByteArray("r") << QStringList {u"http://a.example"_s, u"http://b.example"_s}
        << QByteArray("http://b.example") << QByteArray("http://b.example");
    QTest::addRow("read token: unlisted origin")
        << QByteArray("r") << QStringList {u"http://a.example"_s}
        << QByteArray("http://evil.example") << QByteArray();
}

void TestHttpApi::cors()
{
    QFETCH(QByteArray, readToken);
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, expected);
    Server::ServerOptions options;
    options.readToken = readToken;
    options.allowedOrigins = allowed;
    fresh(options);
    m_server->engine->addFrame(sampleFrame(10'000));
    for (const QString &path : {u"/frame"_s, u"/10000"_s, u"/channels"_s}) {
        const Answer a = get(path, {{"Origin", origin}, {"Authorization", "Bearer " + readToken}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("Access-Control-Allow-Origin"), expected);
        if (expected != "*")
            QCOMPARE(a.header("Vary"), QByteArray("Origin"));
    }
}

void TestHttpApi::preflight()
{
    Server::ServerOptions options;
    options.allowedOrigins = {u"http://a.example"_s};
    fresh(options);
    auto ask = [&](const QString &path, const QByteArray &origin) {
        return send(m_nam, "OPTIONS", m_server->url(path), {},
                    {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}});
    };
    const Answer a = ask(u"/channel/x"_s, "http://a.example");
    QCOMPARE(a.status, 204);
    QVERIFY(a.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(a.header("Access-Control-Allow-Headers").contains("Authorization"));
    QCOMPARE(a.header("Access-Control-Allow-Origin"), QByteArray("http://a.example"));
    QCOMPARE(a.header("Vary"), QByteArray("Origin"));
    // A write from elsewhere is not invited, on any write path, nor with "*".
    for (const QString &path : {u"/channel/x"_s, u"/batch"_s}) {
        const Answer other = ask(path, "http://evil.example");
        QCOMPARE(other.status, 204);
        QCOMPARE(other.header("Access-Control-Allow-Origin"), QByteArray());
        QCOMPARE(other.header("Access-Control-Allow-Methods"), QByteArray());
        QCOMPARE(other.header("Vary"), QByteArray("Origin"));
    }
    const RawResponse any = raw("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nOrigin: "
                                "http://evil.example\r\nConnection: close\r\n\r\n");
    QCOMPARE(any.status, 204);
    QCOMPARE(any.header("Access-Control-Allow-Origin"), QByteArray());
    const Answer frame = send(m_nam, "OPTIONS", m_server->url(u"/frame"_s));
    QCOMPARE(frame.status, 204);
    QCOMPARE(frame.header("Allow"), QByteArray("GET, HEAD, OPTIONS"));
    // Reads are public: any page may ask.
    const Answer read =
        send(m_nam, "OPTIONS", m_server->url(u"/frame"_s), {}, {{"Origin", "http://evil.example"}});
    QCOMPARE(read.header("Access-Control-Allow-Origin"), QByteArray("*"));
}

void TestHttpApi::writeOrigins_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("origin"); // %PORT%: the server's port
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allowOrigin"); // Access-Control-Allow-Origin of the answer
    QTest::addRow("no origin") << QByteArray() << QByteArray() << 200 << QByteArray();
    QTest::addRow("foreign page") << QByteArray() << QByteArray("https://evil.example") << 403
                                  << QByteArray();
    QTest::addRow("foreign page with the token")
        << QByteArray("secret") << QByteArray("https://evil.example") << 403 << QByteArray();
    QTest::addRow("opaque origin") << QByteArray() << QByteArray("null") << 403 << QByteArray();
    QTest::addRow("own origin") << QByteArray() << QByteArray("http://127.0.0.1:%PORT%") << 200
                                << QByteArray("http://127.0.0.1:%PORT%");
    QTest::addRow("own origin, with the token")
        << QByteArray("secret") << QByteArray("http://127.0.0.1:%PORT%") << 200
        << QByteArray("http://127.0.0.1:%PORT%");
    QTest::addRow("a listening address") << QByteArray() << QByteArray("http://localhost:%PORT%")
                                         << 200 << QByteArray("http://localhost:%PORT%");
    QTest::addRow("this computer on another port")
        << QByteArray() << QByteArray("http://localhost:1") << 403 << QByteArray();
    QTest::addRow("own host, other scheme")
        << QByteArray() << QByteArray("https://127.0.0.1:%PORT%") << 403 << QByteArray();
    QTest::addRow("listed") << QByteArray() << QByteArray("https://producer.example") << 200
                            << QByteArray("https://producer.example");
    QTest::addRow("listed, default port spelled out")
        << QByteArray() << QByteArray("https://producer.example:443") << 200
        << QByteArray("https://producer.example:443");
}

void TestHttpApi::writeOrigins()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    QFETCH(QByteArray, allowOrigin);
    Server::ServerOptions options;
    options.writeToken = token;
    options.allowedOrigins = {u"https://Producer.example/"_s};
    fresh(options);
    const QByteArray port = QByteArray::number(m_server->server->port());
    origin.replace("%PORT%", port);
    allowOrigin.replace("%PORT%", port);
    Headers headers;
    if (!origin.isEmpty())
        headers.append({"Origin", origin});
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token});
    const Answer single = post(u"/channel/door"_s, "x", "text/plain", headers);
    const Answer batch =
        post(u"/batch"_s, R"({"channel":"door","type":"text/plain","base64":"eA=="})",
             "application/x-ndjson", headers);
    for (const Answer &a : {single, batch}) {
        QCOMPARE(a.status, status);
        QCOMPARE(a.header("Access-Control-Allow-Origin"), allowOrigin);
        if (status == 403)
            QCOMPARE(a.object()["error"_L1].toString(), u"forbidden_origin"_s);
    }
    QCOMPARE(m_server->engine->status().eventsAccepted, status == 200 ? 2 : 0);
}

void TestHttpApi::hostCheck_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray get = "GET /frame HTTP/1.1\r\nConnection: close\r\nHost: ";
    QTest::addRow("rebound name") << get + "evil.example:8080\r\n\r\n" << 421;
    QTest::addRow("rebound name, trailing dot") << get + "evil.example.\r\n\r\n" << 421;
    QTest::addRow("empty") << get + "\r\n\r\n" << 421;
    QTest::addRow("localhost") << get + "localhost:8080\r\n\r\n" << 200;
    QTest::addRow("localhost in capitals") << get + "LocalHost\r\n\r\n" << 200;
    QTest::addRow("loopback /8") << get + "127.0.0.2:80\r\n\r\n" << 200;
    QTest::addRow("IPv6 loopback") << get + "[::1]:8080\r\n\r\n" << 200;
    QTest::addRow("this computer's name") << get + QHostInfo::localHostName().toUtf8() + "\r\n\r\n"
                                          << 200;
    QTest::addRow("listed") << get + "frames.example.org\r\n\r\n" << 200;
    QTest::addRow("HTTP/1.0 without Host") << QByteArray("GET /frame HTTP/1.0\r\n\r\n") << 200;
    QTest::addRow("a write to a rebound name")
        << QByteArray("POST /channel/a HTTP/1.1\r\nHost: evil.example\r\nContent-Length: "
                      "1\r\nConnection: close\r\n\r\nx")
        << 421;
    QTest::addRow("the health check too") << QByteArray("GET /healthz HTTP/1.1\r\nHost: "
                                                        "evil.example\r\n\r\n")
                                          << 421;
}

void TestHttpApi::hostCheck()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    Server::ServerOptions options;
    options.allowedHosts = {u"Frames.Example.org"_s};
    fresh(options);
    const RawResponse got = raw(request);
    QCOMPARE(got.status, status);
    if (status == 421)
        QVERIFY2(got.body.contains("\"error\":\"unknown_host\""), got.body.constData());
    QCOMPARE(m_server->engine->status().eventsAccepted, 0);
}

void TestHttpApi::hostCheckedOnEveryRequestOfAConnection()
{
    // The verdict on a Host is kept per connection; a request naming another one is judged anew.
    fresh();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->server->port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray post = "POST /channel/a HTTP/1.1\r\nContent-Length: 1\r\nHost: ";
    socket.write(post + "localhost\r\n\r\nx" + post + "evil.example\r\n\r\nx" + post
                 + "localhost\r\n\r\nx" + post + "localhost.evil.example\r\n\r\nx" + post
                 + "127.0.0.1\r\n\r\nx");
    QByteArray pending;
    const QList<RawResponse> got = readResponses(socket, pending, 5);
    QCOMPARE(got.size(), 5);
    const QList<int> statuses = {got[0].status, got[1].status, got[2].status, got[3].status,
                                 got[4].status};
    QCOMPARE(statuses, (QList<int> {200, 421, 200, 421, 200}));
    QCOMPARE(m_server->engine->status().eventsAccepted, 3);
}

void TestHttpApi::ingest_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("storedType"); // of the channel in the open frame, when accepted

    QTest::addRow("json") << u"/channel/temp"_s << QByteArray("application/json")
                          << QByteArray(R"({"value":21.5,"unit":"C"})") << 200 << QString()
                          << u"application/json"_s;
    QTest::addRow("event alias, invalid json")
        << u"/event/temp"_s << QByteArray("application/json") << QByteArray("[1,2,") << 400
        << u"invalid_json"_s << QString();
    QTest::addRow("json scalar") << u"/channel/n"_s << QByteArray("application/json")
                                 << QByteArray(" 42 ") << 200 << QString() << u"application/json"_s;
    QTest::addRow("parameters dropped")
        << u"/channel/log"_s << QByteArray("text/plain; charset=utf-8") << QByteArray("hello")
        << 200 << QString() << u"text/plain"_s;
    QTest::addRow("type in lower case")
        << u"/channel/img"_s << QByteArray("Image/PNG") << QByteArray("\x89PNG") << 200 << QString()
        << u"image/png"_s;
    QTest::addRow("+json must parse") << u"/channel/geo"_s << QByteArray("application/geo+json")
                                      << QByteArray("{") << 400 << u"invalid_json"_s << QString();
    QTest::addRow("invalid json") << u"/channel/temp"_s << QByteArray("application/json")
                                  << QByteArray("{\"value\":}") << 400 << u"invalid_json"_s
                                  << QString();
    QTest::addRow("two json values") << u"/channel/temp"_s << QByteArray("application/json")
                                     << QByteArray("1 2") << 400 << u"invalid_json"_s << QString();
    QTest::addRow("empty json") << u"/channel/temp"_s << QByteArray("application/json")
                                << QByteArray() << 400 << u"invalid_json"_s << QString();
    QTest::addRow("empty channel") << u"/channel/"_s << QByteArray("text/plain") << QByteArray("x")
                                   << 400 << u"invalid_channel"_s << QString();
    QTest::addRow("control character")
        << u"/channel/a%01b"_s << QByteArray("text/plain") << QByteArray("x") << 400
        << u"invalid_channel"_s << QString();
    QTest::addRow("NUL") << u"/channel/a%00b"_s << QByteArray("text/plain") << QByteArray("x")
                         << 400 << u"invalid_channel"_s << QString();
    QTest::addRow("129 bytes") << u"/channel/"_s + QString(129, u'c') << QByteArray("text/plain")
                               << QByteArray("x") << 400 << u"invalid_channel"_s << QString();
    QTest::addRow("128 bytes") << u"/channel/"_s + QString(128, u'c') << QByteArray("text/plain")
                               << QByteArray("x") << 200 << QString() << u"text/plain"_s;
    QTest::addRow("escaped unicode id") << u"/channel/k%C3%BCche"_s << QByteArray("text/plain")
                                        << QByteArray("x") << 200 << QString() << u"text/plain"_s;
    QTest::addRow("invalid utf-8 id")
        << u"/channel/%FF%FE"_s << QByteArray("text/plain") << QByteArray("x") << 400
        << u"invalid_channel"_s << QString();
    QTest::addRow("type conflict") << u"/channel/fixed"_s << QByteArray("text/plain")
                                   << QByteArray("x") << 409 << u"type_conflict"_s << QString();
    QTest::addRow("not a media type")
        << u"/channel/temp"_s << QByteArray("json") << QByteArray("{}") << 415
        << u"unsupported_media_type"_s << QString();
}

void TestHttpApi::ingest()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, storedType);
    fresh();
    // A channel that already has another type in the open frame.
    QCOMPARE(post(u"/channel/fixed"_s, "{}", "application/json").status, 200);
    const qint64 before = m_server->engine->status().eventsAccepted;

    const Answer a = post(path, body, type);
    QCOMPARE(a.status, status);
    QVERIFY(a.header("Content-Type").startsWith("application/json"));
    if (status != 200) {
        QCOMPARE(a.object()["error"_L1].toString(), error);
        QVERIFY(!a.object()["detail"_L1].toString().isEmpty());
        QCOMPARE(m_server->engine->status().eventsAccepted, before); // never a partial accept
        return;
    }
    const QString channel = a.object()["channel"_L1].toString();
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QVERIFY(frame.ok());
    bool found = false;
    for (const TimeFrame::Channel &c : frame->channels) {
        if (c.id == channel) {
            found = true;
            QCOMPARE(c.type, storedType);
            QCOMPARE(c.items.back().data, body);
        }
    }
    QVERIFY(found);
}

void TestHttpApi::ingestAck()
{
    fresh();
    const Answer a = post(u"/channel/temp"_s, R"({"v":1})", "application/json");
    QCOMPARE(a.status, 200);
    const QJsonObject ack = a.object();
    QCOMPARE(ack["channel"_L1].toString(), u"temp"_s);
    QCOMPARE(ack["frameId"_L1].toInteger(), m_server->engine->status().openFrameId);
    QVERIFY(ack["timestamp"_L1].toInteger() >= ack["frameId"_L1].toInteger());
    QCOMPARE(ack.size(), 3);
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
}

// The original server's producers post to /event/{id} and never read the answer's body: it is
// empty, as the original's was, so that their connections stay reusable.
void TestHttpApi::originalIngestPath()
{
    fresh();
    const Answer a = post(u"/event/led"_s, "[0,1,0]", "application/json");
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.isEmpty());
    QCOMPARE(a.header("Content-Length"), QByteArray("0"));
    QVERIFY(a.header("Content-Type").isEmpty());
    QCOMPARE(m_server->engine->status().eventsAccepted, 1);
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QVERIFY(frame.ok());
    QCOMPARE(frame->channels.size(), 1);
    QCOMPARE(frame->channels[0].id, u"led"_s);
    QCOMPARE(frame->channels[0].type, u"application/json"_s);
    QCOMPARE(frame->channels[0].items.back().data, QByteArray("[0,1,0]"));

    // Several on one connection, each answered with an empty body of declared length.
    const QByteArray event = "POST /event/led HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\nContent-Length: 3\r\n\r\n[1]";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(event + event + event);
    QByteArray pending;
    bool closed = false;
    const QList<RawResponse> got = readResponses(socket, pending, 3, &closed);
    QCOMPARE(got.size(), 3);
    for (const RawResponse &r : got) {
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-length"), QByteArray("0"));
        QVERIFY(r.body.isEmpty());
    }
    QVERIFY(!closed);
    QVERIFY(pending.isEmpty());
    QCOMPARE(m_server->engine->status().eventsAccepted, 4);

    // Refusals keep their JSON error; the documented path keeps its acknowledgement.
    QCOMPARE(post(u"/event/led"_s, "[0,", "application/json").object()["error"_L1].toString(),
             u"invalid_json"_s);
    QCOMPARE(post(u"/channel/led"_s, "[1]", "application/json").object()["channel"_L1].toString(),
             u"led"_s);
}

// The original server's client reads "StartAt", "EndAt" and "Id"; the documented clients read
// "startAt", "endAt" and "id". Every row carries both.
void TestHttpApi::indexCarriesTheOriginalKeys()
{
    fresh();
    m_server->engine->addFrame(sampleFrame(10'000));
    m_server->engine->addFrame(sampleFrame(20'000, 1));
    for (const QString &path : {u"/frame"_s, u"/frame?limit=1"_s, u"/frame?from=0&to=15000"_s}) {
        const QJsonArray frames = get(path).array();
        QVERIFY(!frames.isEmpty());
        for (const QJsonValue &f : frames) {
            QCOMPARE(f["StartAt"_L1].toInteger(-1), f["startAt"_L1].toInteger(-2));
            QCOMPARE(f["EndAt"_L1].toInteger(-1), f["endAt"_L1].toInteger(-2));
            QVERIFY(f["Id"_L1].isString());
            QCOMPARE(f["Id"_L1].toString(), f["id"_L1].toString());
        }
    }
}

// GET /frame/{id} is the original server's path, whose client decodes the reference layout
// only; GET /{id} serves the layout of --layout (documented here).
void TestHttpApi::originalFramePathServesTheReferenceLayout()
{
    fresh();
    TimeFrame::Frame frame = sampleFrame(10'000);
    frame.channels.append({u"led"_s, u"text/plain"_s, {{10'005, "hello"}}});
    m_server->engine->addFrame(frame);
    const Answer documented = get(u"/10000"_s);
    const Answer reference = get(u"/frame/10000"_s);
    QCOMPARE(documented.status, 200);
    QCOMPARE(reference.status, 200);
    QCOMPARE(documented.body, *m_server->engine->frameBytes(10'000));
    QCOMPARE(reference.body, TimeFrame::encode(frame, TimeFrame::Layout::Reference).value());
    QVERIFY(reference.body != documented.body);
    QCOMPARE(reference.header("Content-Length").toLongLong(), reference.body.size());
    QCOMPARE(TimeFrame::guessLayout(reference.body)->layout, TimeFrame::Layout::Reference);

    // Different bytes, different validators; each path revalidates its own.
    const QByteArray tag = reference.header("ETag");
    QVERIFY(tag != documented.header("ETag"));
    QCOMPARE(get(u"/frame/10000"_s, {{"If-None-Match", tag}}).status, 304);
    QCOMPARE(get(u"/10000"_s, {{"If-None-Match", tag}}).status, 200);
    // A range is a range of the bytes this path serves.
    const Answer part = get(u"/frame/10000"_s, {{"Range", "bytes=30-60"}});
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, reference.body.mid(30, 31));
    // Asked again (from the converted copy), the same bytes.
    QCOMPARE(get(u"/frame/10000"_s).body, reference.body);
}

void TestHttpApi::ingestTimestamp()
{
    fresh();
    const qint64 open = m_server->engine->status().openFrameId;
    const QString inside = QString::number(open + 5);
    Answer a = post(u"/channel/t?ts="_s + inside, "1", "application/json");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.object()["timestamp"_L1].toInteger(), open + 5);

    a = post(u"/channel/t?ts="_s + QString::number(open - 1), "1", "application/json");
    QCOMPARE(a.status, 422);
    QCOMPARE(a.object()["error"_L1].toString(), u"outside_open_frame"_s);

    a = post(u"/channel/t?ts=soon"_s, "1", "application/json");
    QCOMPARE(a.status, 400);
    QCOMPARE(a.object()["error"_L1].toString(), u"bad_parameter"_s);
}

void TestHttpApi::storageUnavailable()
{
    fresh();
    m_server->engine->storageAvailable = false;
    const Answer a = post(u"/channel/temp"_s, "1", "application/json");
    QCOMPARE(a.status, 503);
    QCOMPARE(a.object()["error"_L1].toString(), u"storage_unavailable"_s);
    QCOMPARE(a.header("Retry-After"), QByteArray("1"));
    const Answer health = get(u"/healthz"_s);
    QCOMPARE(health.status, 503);
    QCOMPARE(health.object()["storage"_L1].toString(), u"unavailable"_s);
    QCOMPARE(health.object()["storageDetail"_L1].toString(), u"disk full"_s);
}

void TestHttpApi::bodyTooLarge()
{
    Server::ServerOptions options;
    options.limits.maxBody = 1000;
    fresh(options);
    QCOMPARE(post(u"/channel/big"_s, QByteArray(1000, 'x'), "text/plain").status, 200);
    const Answer a = post(u"/channel/big"_s, QByteArray(1001, 'x'), "text/plain");
    QCOMPARE(a.status, 413);
    QCOMPARE(a.object()["error"_L1].toString(), u"body_too_large"_s);
    QVERIFY(a.object()["detail"_L1].toString().contains(u"1000"_s));
    QCOMPARE(get(u"/healthz"_s).status, 200); // still serving
}

void TestHttpApi::batchTimeFrame()
{
    fresh();
    const qint64 open = m_server->engine->status().openFrameId;
    TimeFrame::Frame batch {0, 1, {}};
    batch.channels.append(TimeFrame::Channel {
        u"a"_s,
        u"application/json"_s,
        {TimeFrame::Item {open + 1, "{\"x\":1}"}, TimeFrame::Item {open + 2, "[2]"}}});
    // Outside the open frame: the item is taken with its receive time.
    batch.channels.append(TimeFrame::Channel {
        u"b"_s, u"application/octet-stream"_s, {TimeFrame::Item {open - 50'000, "\x01\x02"}}});
    const QByteArray body = TimeFrame::encode(batch).value();
    const Answer a = post(u"/batch"_s, body, "application/vnd.syncstreamer.timeframe");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.object()["accepted"_L1].toInt(), 3);
    QCOMPARE(a.object()["frameId"_L1].toInteger(), open);

    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QVERIFY(frame.ok());
    QCOMPARE(frame->channels.size(), 2);
    QCOMPARE(frame->channels[0].items[0].timestamp, open + 1);
    QCOMPARE(frame->channels[0].items[1].timestamp, open + 2);
    QCOMPARE(frame->channels[0].items[1].data, QByteArray("[2]"));
    QVERIFY(frame->channels[1].items[0].timestamp >= open);
    QCOMPARE(frame->channels[1].items[0].data, QByteArray("\x01\x02"));
}

void TestHttpApi::batchTimeFrameReferenceLayout()
{
    fresh();
    TimeFrame::Frame batch {0, 1, {}};
    batch.channels.append(
        TimeFrame::Channel {u"ref"_s, u"text/plain"_s, {TimeFrame::Item {0, "hello"}}});
    const QByteArray body = TimeFrame::encode(batch, TimeFrame::Layout::Reference).value();
    // Guessed from which string looks like a MIME type, or named explicitly.
    for (const QString &query : {QString(), u"?layout=reference"_s}) {
        const Answer a = post(u"/batch"_s + query, body, "application/vnd.syncstreamer.timeframe");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.object()["accepted"_L1].toInt(), 1);
    }
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QCOMPARE(frame->channels[0].id, u"ref"_s);
    QCOMPARE(frame->channels[0].type, u"text/plain"_s);
    QCOMPARE(
        post(u"/batch?layout=sideways"_s, body, "application/vnd.syncstreamer.timeframe").status,
        400);
}

void TestHttpApi::batchNdjson()
{
    fresh();
    const qint64 open = m_server->engine->status().openFrameId;
    const QByteArray body = QByteArray(R"({"channel":"a","json":{"x":1},"ts":)")
        + QByteArray::number(open + 7) + "}\n\n"
        + R"({"channel":"b","type":"image/png","base64":"AAEC"})" + "\r\n"
        + R"({"channel":"a","type":"application/json","json":[1,"two"]})";
    const Answer a = post(u"/batch"_s, body, "application/x-ndjson");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.object()["accepted"_L1].toInt(), 3);
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QVERIFY(frame.ok());
    QCOMPARE(frame->channels[0].id, u"a"_s);
    QCOMPARE(frame->channels[0].type, u"application/json"_s);
    QCOMPARE(frame->channels[0].items[0].timestamp, open + 7);
    QCOMPARE(frame->channels[0].items[0].data, QByteArray(R"({"x":1})"));
    QCOMPARE(frame->channels[0].items[1].data, QByteArray(R"([1,"two"])"));
    QCOMPARE(frame->channels[1].type, u"image/png"_s);
    QCOMPARE(frame->channels[1].items[0].data, QByteArray("\x00\x01\x02", 3));
}

void TestHttpApi::batchNdjsonKeepsJsonBytes()
{
    fresh();
    // Spacing, key order, a repeated key and number spellings survive, as in a single POST.
    const QByteArray value = R"({ "z": 1.50, "a": [1e3, -0.0], "z": "again", "u": "\u00e9" })";
    const QByteArray single = R"([ 2,  1 ])";
    QCOMPARE(post(u"/channel/s"_s, single, "application/json").status, 200);
    const QByteArray body = R"({"channel":"n","json": )" + value + " }\n"
        + R"({"channel":"s","js\u006fn":)" + single + "}\n"
        + R"({"json":"first","channel":"t","json":   true})";
    const Answer a = post(u"/batch"_s, body, "application/x-ndjson");
    QCOMPARE(a.status, 200);
    const auto frame = TimeFrame::decode(m_server->engine->openFrameBytes());
    QVERIFY(frame.ok());
    QCOMPARE(frame->channels.size(), 3);
    QCOMPARE(frame->channels[0].id, u"s"_s);
    QCOMPARE(frame->channels[0].items[0].data, single);
    QCOMPARE(frame->channels[0].items[1].data, single);
    QCOMPARE(frame->channels[1].id, u"n"_s);
    QCOMPARE(frame->channels[1].items[0].data, value);
    QCOMPARE(frame->channels[2].items[0].data, QByteArray("true"));
}

void TestHttpApi::batchOutsideOpenFrame()
{
    fresh();
    const qint64 open = m_server->engine->status().openFrameId;
    const QByteArray past = QByteArray::number(open - 1);
    const Answer alone =
        post(u"/channel/a?ts="_s + QString::fromLatin1(past), "1", "application/json");
    QCOMPARE(alone.status, 422);
    QCOMPARE(alone.object()["error"_L1].toString(), u"outside_open_frame"_s);

    const QByteArray body = QByteArray(R"({"channel":"a","json":1,"ts":)")
        + QByteArray::number(open) + "}\n" + R"({"channel":"a","json":2,"ts":)" + past + "}";
    const Answer a = post(u"/batch"_s, body, "application/x-ndjson");
    QCOMPARE(a.status, 422);
    QCOMPARE(a.object()["error"_L1].toString(), u"outside_open_frame"_s);
    QVERIFY2(a.object()["detail"_L1].toString().startsWith(u"Event 1:"_s), a.body.constData());
    QCOMPARE(m_server->engine->status().eventsAccepted, 0);
    QVERIFY(TimeFrame::decode(m_server->engine->openFrameBytes())->channels.isEmpty());
}

void TestHttpApi::batchAllOrNothing_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray good = R"({"channel":"a","json":1})";
    QTest::addRow("bad line") << QByteArray("application/x-ndjson") << good + "\n{nope}\n"
                              << 400 << u"invalid_json"_s;
    QTest::addRow("no channel") << QByteArray("application/x-ndjson") << good + "\n{\"json\":1}"
                                << 400 << u"invalid_batch"_s;
    QTest::addRow("json and base64")
        << QByteArray("application/x-ndjson")
        << good + "\n{\"channel\":\"a\",\"json\":1,\"base64\":\"\"}" << 400 << u"invalid_batch"_s;
    QTest::addRow("bad base64") << QByteArray("application/x-ndjson")
                                << good + "\n{\"channel\":\"b\",\"base64\":\"*\"}" << 400
                                << u"invalid_batch"_s;
    QTest::addRow("fractional ts")
        << QByteArray("application/x-ndjson")
        << good + "\n{\"channel\":\"a\",\"json\":1,\"ts\":1.5}" << 400 << u"invalid_batch"_s;
    QTest::addRow("type conflict inside the batch")
        << QByteArray("application/x-ndjson")
        << good + "\n{\"channel\":\"a\",\"type\":\"text/plain\",\"base64\":\"AA==\"}" << 409
        << u"type_conflict"_s;
    QTest::addRow("json nested deeper than a single POST may") << QByteArray("application/x-ndjson")
                                                               << good
            + "\n{\"channel\":\"a\",\"json\":" + QByteArray(300, '[') + QByteArray(300, ']') + "}"
                                                               << 400 << u"invalid_json"_s;
    QTest::addRow("bad channel id")
        << QByteArray("application/x-ndjson") << good + "\n{\"channel\":\"\",\"json\":1}" << 400
        << u"invalid_channel"_s;
    QTest::addRow("truncated timeframe")
        << QByteArray("application/vnd.syncstreamer.timeframe") << QByteArray("\x00\x01\x00", 3)
        << 400 << u"invalid_batch"_s;
    QTest::addRow("other type") << QByteArray("text/csv") << QByteArray("a,1") << 415
                                << u"unsupported_media_type"_s;
}

void TestHttpApi::batchAllOrNothing()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    fresh();
    const Answer a = post(u"/batch"_s, body, type);
    QCOMPARE(a.status, status);
    QCOMPARE(a.object()["error"_L1].toString(), error);
    QCOMPARE(m_server->engine->status().eventsAccepted, 0);
}

void TestHttpApi::routing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");
    QTest::addRow("unknown path") << QByteArray("GET") << u"/nothing/here"_s << 404 << QByteArray();
    QTest::addRow("unknown web file")
        << QByteArray("GET") << u"/nothing.mjs"_s << 404 << QByteArray();
    QTest::addRow("POST on the web player")
        << QByteArray("POST") << u"/"_s << 405 << QByteArray("GET, HEAD, OPTIONS");
    QTest::addRow("GET on ingest")
        << QByteArray("GET") << u"/channel/x"_s << 405 << QByteArray("POST, OPTIONS");
    QTest::addRow("GET on batch") << QByteArray("GET") << u"/batch"_s << 405
                                  << QByteArray("POST, OPTIONS");
    QTest::addRow("POST on index")
        << QByteArray("POST") << u"/frame"_s << 405 << QByteArray("GET, HEAD, OPTIONS");
    QTest::addRow("DELETE on a frame")
        << QByteArray("DELETE") << u"/10000"_s << 405 << QByteArray("GET, HEAD, OPTIONS");
    QTest::addRow("PUT on metrics")
        << QByteArray("PUT") << u"/metrics"_s << 405 << QByteArray("GET, HEAD, OPTIONS");
}

void TestHttpApi::routing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);
    const Answer a =
        send(m_nam, method, m_server->url(path), "x", {{"Content-Type", "text/plain"}});
    QCOMPARE(a.status, status);
    QCOMPARE(a.header("Allow"), allow);
    QCOMPARE(a.object()["error"_L1].toString(),
             status == 404 ? u"not_found"_s : u"method_not_allowed"_s);
}

void TestHttpApi::webPlayer()
{
    const Answer index = get(u"/"_s);
    QCOMPARE(index.status, 200);
    QCOMPARE(index.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(index.header("Cache-Control"), QByteArray("no-cache"));
    QVERIFY(index.body.toLower().contains("<html"));
    const Answer module = get(u"/js/main.mjs"_s);
    QCOMPARE(module.status, 200);
    QCOMPARE(module.header("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
    QVERIFY(!module.body.isEmpty());
    QCOMPARE(get(u"/player.css"_s).header("Content-Type"), QByteArray("text/css; charset=utf-8"));
    QCOMPARE(get(u"/favicon.svg"_s).header("Content-Type"), QByteArray("image/svg+xml"));
    QCOMPARE(get(u"/LICENSE"_s).header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    const Answer missing = get(u"/js/missing.mjs"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.object()["error"_L1].toString(), u"not_found"_s);
}

void TestHttpApi::webPlayerConditionalAndHead()
{
    const Answer first = get(u"/js/main.mjs"_s);
    const QByteArray etag = first.header("ETag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 2);
    const Answer again = get(u"/js/main.mjs"_s, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    QCOMPARE(get(u"/js/main.mjs"_s, {{"If-None-Match", "\"other\""}}).status, 200);
    const Answer head = send(m_nam, "HEAD", m_server->url(u"/"_s), {}, {});
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(head.header("Content-Length"), QByteArray::number(get(u"/"_s).body.size()));
}

void TestHttpApi::webPlayerNoTraversal()
{
    for (const QByteArray &target :
         {QByteArray("/../"), QByteArray("/../web/index.html"), QByteArray("/js/../index.html"),
          QByteArray("/%2e%2e/LICENSE")}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray pending;
        const QList<RawResponse> got = readResponses(socket, pending, 1);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].status, 404);
    }
}

void TestHttpApi::openFrame()
{
    fresh();
    QCOMPARE(post(u"/channel/a"_s, "1", "application/json").status, 200);
    QCOMPARE(post(u"/channel/a"_s, "2", "application/json").status, 200);
    const Answer a = get(u"/frame/current"_s);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(a.header("Content-Type"), QByteArray("application/octet-stream"));
    const auto frame = TimeFrame::decode(a.body);
    QVERIFY(frame.ok());
    QCOMPARE(frame->startAt, m_server->engine->status().openFrameId);
    QCOMPARE(frame->channels[0].items.size(), 2);
}

namespace {

// Reads a text/event-stream reply as it arrives.
struct EventStream
{
    QNetworkReply *reply;
    QByteArray text;

    bool waitFor(const QByteArray &needle)
    {
        for (int i = 0; i < 200 && !text.contains(needle); ++i) {
            text += reply->readAll();
            if (text.contains(needle))
                break;
            QSignalSpy more(reply, &QNetworkReply::readyRead);
            more.wait(50);
            text += reply->readAll();
        }
        return text.contains(needle);
    }
};

} // namespace

void TestHttpApi::liveEvents()
{
    fresh();
    QNetworkReply *reply = m_nam.get(QNetworkRequest(m_server->url(u"/events"_s)));
    EventStream stream {reply, {}};
    QVERIFY(stream.waitFor(": subscribed"));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->rawHeader("Content-Type").startsWith("text/event-stream"));
    QTRY_COMPARE(m_server->server->metrics().subscribers(), 1);

    const Answer ack = post(u"/channel/temp"_s, R"({"v":1})", "application/json");
    QCOMPARE(ack.status, 200);
    QVERIFY(post(u"/channel/raw"_s, "\x01\x02", "application/octet-stream").status == 200);
    QVERIFY(stream.waitFor("\"channel\":\"raw\""));
    const QByteArray expected = "data: {\"channel\":\"temp\",\"type\":\"application/json\","
                                "\"timestamp\":"
        + QByteArray::number(ack.object()["timestamp"_L1].toInteger()) + ",\"frameId\":"
        + QByteArray::number(ack.object()["frameId"_L1].toInteger()) + ",\"json\":{\"v\":1}}\n\n";
    QVERIFY2(stream.text.contains(expected), stream.text.constData());
    QVERIFY(stream.text.contains("\"base64\":\"AQI=\""));

    const auto finished = m_server->engine->finishOpenFrame();
    const QByteArray id = QByteArray::number(finished.id);
    QVERIFY(stream.waitFor("event: frame\ndata: {\"startAt\":" + id));
    QVERIFY2(stream.text.contains(QByteArray(QByteArray(",\"id\":\"") + id + "\",")),
             stream.text.constData());
    reply->abort();
    reply->deleteLater();
    QTRY_COMPARE(m_server->server->metrics().subscribers(), 0);
}

void TestHttpApi::liveEventsFilter()
{
    fresh();
    QNetworkReply *reply = m_nam.get(QNetworkRequest(m_server->url(u"/events?channels=a,c"_s)));
    EventStream stream {reply, {}};
    QVERIFY(stream.waitFor(": subscribed"));
    QTRY_COMPARE(m_server->server->metrics().subscribers(), 1);
    for (const char *channel : {"b", "a", "b", "c"})
        QCOMPARE(post(u"/channel/"_s + QLatin1StringView(channel), "1", "application/json").status,
                 200);
    QVERIFY(stream.waitFor("\"channel\":\"c\""));
    QVERIFY(stream.text.contains("\"channel\":\"a\""));
    QVERIFY(!stream.text.contains("\"channel\":\"b\""));
    reply->abort();
    reply->deleteLater();
}

void TestHttpApi::channels()
{
    fresh();
    QCOMPARE(get(u"/channels"_s).body, QByteArray("[]"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(u"/channel/temp?ts="_s
                          + QString::number(m_server->engine->status().openFrameId + 10 * i),
                      "1", "application/json")
                     .status,
                 200);
    QCOMPARE(post(u"/channel/log"_s, "x", "text/plain").status, 200);
    const Answer a = get(u"/channels"_s);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
    const QJsonArray rows = a.array();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0]["id"_L1].toString(), u"log"_s); // sorted by id
    QCOMPARE(rows[1]["id"_L1].toString(), u"temp"_s);
    QCOMPARE(rows[1]["type"_L1].toString(), u"application/json"_s);
    QCOMPARE(rows[1]["items"_L1].toInt(), 3);
    QCOMPARE(rows[1]["lastTimestamp"_L1].toInteger(), m_server->engine->status().openFrameId + 20);
    QVERIFY(rows[1]["eventsPerSecond"_L1].isDouble());
}

void TestHttpApi::health()
{
    fresh();
    const Answer a = get(u"/healthz"_s);
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.object();
    QCOMPARE(o["state"_L1].toString(), u"ok"_s);
    QCOMPARE(o["storage"_L1].toString(), u"ok"_s);
    QVERIFY(o["uptime"_L1].isDouble());
    QCOMPARE(o["version"_L1].toString(), QStringLiteral(SYNCSTREAMER_VERSION));
}

void TestHttpApi::metrics()
{
    fresh();
    QCOMPARE(post(u"/channel/a"_s, "12345", "text/plain").status, 200);
    QCOMPARE(get(u"/nowhere"_s).status, 404);
    const Answer a = get(u"/metrics"_s);
    QCOMPARE(a.status, 200);
    QVERIFY(a.header("Content-Type").startsWith("text/plain; version=0.0.4"));
    const QByteArray text = a.body;
    QVERIFY(text.contains("# TYPE syncstreamer_events_accepted_total counter\n"));
    QVERIFY(text.contains("\nsyncstreamer_events_accepted_total 1\n"));
    QVERIFY(text.contains("\nsyncstreamer_event_bytes_total 5\n"));
    QVERIFY(text.contains("\nsyncstreamer_http_requests_total{code=\"200\"} 1\n"));
    QVERIFY(text.contains("\nsyncstreamer_http_requests_total{code=\"404\"} 1\n"));
    QVERIFY(text.contains("\nsyncstreamer_http_errors_total{error=\"not_found\"} 1\n"));
    QVERIFY(text.contains("\nsyncstreamer_live_subscribers 0\n"));
    QVERIFY(text.contains("\nsyncstreamer_frames_retained 0\n"));
    QVERIFY(text.contains("\nsyncstreamer_storage_available 1\n"));
    // Every sample line is "name{labels} value".
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QVERIFY2(line.startsWith("syncstreamer_") && line.count(' ') == 1, line.constData());
    }
}

void TestHttpApi::time()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Answer a = get(u"/time"_s);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(a.status, 200);
    QCOMPARE(a.header("Cache-Control"), QByteArray("no-store"));
    const qint64 now = a.object()["now"_L1].toInteger();
    QVERIFY(now >= before && now <= after);
}

void TestHttpApi::writeToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addRow("none") << QByteArray() << 401;
    QTest::addRow("wrong") << QByteArray("Bearer nope") << 401;
    QTest::addRow("prefix of the token") << QByteArray("Bearer s3cr") << 401;
    QTest::addRow("other scheme") << QByteArray("Basic czNjcmV0") << 401;
    QTest::addRow("right") << QByteArray("Bearer s3cret") << 200;
    QTest::addRow("scheme in lower case") << QByteArray("bearer s3cret") << 200;
}

void TestHttpApi::writeToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    Server::ServerOptions options;
    options.writeToken = "s3cret";
    fresh(options);
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QString &path : {u"/channel/a"_s, u"/batch"_s}) {
        const Answer a = path == u"/batch"_s
            ? post(path, R"({"channel":"a","json":1})", "application/x-ndjson", headers)
            : post(path, "1", "application/json", headers);
        QCOMPARE(a.status, status);
        if (status == 401) {
            QCOMPARE(a.object()["error"_L1].toString(), u"unauthorized"_s);
            QVERIFY(a.header("WWW-Authenticate").startsWith("Bearer"));
        }
    }
    QCOMPARE(get(u"/frame"_s).status, 200); // reads stay open without a read token
}

void TestHttpApi::readToken()
{
    Server::ServerOptions options;
    options.writeToken = "w";
    options.readToken = "r";
    fresh(options);
    for (const QString &path : {u"/frame"_s, u"/frame/current"_s, u"/channels"_s, u"/metrics"_s,
                                u"/time"_s, u"/events"_s}) {
        const Answer a = get(path);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.object()["error"_L1].toString(), u"unauthorized"_s);
    }
    QCOMPARE(get(u"/frame"_s, {{"Authorization", "Bearer r"}}).status, 200);
    QCOMPARE(get(u"/frame"_s, {{"Authorization", "Bearer w"}}).status, 200); // writers may read
    QCOMPARE(get(u"/healthz"_s).status, 200);
    QCOMPARE(post(u"/channel/a"_s, "1", "application/json", {{"Authorization", "Bearer r"}}).status,
             401);
}

void TestHttpApi::remoteWriteWithoutToken()
{
    QHostAddress remote;
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol) {
            remote = a;
            break;
        }
    }
    if (remote.isNull())
        QSKIP("This machine has no non-loopback IPv4 address to connect from.");
    FakeEngine engine;
    Server::ServerOptions options;
    options.bindAddress = QHostAddress::AnyIPv4;
    options.port = 0;
    options.threads = 1;
    Server::HttpServer server(&engine, options);
    QVERIFY(server.start(nullptr));
    const QUrl url(u"http://"_s + remote.toString() + u':' + QString::number(server.port())
                   + u"/channel/a"_s);
    const Answer a = send(m_nam, "POST", url, "1", {{"Content-Type", "application/json"}});
    QCOMPARE(a.status, 403);
    QCOMPARE(a.object()["error"_L1].toString(), u"forbidden"_s);
    QVERIFY(a.object()["detail"_L1].toString().contains(u"--token"_s));
    const QUrl read(u"http://"_s + remote.toString() + u':' + QString::number(server.port())
                    + u"/frame"_s);
    QCOMPARE(send(m_nam, "GET", read).status, 200);
}

void TestHttpApi::https()
{
    Server::ServerOptions options;
    options.tlsCertificateFile = QFINDTESTDATA("data/test-cert.pem");
    options.tlsKeyFile = QFINDTESTDATA("data/test-key.pem");
    fresh(options);
    QVERIFY(m_server->url(u"/"_s).scheme() == u"https"_s);
    const Answer a = get(u"/healthz"_s);
    QCOMPARE(a.status, 200);
    QCOMPARE(a.object()["state"_L1].toString(), u"ok"_s);
    QCOMPARE(post(u"/channel/a"_s, "1", "application/json").status, 200);

    Server::ServerOptions broken;
    broken.tlsCertificateFile = QFINDTESTDATA("data/test-cert.pem");
    FakeEngine engine;
    Server::HttpServer server(&engine, broken);
    QString error;
    QVERIFY(!server.start(&error));
    QVERIFY(error.contains(u"--tls-key"_s));
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
