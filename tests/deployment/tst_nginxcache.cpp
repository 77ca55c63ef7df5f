// SPDX-License-Identifier: GPL-3.0-or-later
// Many readers behind a cache: Debian's nginx on a loopback port with the configuration that
// packaging/nginx/syncstreamer-cache.conf ships, in front of the real `syncstreamer --headless`.
// Fifty clients fetch every finished frame; the origin must answer each frame once, the index
// must never be cached, and live events must stream through as they come.
#include "headlessprocess.h"
#include "httptestutil.h"

#include <QDirIterator>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Debian's nginx on a free loopback port, its prefix (configuration, logs, cache) in a
// temporary directory, stopped when the object goes.
class NginxProcess
{
public:
    static QString executable()
    {
        return QStandardPaths::findExecutable(
            u"nginx"_s, {u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/usr/bin"_s});
    }

    bool start(quint16 upstreamPort, QString *error)
    {
        QFile shipped(QStringLiteral(SYNCSTREAMER_NGINX_CONF));
        if (!shipped.open(QIODevice::ReadOnly)) {
            *error = shipped.errorString();
            return false;
        }
        m_port = freePort();
        const QString prefix = m_dir.path();
        QByteArray site = shipped.readAll();
        site.replace("@CACHE_DIR@", (prefix + u"/cache"_s).toUtf8());
        site.replace("@UPSTREAM@", QByteArray("127.0.0.1:" + QByteArray::number(upstreamPort)));
        site.replace("@LISTEN@", QByteArray("127.0.0.1:" + QByteArray::number(m_port)));
        // What /etc/nginx/nginx.conf gives on a Debian system, with every path in the prefix.
        const QByteArray main = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                                "pid nginx.pid;\nerror_log error.log info;\n"
                                "events { worker_connections 1024; }\n"
                                "http {\n"
                                "  access_log access.log;\n"
                                "  client_body_temp_path body;\n  proxy_temp_path proxy;\n"
                                "  fastcgi_temp_path fastcgi;\n  uwsgi_temp_path uwsgi;\n"
                                "  scgi_temp_path scgi;\n"
                                "  include site.conf;\n"
                                "}\n";
        if (!write(u"site.conf"_s, site) || !write(u"nginx.conf"_s, main)) {
            *error = u"cannot write the nginx configuration"_s;
            return false;
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(executable(),
                        {u"-p"_s, prefix + u'/', u"-c"_s, prefix + u"/nginx.conf"_s, u"-e"_s,
                         prefix + u"/error.log"_s});
        if (!m_process.waitForStarted(10'000)) {
            *error = m_process.errorString();
            return false;
        }
        for (int i = 0; i < 200; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(100))
                return true;
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(50);
        }
        *error = QString::fromUtf8(m_process.readAll()) + errorLog();
        return false;
    }

    ~NginxProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }

    quint16 port() const { return m_port; }
    QString errorLog() const
    {
        QFile log(m_dir.path() + u"/error.log"_s);
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
    }
    // Responses nginx keeps in its cache, as files.
    int cachedResponses() const
    {
        int count = 0;
        QDirIterator it(m_dir.path() + u"/cache"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++count;
        }
        return count;
    }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }
    bool write(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.path() + u'/' + name);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

struct IndexedFrame
{
    qint64 startAt = 0;
    qint64 size = 0;
};

} // namespace

class TestNginxCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachFrameLeavesTheOriginOnce();
    void indexIsNeverCached();
    void liveEventsStreamThrough();

private:
    QUrl origin(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:"_s + QString::number(m_app.port()) + path);
    }
    QUrl proxied(const QString &path) const
    {
        return QUrl(u"http://127.0.0.1:"_s + QString::number(m_nginx->port()) + path);
    }
    void post(const QByteArray &channel, const QByteArray &json)
    {
        const Answer a = send(m_nam, "POST", origin(u"/channel/"_s + QString::fromUtf8(channel)),
                              json, {{"Content-Type", "application/json"}});
        QCOMPARE(a.status, 200);
    }
    static QList<IndexedFrame> framesOf(const Answer &index)
    {
        QList<IndexedFrame> frames;
        for (const QJsonValue &v : index.array())
            frames.append({v["startAt"_L1].toInteger(), v["size"_L1].toInteger()});
        return frames;
    }
    qint64 originFrameBytesSent()
    {
        static const QRegularExpression line(u"^syncstreamer_frame_bytes_sent_total (\\d+)$"_s,
                                             QRegularExpression::MultilineOption);
        const Answer metrics = send(m_nam, "GET", origin(u"/metrics"_s));
        return line.match(QString::fromUtf8(metrics.body)).captured(1).toLongLong();
    }

    HeadlessProcess m_app;
    std::unique_ptr<NginxProcess> m_nginx;
    QNetworkAccessManager m_nam;
};

void TestNginxCache::initTestCase()
{
    if (NginxProcess::executable().isEmpty())
        QSKIP("nginx is not installed (packaging/install-deps.sh installs nginx-light)");
    m_nam.setProxy(QNetworkProxy::NoProxy);
    QVERIFY2(m_app.start({u"--frame-duration"_s, u"200ms"_s}), m_app.output().constData());
    m_nginx = std::make_unique<NginxProcess>();
    QString error;
    QVERIFY2(m_nginx->start(m_app.port(), &error), qPrintable(error));

    // Frames with items on three channels: post until the index lists four of them finished.
    for (int round = 0; round < 400; ++round) {
        for (const QByteArray channel : {"rpm", "current", "door"})
            post(channel, "{\"round\":" + QByteArray::number(round) + "}");
        int filled = 0;
        for (const QJsonValue &v : send(m_nam, "GET", origin(u"/frame"_s)).array())
            filled += v["items"_L1].toInt() > 0 ? 1 : 0;
        if (filled >= 4)
            return;
        QTest::qWait(40);
    }
    QFAIL("the server finished no frames");
}

