// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: the real `syncstreamer --headless` (engine, journal, archive, server) driven over
// HTTP: ingest to finished frames, live events, the reference layout, the command line and the
// environment, termination, and a 1 GiB upload and a 10 MB frame fetched by 64 clients at once,
// which must not grow the server's memory.
#include "headlessprocess.h"
#include "httptestutil.h"
#include "rawhttp.h"

#include "format/frameview.h"

using namespace Qt::StringLiterals;

class TestHeadless final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpDocumentsOptions_data();
    void helpDocumentsOptions();
    void ingestToFinishedFrame();
    void liveEventsFromTheEngine();
    void referenceLayout();
    void portAndTokenFromEnvironment();
    void originsAndHostsFromTheCommandLine();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();
    void gigabyteUploadKeepsMemorySmall();
    void largeFrameToManyClientsKeepsMemorySmall();

private:
    QUrl url(const HeadlessProcess &p, const QString &path)
    {
        return QUrl(u"http://127.0.0.1:"_s + QString::number(p.port()) + path);
    }
    // Waits until the index lists a frame with items; returns it.
    QJsonObject waitForFilledFrame(const HeadlessProcess &p)
    {
        for (int i = 0; i < 200; ++i) {
            for (const QJsonValue &v : send(m_nam, "GET", url(p, u"/frame"_s)).array()) {
                if (v["items"_L1].toInt() > 0)
                    return v.toObject();
            }
            QTest::qWait(50);
        }
        return {};
    }

    QNetworkAccessManager m_nam;
};

void TestHeadless::helpDocumentsOptions_data()
{
    QTest::addColumn<QString>("option");
    for (const char *option : {"--headless",
                               "--port",
                               "--bind",
                               "--token ",
                               "--token-file",
                               "--read-token",
                               "--tls-cert",
                               "--tls-key",
                               "--allow-origin",
                               "--allow-host",
                               "--index-limit",
                               "--max-body",
                               "--max-connections ",
                               "--max-connections-per-peer",
                               "--idle-timeout",
                               "--header-timeout",
                               "--http-threads",
                               "--frame-duration",
                               "--data-dir",
                               "--layout",
                               "--fsync"})
        QTest::addRow("%s", option) << QString::fromLatin1(option);
}

