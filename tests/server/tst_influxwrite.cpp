// SPDX-License-Identifier: GPL-3.0-or-later
// POST /api/v2/write and POST /write over real HTTP: InfluxDB's answers (204, and
// {"code","message"} with 400, 401, 413, 415, 422), gzip bodies, tokens, partial writes.
#include "httptestutil.h"

#include "format/timeframe.h"

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

QByteArray gzip(const QByteArray &plain)
{
    z_stream s {};
    deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&s, uLong(plain.size()))), Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.data()));
    s.avail_in = uInt(plain.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

// A write as Telegraf sends it: text/plain unless the headers say otherwise.
Answer post(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &body,
            Headers headers = {})
{
    headers.prepend(std::pair<QByteArray, QByteArray>("Content-Type", "text/plain; charset=utf-8"));
    return send(nam, "POST", url, body, headers);
}

// The open frame's items, by channel.
QMap<QString, QList<TimeFrame::Item>> openItems(FakeEngine &engine)
{
    QMap<QString, QList<TimeFrame::Item>> items;
    const auto frame = TimeFrame::decode(engine.openFrameBytes());
    for (const TimeFrame::Channel &c : frame.value().channels)
        items[c.id] = c.items;
    return items;
}

qint64 itemCount(FakeEngine &engine)
{
    qint64 n = 0;
    for (const auto &list : openItems(engine))
        n += list.size();
    return n;
}

} // namespace

class tst_InfluxWrite final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndAnswers204_data();
    void writesAndAnswers204();
    void malformedLineRefusesAll();
    void pointsBeforeTheOpenFrameAreDropped();
    void lateArrivalStampsOnArrival();
    void typeConflictDropsThatSeries();
    void badParameters_data();
    void badParameters();
    void gzipBombIsRefused();
    void plainBodyOverTheLimitIsRefused();
    void tokens_data();
    void tokens();
    void otherMethods();

private:
    QNetworkAccessManager m_nam;
};

void tst_InfluxWrite::writesAndAnswers204_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("gzipped");
    QTest::addColumn<QByteArray>("precision");

    QTest::addRow("v2, plain, ns") << u"/api/v2/write?org=o&bucket=b"_s << false << "ns"_ba;
    QTest::addRow("v2, gzip, ns") << u"/api/v2/write?org=o&bucket=b"_s << true << "ns"_ba;
    QTest::addRow("v2, plain, ms") << u"/api/v2/write?bucket=b"_s << false << "ms"_ba;
    QTest::addRow("v2, gzip, s") << u"/api/v2/write?bucket=b"_s << true << "s"_ba;
    QTest::addRow("v1, plain, n") << u"/write?db=d"_s << false << "n"_ba;
    QTest::addRow("v1, gzip, u") << u"/write?db=d"_s << true << "u"_ba;
    QTest::addRow("v1, plain, m") << u"/write?db=d"_s << false << "m"_ba;
}