void TestNginxCache::eachFrameLeavesTheOriginOnce()
{
    const Answer index = send(m_nam, "GET", proxied(u"/frame"_s));
    QCOMPARE(index.status, 200);
    const QList<IndexedFrame> frames = framesOf(index);
    QVERIFY(frames.size() >= 4);
    qint64 bytesOfAllFrames = 0;
    for (const IndexedFrame &f : frames)
        bytesOfAllFrames += f.size;
    const qint64 sentBefore = originFrameBytesSent();

    // Fifty readers, each with its own connections, ask for every frame at once.
    constexpr int kClients = 50;
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    QList<QNetworkReply *> replies;
    for (int c = 0; c < kClients; ++c) {
        clients.push_back(std::make_unique<QNetworkAccessManager>());
        clients.back()->setProxy(QNetworkProxy::NoProxy);
        for (const IndexedFrame &f : frames)
            replies.append(
                clients.back()->get(QNetworkRequest(proxied(u'/' + QString::number(f.startAt)))));
    }
    QHash<qint64, QHash<QByteArray, int>> statusesByFrame; // frame -> X-Cache-Status -> count
    QHash<qint64, QSet<QByteArray>> bodiesByFrame;
    for (int i = 0; i < replies.size(); ++i) {
        const Answer a = waitFor(replies[i]);
        const qint64 frame = frames[i % frames.size()].startAt;
        QCOMPARE(a.status, 200);
        ++statusesByFrame[frame][a.header("X-Cache-Status")];
        bodiesByFrame[frame].insert(a.body);
    }

    for (const IndexedFrame &f : frames) {
        const QHash<QByteArray, int> &statuses = statusesByFrame.value(f.startAt);
        QCOMPARE(statuses.value("MISS"), 1);
        QCOMPARE(statuses.value("HIT"), kClients - 1);
        // Every reader got the frame exactly as the origin serves it.
        const QSet<QByteArray> bodies = bodiesByFrame.value(f.startAt);
        QCOMPARE(bodies.size(), 1);
        QCOMPARE(*bodies.begin(),
                 send(m_nam, "GET", origin(u'/' + QString::number(f.startAt))).body);
    }
    // The origin's own count: the frames' bytes went out once for the 50 readers, and once
    // more for the direct comparison above.
    QCOMPARE(originFrameBytesSent() - sentBefore, 2 * bytesOfAllFrames);
    QCOMPARE(m_nginx->cachedResponses(), frames.size());
}

void TestNginxCache::indexIsNeverCached()
{
    const int cachedBefore = m_nginx->cachedResponses();
    const Answer first = send(m_nam, "GET", proxied(u"/frame"_s));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(first.header("X-Cache-Status") != "HIT");
    const qint64 newestBefore = framesOf(first).value(0).startAt;

    // A frame finishes; the index through the cache lists it at once.
    post("door", "{\"open\":true}");
    qint64 newestAfter = newestBefore;
    for (int i = 0; i < 200 && newestAfter == newestBefore; ++i) {
        const Answer again = send(m_nam, "GET", proxied(u"/frame"_s));
        QCOMPARE(again.status, 200);
        QVERIFY(again.header("X-Cache-Status") != "HIT");
        newestAfter = framesOf(again).value(0).startAt;
        if (newestAfter == newestBefore)
            QTest::qWait(50);
    }
    QVERIFY(newestAfter > newestBefore);

    const Answer current = send(m_nam, "GET", proxied(u"/frame/current"_s));
    QCOMPARE(current.status, 200);
    QVERIFY(current.header("X-Cache-Status") != "HIT");
    QCOMPARE(m_nginx->cachedResponses(), cachedBefore);
}

void TestNginxCache::liveEventsStreamThrough()
{
    // An origin of its own with frames of 10 s, so that within the wait below nothing but the
    // posted events could fill a proxy buffer: a buffering proxy would hold them back.
    HeadlessProcess app;
    QVERIFY2(app.start({u"--frame-duration"_s, u"10s"_s}), app.output().constData());
    NginxProcess nginx;
    QString error;
    QVERIFY2(nginx.start(app.port(), &error), qPrintable(error));

    QTcpSocket events;
    events.connectToHost(QHostAddress::LocalHost, nginx.port());
    QVERIFY(events.waitForConnected(5'000));
    events.write("GET /events?channels=door HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray stream;
    for (int i = 0; i < 100 && !stream.contains(": subscribed"); ++i) {
        if (events.waitForReadyRead(100))
            stream += events.readAll();
    }
    QVERIFY2(stream.startsWith("HTTP/1.1 200"), stream.constData());
    QVERIFY(stream.contains("text/event-stream"));

    // Each event arrives through the proxy while the stream stays open, before the next is
    // posted.
    const QUrl door(u"http://127.0.0.1:"_s + QString::number(app.port()) + u"/channel/door"_s);
    for (int n = 0; n < 3; ++n) {
        const QByteArray marker = "\"streamed\":" + QByteArray::number(n);
        QCOMPARE(
            send(m_nam, "POST", door, '{' + marker + '}', {{"Content-Type", "application/json"}})
                .status,
            200);
        for (int i = 0; i < 100 && !stream.contains(marker); ++i) {
            if (events.waitForReadyRead(100))
                stream += events.readAll();
        }
        QVERIFY2(stream.contains(marker), stream.constData());
        QCOMPARE(events.state(), QAbstractSocket::ConnectedState);
    }
}

QTEST_GUILESS_MAIN(TestNginxCache)
#include "tst_nginxcache.moc"