void TestHeadless::helpDocumentsOptions()
{
    QFETCH(QString, option);
    QProcess help;
    help.start(QStringLiteral(SYNCSTREAMER_EXECUTABLE), {u"--help"_s});
    QVERIFY(help.waitForFinished(10'000));
    QCOMPARE(help.exitCode(), 0);
    const QString text = QString::fromUtf8(help.readAllStandardOutput());
    const qsizetype at = text.indexOf(u"  "_s + option);
    QVERIFY2(at >= 0, qPrintable(option));
    // The option's own paragraph says what happens by default.
    const qsizetype next = text.indexOf(u"\n  --"_s, at + 3);
    const QString paragraph = text.mid(at, next < 0 ? -1 : next - at);
    if (option != u"--headless"_s && option != u"--tls-key"_s && option != u"--token-file"_s)
        QVERIFY2(paragraph.contains(u"Default"_s), qPrintable(paragraph));
}

void TestHeadless::ingestToFinishedFrame()
{
    HeadlessProcess p;
    QVERIFY2(p.start({u"--frame-duration"_s, u"300ms"_s}), p.output().constData());
    const Answer ack = send(m_nam, "POST", url(p, u"/channel/temp"_s), R"({"celsius":21.5})",
                            {{"Content-Type", "application/json"}});
    QCOMPARE(ack.status, 200);
    const qint64 frameId = ack.object()["frameId"_L1].toInteger();
    QVERIFY(frameId > 0);
    const Answer batch = send(m_nam, "POST", url(p, u"/batch"_s),
                              R"({"channel":"log","type":"text/plain","base64":"aGk="})",
                              {{"Content-Type", "application/x-ndjson"}});
    QCOMPARE(batch.status, 200);

    const QJsonObject entry = waitForFilledFrame(p);
    QVERIFY(!entry.isEmpty());
    const qint64 id = entry["id"_L1].toString().toLongLong();
    const Answer frame = send(m_nam, "GET", url(p, u"/"_s + QString::number(id)));
    QCOMPARE(frame.status, 200);
    QCOMPARE(frame.header("Content-Length").toLongLong(), entry["size"_L1].toInteger());
    QVERIFY(!frame.header("ETag").isEmpty());
    const auto decoded = TimeFrame::decode(frame.body);
    QVERIFY(decoded.ok());
    QByteArrayList data;
    for (const TimeFrame::Channel &c : decoded->channels) {
        for (const TimeFrame::Item &item : c.items)
            data.append(item.data);
    }
    QVERIFY(data.contains(QByteArray(R"({"celsius":21.5})")) || data.contains("hi"));
    const Answer notModified = send(m_nam, "GET", url(p, u"/"_s + QString::number(id)), {},
                                    {{"If-None-Match", frame.header("ETag")}});
    QCOMPARE(notModified.status, 304);
    // The original server's path serves the other layout: another representation, another tag.
    const Answer original = send(m_nam, "GET", url(p, u"/frame/"_s + QString::number(id)), {},
                                 {{"If-None-Match", frame.header("ETag")}});
    QCOMPARE(original.status, 200);
    QCOMPARE(TimeFrame::decode(original.body, TimeFrame::Layout::Reference).value(), *decoded);
    QCOMPARE(send(m_nam, "GET", url(p, u"/healthz"_s)).object()["state"_L1].toString(), u"ok"_s);
    QCOMPARE(p.terminate(), 0);
}

void TestHeadless::liveEventsFromTheEngine()
{
    HeadlessProcess p;
    QVERIFY2(p.start({u"--frame-duration"_s, u"200ms"_s}), p.output().constData());
    QNetworkReply *reply = m_nam.get(QNetworkRequest(url(p, u"/events"_s)));
    QByteArray text;
    auto waitFor = [&](const QByteArray &needle) {
        for (int i = 0; i < 200 && !text.contains(needle); ++i) {
            QSignalSpy more(reply, &QNetworkReply::readyRead);
            text += reply->readAll();
            if (!text.contains(needle))
                more.wait(50);
            text += reply->readAll();
        }
        return text.contains(needle);
    };
    QVERIFY(waitFor(": subscribed"));
    QCOMPARE(send(m_nam, "POST", url(p, u"/channel/live"_s), "[1]",
                  {{"Content-Type", "application/json"}})
                 .status,
             200);
    QVERIFY(waitFor("\"channel\":\"live\",\"type\":\"application/json\""));
    QVERIFY(text.contains("\"json\":[1]}"));
    QVERIFY(waitFor("event: frame\ndata: {\"startAt\":"));
    reply->abort();
    reply->deleteLater();
}

void TestHeadless::referenceLayout()
{
    HeadlessProcess p;
    QVERIFY2(p.start({u"--frame-duration"_s, u"200ms"_s, u"--layout"_s, u"reference"_s}),
             p.output().constData());
    QCOMPARE(send(m_nam, "POST", url(p, u"/channel/ref"_s), "x", {{"Content-Type", "text/plain"}})
                 .status,
             200);
    const QJsonObject entry = waitForFilledFrame(p);
    QVERIFY(!entry.isEmpty());
    const Answer frame = send(
        m_nam, "GET", url(p, u"/"_s + QString::number(entry["id"_L1].toString().toLongLong())));
    QCOMPARE(frame.status, 200);
    const auto guess = TimeFrame::guessLayout(frame.body);
    QVERIFY(guess.ok());
    QCOMPARE(guess->layout, TimeFrame::Layout::Reference);
    const auto view = TimeFrame::FrameView::index(frame.body, TimeFrame::Layout::Reference);
    QVERIFY(view.ok());
    QCOMPARE(view->channel(0).id, u"ref"_s);
    QCOMPARE(view->channel(0).type, u"text/plain"_s);
}

void TestHeadless::portAndTokenFromEnvironment()
{
    QProcessEnvironment env = HeadlessProcess::cleanEnvironment();
    env.insert(u"SYNCSTREAMER_PORT"_s, u"0"_s);
    env.insert(u"PORT"_s, u"not-a-port"_s); // SYNCSTREAMER_PORT wins
    env.insert(u"SYNCSTREAMER_TOKEN"_s, u"from-env"_s);
    HeadlessProcess p;
    QVERIFY2(p.start({}, env, false), p.output().constData());
    QVERIFY(p.port() != 0);
    const QUrl post = url(p, u"/channel/a"_s);
    QCOMPARE(send(m_nam, "POST", post, "1", {{"Content-Type", "application/json"}}).status, 401);
    QCOMPARE(send(m_nam, "POST", post, "1",
                  {{"Content-Type", "application/json"}, {"Authorization", "Bearer from-env"}})
                 .status,
             200);

    QProcessEnvironment portOnly = HeadlessProcess::cleanEnvironment();
    portOnly.insert(u"PORT"_s, u"0"_s); // as the original README promised
    HeadlessProcess q;
    QVERIFY2(q.start({}, portOnly, false), q.output().constData());
    QVERIFY(q.port() != 0);
}

void TestHeadless::originsAndHostsFromTheCommandLine()
{
    HeadlessProcess p;
    QVERIFY2(p.start({u"--allow-origin"_s, u"https://a.example, https://b.example"_s,
                      u"--allow-origin"_s, u"https://c.example"_s, u"--allow-host"_s,
                      u"frames.example.org"_s}),
             p.output().constData());
    auto postFrom = [&](const QByteArray &origin) {
        return send(m_nam, "POST", url(p, u"/channel/door"_s), "x",
                    {{"Content-Type", "text/plain"}, {"Origin", origin}})
            .status;
    };
    QCOMPARE(postFrom("https://b.example"), 200);
    QCOMPARE(postFrom("https://c.example"), 200);
    QCOMPARE(postFrom("https://evil.example"), 403);
    QCOMPARE(postFrom("http://127.0.0.1:" + QByteArray::number(p.port())), 200);

    for (const auto &[host, status] : {std::pair {QByteArray("frames.example.org"), 200},
                                       std::pair {QByteArray("evil.example"), 421}}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, p.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /frame HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        QByteArray pending;
        const QList<RawResponse> got = readResponses(socket, pending, 1);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].status, status);
    }
}