void tst_InfluxWrite::writesAndAnswers204()
{
    QFETCH(QString, path);
    QFETCH(bool, gzipped);
    QFETCH(QByteArray, precision);
    // An hour-long frame holds a whole minute and a whole second whatever the clock says.
    TestServer server({}, 3'600'000);
    QVERIFY(server.started);
    const qint64 start = server.engine->status().openFrameId;
    const QHash<QByteArray, qint64> perMs {{"ns", 1'000'000}, {"n", 1'000'000}, {"u", 1'000}};
    qint64 stamp = 0;
    qint64 expectedMs = 0;
    if (precision == "s") {
        stamp = start / 1000 + 1;
        expectedMs = stamp * 1000;
    } else if (precision == "m") {
        stamp = start / 60'000 + 1;
        expectedMs = stamp * 60'000;
    } else if (precision == "ms") {
        stamp = start + 5;
        expectedMs = stamp;
    } else {
        stamp = (start + 7) * perMs.value(precision) + perMs.value(precision) - 1;
        expectedMs = start + 7;
    }
    const QByteArray body = "cpu,region=eu,host=a usage=0.5,n=3i,ok=true,s=\"x y\" "
        + QByteArray::number(stamp) + "\n# comment\n\nmem,host=a free=42u\n";
    QList<std::pair<QByteArray, QByteArray>> headers {
        {"Content-Type", "text/plain; charset=utf-8"}};
    if (gzipped)
        headers.append(std::pair<QByteArray, QByteArray>("Content-Encoding", "gzip"));
    const Answer a =
        post(m_nam, server.url(path + u"&precision="_s + QString::fromLatin1(precision)),
             gzipped ? gzip(body) : body, headers);
    QCOMPARE(a.status, 204);
    QVERIFY(a.body.isEmpty());

    const auto items = openItems(*server.engine);
    QCOMPARE(items.size(), 2);
    const QList<TimeFrame::Item> cpu = items.value(u"cpu,host=a,region=eu"_s);
    QCOMPARE(cpu.size(), 1);
    QCOMPARE(cpu[0].timestamp, expectedMs);
    QCOMPARE(cpu[0].data, R"({"usage":0.5,"n":3,"ok":true,"s":"x y"})"_ba);
    const QList<TimeFrame::Item> mem = items.value(u"mem,host=a"_s);
    QCOMPARE(mem.size(), 1);
    QCOMPARE(mem[0].data, R"({"free":42})"_ba);
    QVERIFY(mem[0].timestamp >= start); // the arrival time
    const auto frame = TimeFrame::decode(server.engine->openFrameBytes()).value();
    for (const TimeFrame::Channel &c : frame.channels)
        QCOMPARE(c.type, u"application/json"_s);
}

void tst_InfluxWrite::malformedLineRefusesAll()
{
    TestServer server;
    QVERIFY(server.started);
    for (const QString &path : {u"/api/v2/write?bucket=b"_s, u"/write?db=d"_s}) {
        const Answer a = post(m_nam, server.url(path), "cpu f=1\ncpu f=2\n\ncpu f=\n");
        QCOMPARE(a.status, 400);
        QCOMPARE(a.header("content-type"), "application/json");
        QCOMPARE(a.object().value(u"code"_s).toString(), u"invalid"_s);
        const QString message = a.object().value(u"message"_s).toString();
        QVERIFY2(message.contains(u"line 4"_s) && message.contains(u"\"f\" has no value"_s),
                 qPrintable(message));
        QCOMPARE(itemCount(*server.engine), 0);
    }
}

void tst_InfluxWrite::pointsBeforeTheOpenFrameAreDropped()
{
    TestServer server({}, 3'600'000);
    QVERIFY(server.started);
    const qint64 start = server.engine->status().openFrameId;
    const QByteArray body = "m f=1 " + QByteArray::number(start - 1) + "\nm f=2 "
        + QByteArray::number(start) + "\nm f=3 " + QByteArray::number(start - 3'600'000)
        + "\nm f=4\n";
    const Answer a = post(m_nam, server.url(u"/api/v2/write?bucket=b&precision=ms"_s), body);
    QCOMPARE(a.status, 422);
    QCOMPARE(a.object().value(u"code"_s).toString(), u"unprocessable entity"_s);
    const QString message = a.object().value(u"message"_s).toString();
    QVERIFY2(message.startsWith(u"partial write: "_s) && message.endsWith(u"dropped=2"_s),
             qPrintable(message));
    const QList<TimeFrame::Item> written = openItems(*server.engine).value(u"m"_s);
    QCOMPARE(written.size(), 2);
    QCOMPARE(written[0].data, R"({"f":2})"_ba);
    QCOMPARE(written[0].timestamp, start);
    QCOMPARE(written[1].data, R"({"f":4})"_ba);
}

void tst_InfluxWrite::lateArrivalStampsOnArrival()
{
    TestServer server({}, 3'600'000);
    QVERIFY(server.started);
    const qint64 start = server.engine->status().openFrameId;
    const QByteArray body = "m f=1 " + QByteArray::number(start - 1) + "\nm f=2 "
        + QByteArray::number(start + 5) + "\n";
    const Answer a =
        post(m_nam, server.url(u"/api/v2/write?bucket=b&precision=ms&late=arrival"_s), body);
    QCOMPARE(a.status, 204);
    const QList<TimeFrame::Item> written = openItems(*server.engine).value(u"m"_s);
    QCOMPARE(written.size(), 2);
    QVERIFY(written[0].timestamp >= start); // stamped on arrival
    QCOMPARE(written[1].timestamp, start + 5); // inside: its own time
    QCOMPARE(post(m_nam, server.url(u"/api/v2/write?bucket=b&late=never"_s), "m f=1").status, 400);
}

void tst_InfluxWrite::typeConflictDropsThatSeries()
{
    TestServer server;
    QVERIFY(server.started);
    QCOMPARE(
        post(m_nam, server.url(u"/channel/m"_s), "text", {{"Content-Type", "text/plain"}}).status,
        200);
    const Answer a = post(m_nam, server.url(u"/api/v2/write?bucket=b"_s), "m f=1\nn f=2\nm f=3\n");
    QCOMPARE(a.status, 422);
    QVERIFY2(a.object().value(u"message"_s).toString().endsWith(u"dropped=2"_s),
             a.body.constData());
    QCOMPARE(openItems(*server.engine).value(u"n"_s).size(), 1);
    QCOMPARE(openItems(*server.engine).value(u"m"_s).size(), 1);
}

void tst_InfluxWrite::badParameters_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("v2 precision n") << u"/api/v2/write?bucket=b&precision=n"_s << Headers {}
                                    << "m f=1"_ba << 400 << u"invalid"_s;
    QTest::addRow("v1 precision us")
        << u"/write?db=d&precision=us"_s << Headers {} << "m f=1"_ba << 400 << u"invalid"_s;
    QTest::addRow("not gzip") << u"/api/v2/write?bucket=b"_s
                              << Headers {{"Content-Encoding", "gzip"}} << "m f=1"_ba << 400
                              << u"invalid"_s;
    QTest::addRow("gzip cut short")
        << u"/api/v2/write?bucket=b"_s << Headers {{"Content-Encoding", "gzip"}}
        << gzip(QByteArray("m f=1\n").repeated(1000)).chopped(10) << 400 << u"invalid"_s;
    QTest::addRow("brotli") << u"/api/v2/write?bucket=b"_s << Headers {{"Content-Encoding", "br"}}
                            << "m f=1"_ba << 415 << u"unsupported media type"_s;
}

void tst_InfluxWrite::badParameters()
{
    QFETCH(QString, path);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    TestServer server;
    QVERIFY(server.started);
    const Answer a = post(m_nam, server.url(path), body, headers);
    QCOMPARE(a.status, status);
    QCOMPARE(a.object().value(u"code"_s).toString(), code);
    QVERIFY(!a.object().value(u"message"_s).toString().isEmpty());
    QCOMPARE(itemCount(*server.engine), 0);
}

void tst_InfluxWrite::gzipBombIsRefused()
{
    Server::ServerOptions options;
    options.limits.maxBody = 1 << 20;
    TestServer server(options);
    QVERIFY(server.started);
    // 64 MiB of one line repeated: about 64 KiB of gzip, far under the limit on the wire.
    const QByteArray bomb = gzip(QByteArray("m f=1\n").repeated(11'184'810));
    QVERIFY(bomb.size() < options.limits.maxBody);
    const Answer a =
        post(m_nam, server.url(u"/api/v2/write?bucket=b"_s), bomb, {{"Content-Encoding", "gzip"}});
    QCOMPARE(a.status, 413);
    QCOMPARE(a.object().value(u"code"_s).toString(), u"request too large"_s);
    QCOMPARE(itemCount(*server.engine), 0);
    // Exactly the limit inflated is still taken.
    const QByteArray line = "m f=1\n";
    QByteArray exact = line.repeated((options.limits.maxBody) / line.size());
    exact.append(QByteArray(options.limits.maxBody - exact.size(), '\n'));
    QCOMPARE(exact.size(), options.limits.maxBody);
    QCOMPARE(post(m_nam, server.url(u"/api/v2/write?bucket=b"_s), gzip(exact),
                  {{"Content-Encoding", "gzip"}})
                 .status,
             204);
}

void tst_InfluxWrite::plainBodyOverTheLimitIsRefused()
{
    Server::ServerOptions options;
    options.limits.maxBody = 1 << 16;
    TestServer server(options);
    QVERIFY(server.started);
    const Answer a = post(m_nam, server.url(u"/api/v2/write?bucket=b"_s),
                          QByteArray("m f=1\n").repeated(20'000));
    QCOMPARE(a.status, 413);
    QCOMPARE(itemCount(*server.engine), 0);
}

void tst_InfluxWrite::tokens_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    const QString v2 = u"/api/v2/write?bucket=b"_s;
    const QString v1 = u"/write?db=d"_s;
    QTest::addRow("v2 Token") << v2 << "Token s3cret"_ba << 204;
    QTest::addRow("v2 token scheme in lower case") << v2 << "token s3cret"_ba << 204;
    QTest::addRow("v2 Bearer") << v2 << "Bearer s3cret"_ba << 204;
    QTest::addRow("v2 none") << v2 << QByteArray() << 401;
    QTest::addRow("v2 wrong Token") << v2 << "Token nope"_ba << 401;
    QTest::addRow("v2 Basic is v1's") << v2 << "Basic " + "u:s3cret"_ba.toBase64() << 401;
    QTest::addRow("v1 Token") << v1 << "Token s3cret"_ba << 204;
    QTest::addRow("v1 Basic password") << v1 << "Basic " + "user:s3cret"_ba.toBase64() << 204;
    QTest::addRow("v1 Basic wrong") << v1 << "Basic " + "user:nope"_ba.toBase64() << 401;
    QTest::addRow("v1 p parameter") << v1 + u"&u=user&p=s3cret"_s << QByteArray() << 204;
    QTest::addRow("v1 wrong p") << v1 + u"&u=user&p=nope"_s << QByteArray() << 401;
}

void tst_InfluxWrite::tokens()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    Server::ServerOptions options;
    options.writeToken = "s3cret";
    TestServer server(options);
    QVERIFY(server.started);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append(std::pair<QByteArray, QByteArray>("Authorization", authorization));
    const Answer a = post(m_nam, server.url(path), "m f=1", headers);
    QCOMPARE(a.status, status);
    if (status == 401) {
        QCOMPARE(a.object().value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(!a.object().value(u"message"_s).toString().isEmpty());
        QCOMPARE(itemCount(*server.engine), 0);
    } else {
        QCOMPARE(itemCount(*server.engine), 1);
    }
}

void tst_InfluxWrite::otherMethods()
{
    TestServer server;
    QVERIFY(server.started);
    const Answer get = send(m_nam, "GET", server.url(u"/api/v2/write"_s));
    QCOMPARE(get.status, 405);
    QCOMPARE(get.header("allow"), "POST, OPTIONS");
    QCOMPARE(post(m_nam, server.url(u"/api/v2/write?bucket=b"_s), {}).status, 204);
    QCOMPARE(post(m_nam, server.url(u"/write?db=d"_s), "\n\n# nothing\n").status, 204);
}

QTEST_MAIN(tst_InfluxWrite)

#include "tst_influxwrite.moc"