void TestHeadless::badOptionsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("port") << QStringList {u"--port"_s, u"70000"_s} << u"70000"_s;
    QTest::addRow("bind") << QStringList {u"--bind"_s, u"nowhere"_s} << u"--bind"_s;
    QTest::addRow("max-body") << QStringList {u"--max-body"_s, u"lots"_s} << u"--max-body"_s;
    QTest::addRow("layout") << QStringList {u"--layout"_s, u"diagonal"_s} << u"--layout"_s;
    QTest::addRow("frame-duration")
        << QStringList {u"--frame-duration"_s, u"soon"_s} << u"--frame-duration"_s;
    QTest::addRow("token-file") << QStringList {u"--token-file"_s, u"/nonexistent/token"_s}
                                << u"--token-file"_s;
    QTest::addRow("allow-origin without a scheme")
        << QStringList {u"--allow-origin"_s, u"https://a.example,b.example"_s} << u"b.example"_s;
    QTest::addRow("allow-host with a path")
        << QStringList {u"--allow-host"_s, u"proxy.example/x"_s} << u"--allow-host"_s;
    QTest::addRow("header-timeout")
        << QStringList {u"--header-timeout"_s, u"never"_s} << u"--header-timeout"_s;
    QTest::addRow("max-connections-per-peer")
        << QStringList {u"--max-connections-per-peer"_s, u"0"_s} << u"--max-connections-per-peer"_s;
    QTest::addRow("tls without key")
        << QStringList {u"--tls-cert"_s, u"/nonexistent.pem"_s} << u"--tls-key"_s;
}

void TestHeadless::badOptionsAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    HeadlessProcess p;
    QVERIFY(!p.start(arguments));
    QVERIFY(p.process().state() == QProcess::NotRunning || p.process().waitForFinished(10'000));
    QVERIFY(p.process().exitCode() != 0);
    const QString err = QString::fromUtf8(p.output() + p.process().readAllStandardError());
    QVERIFY2(err.contains(mentions), qPrintable(err));
}

void TestHeadless::gigabyteUploadKeepsMemorySmall()
{
    HeadlessProcess p;
    QVERIFY2(p.start({}), p.output().constData());
    const qint64 total = qint64(1) << 30;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, p.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /channel/huge HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                 "application/octet-stream\r\n"
                 "Content-Length: "
                 + QByteArray::number(total) + "\r\n\r\n");
    // Streamed from a 1 MiB buffer: the test holds no more than a few MiB itself.
    const QByteArray chunk(1 << 20, 'u');
    qint64 sent = 0;
    QByteArray received;
    while (sent < total && socket.state() == QAbstractSocket::ConnectedState) {
        while (socket.bytesToWrite() < 4 * chunk.size() && sent < total) {
            socket.write(chunk);
            sent += chunk.size();
        }
        socket.waitForBytesWritten(1000);
        received += socket.readAll();
    }
    QCOMPARE(sent, total);
    QByteArray pending = received;
    const QList<RawResponse> r = readResponses(socket, pending, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 413);
    const qint64 peak = p.peakRss();
    QVERIFY(peak > 0);
    qInfo("server peak RSS after a 1 GiB upload: %lld MB", peak >> 20);
#ifdef __SANITIZE_ADDRESS__
    // AddressSanitizer's shadow memory and its quarantine of freed blocks (256 MiB) count too.
    constexpr qint64 kPeakBound = 512LL * 1024 * 1024;
#else
    constexpr qint64 kPeakBound = 100LL * 1024 * 1024;
#endif
    QVERIFY2(peak < kPeakBound, QByteArray::number(peak >> 20).constData());
    QCOMPARE(send(m_nam, "GET", url(p, u"/healthz"_s)).status, 200);
}

void TestHeadless::largeFrameToManyClientsKeepsMemorySmall()
{
    HeadlessProcess p;
    // 64 clients and the test's own connections, from one address.
    QVERIFY2(
        p.start({u"--frame-duration"_s, u"1000ms"_s, u"--max-connections-per-peer"_s, u"100"_s}),
        p.output().constData());
    constexpr qsizetype kEvent = 10 * 1000 * 1000;
    QByteArray event(kEvent, 'f');
    for (qsizetype i = 0; i < event.size(); i += 4096)
        event[i] = char('a' + (i / 4096) % 26);
    QCOMPARE(send(m_nam, "POST", url(p, u"/channel/blob"_s), event,
                  {{"Content-Type", "application/octet-stream"}})
                 .status,
             200);
    const QJsonObject entry = waitForFilledFrame(p);
    QVERIFY(!entry.isEmpty());
    const qint64 size = entry["size"_L1].toInteger();
    QVERIFY(size > kEvent);
    const QByteArray request =
        "GET /" + entry["id"_L1].toString().toLatin1() + " HTTP/1.1\r\nHost: localhost\r\n\r\n";

    // All 64 ask before any reads: the server has 64 answers of 10 MB in flight at once.
    constexpr int kClients = 64;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, p.port());
        QVERIFY(clients.back()->waitForConnected(5000));
    }
    for (auto &c : clients)
        c->write(request);
    for (auto &c : clients)
        QVERIFY(c->waitForBytesWritten(5000));
    // Each client keeps only a count and the frame's tail, so the test's memory stays small.
    std::vector<qint64> received(kClients, 0);
    std::vector<QByteArray> heads(kClients);
    QByteArray first;
    QDeadlineTimer deadline(120'000);
    int done = 0;
    while (done < kClients && !deadline.hasExpired()) {
        QTest::qWait(1);
        for (int i = 0; i < kClients; ++i) {
            QTcpSocket &c = *clients[size_t(i)];
            QByteArray bytes = c.readAll();
            if (bytes.isEmpty())
                continue;
            qsizetype bodyStart = 0;
            if (!heads[size_t(i)].endsWith("\r\n\r\n")) {
                const qsizetype had = heads[size_t(i)].size();
                heads[size_t(i)] += bytes;
                const qsizetype end = heads[size_t(i)].indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                heads[size_t(i)].truncate(end + 4);
                bodyStart = end + 4 - had;
            }
            const qint64 before = received[size_t(i)];
            received[size_t(i)] += bytes.size() - bodyStart;
            if (i == 0 && first.size() < size)
                first += bytes.sliced(bodyStart);
            if (before < size && received[size_t(i)] >= size)
                ++done;
        }
    }
    QCOMPARE(done, kClients);
    for (int i = 0; i < kClients; ++i) {
        QVERIFY2(heads[size_t(i)].startsWith("HTTP/1.1 200 "), heads[size_t(i)].constData());
        QVERIFY(
            heads[size_t(i)].contains(QByteArray("Content-Length: " + QByteArray::number(size))));
        QCOMPARE(received[size_t(i)], size);
    }
    QVERIFY(first.contains(event));
    const qint64 peak = p.peakRss();
    QVERIFY(peak > 0);
    qInfo("server peak RSS while 64 clients fetched a %lld MB frame: %lld MB", size >> 20,
          peak >> 20);
#ifdef __SANITIZE_ADDRESS__
    constexpr qint64 kPeakBound = 512LL * 1024 * 1024;
#else
    // The frame once, the engine's copy of the event, and the bounded slices of 64 answers.
    constexpr qint64 kPeakBound = 150LL * 1024 * 1024;
#endif
    QVERIFY2(peak < kPeakBound, QByteArray::number(peak >> 20).constData());
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
