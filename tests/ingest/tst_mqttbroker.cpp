// SPDX-License-Identifier: GPL-3.0-or-later
// MQTT end to end: Debian's mosquitto on a loopback port, the real `syncstreamer --headless
// --mqtt`, messages published with mosquitto_pub (JSON, text, binary, retained, a topic with
// spaces and UTF-8, an MQTT 5 content type), a broker restart in the middle of a stream. Every
// message published while connected arrives once, in order per topic.
#include "../server/headlessprocess.h"
#include "readback.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A mosquitto of its own, with persistence, so that a restart keeps the retained messages.
class Broker
{
public:
    explicit Broker(const QString &executable)
        : m_executable(executable)
        , m_port(freePort())
    {
        QFile conf(m_dir.filePath(u"mosquitto.conf"_s));
        if (conf.open(QIODevice::WriteOnly)) {
            conf.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\n"
                                      "persistence true\npersistence_location %2/\n")
                           .arg(m_port)
                           .arg(m_dir.path())
                           .toUtf8());
            // Started as root, mosquitto would become the user "mosquitto", who cannot write
            // its database into this folder.
            if (::geteuid() == 0)
                conf.write("user root\n");
        }
    }
    ~Broker() { stop(); }

    bool start()
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(m_executable, {u"-c"_s, m_dir.filePath(u"mosquitto.conf"_s)});
        if (!m_process.waitForStarted(5'000))
            return false;
        // Listening once a client can connect.
        return QTest::qWaitFor(
            [&] {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, m_port);
                return socket.waitForConnected(200);
            },
            10'000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }
    quint16 port() const { return m_port; }
    QByteArray output() { return m_process.readAll(); }

private:
    QString m_executable;
    QTemporaryDir m_dir;
    quint16 m_port;
    QProcess m_process;
};

} // namespace

class tst_MqttBroker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyMessageOnceInOrder();
    void badUrlIsRefused_data();
    void badUrlIsRefused();

private:
    // Publishes with mosquitto_pub; each line of `lines` a message when given.
    bool publish(const QStringList &arguments, const QByteArray &lines = {});
    // Waits until /healthz says the broker connection is `state`.
    bool waitForState(const QString &state);

    QString m_mosquitto;
    QString m_pub;
    quint16 m_brokerPort = 0;
    quint16 m_appPort = 0;
    QNetworkAccessManager m_nam;
};

void tst_MqttBroker::initTestCase()
{
    m_mosquitto = QStandardPaths::findExecutable(u"mosquitto"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
    m_pub = QStandardPaths::findExecutable(u"mosquitto_pub"_s);
    if (m_mosquitto.isEmpty() || m_pub.isEmpty())
        QSKIP("mosquitto and mosquitto_pub are not installed (packaging/install-deps.sh "
              "installs them)");
}

bool tst_MqttBroker::publish(const QStringList &arguments, const QByteArray &lines)
{
    QProcess pub;
    pub.setProcessChannelMode(QProcess::MergedChannels);
    pub.start(m_pub,
              QStringList {u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_brokerPort), u"-V"_s,
                           u"5"_s}
                  + arguments);
    if (!lines.isEmpty()) {
        pub.write(lines);
        pub.closeWriteChannel();
    }
    if (!pub.waitForFinished(20'000) || pub.exitCode() != 0) {
        qWarning() << "mosquitto_pub" << arguments << pub.readAll();
        return false;
    }
    return true;
}

bool tst_MqttBroker::waitForState(const QString &state)
{
    return QTest::qWaitFor(
        [&] {
            const QJsonObject health =
                QJsonDocument::fromJson(
                    ReadBack::get(m_nam, u"http://127.0.0.1:%1/healthz"_s.arg(m_appPort)))
                    .object();
            const QJsonArray sources = health.value(u"sources"_s).toArray();
            return sources.size() == 1
                && sources[0].toObject().value(u"state"_s).toString() == state;
        },
        60'000);
}

void tst_MqttBroker::everyMessageOnceInOrder()
{
    Broker broker(m_mosquitto);
    QVERIFY2(broker.start(), broker.output().constData());
    m_brokerPort = broker.port();
    // Retained before SyncStreamer subscribes: it comes with the subscription.
    QVERIFY(publish({u"-t"_s, u"test/retained"_s, u"-m"_s, u"kept"_s, u"-r"_s, u"-q"_s, u"1"_s}));

    HeadlessProcess app;
    QVERIFY2(app.start({u"--mqtt"_s, u"mqtt://127.0.0.1:%1/test/#"_s.arg(m_brokerPort),
                        u"--mqtt-time-field"_s, u"at"_s}),
             app.output().constData());
    m_appPort = app.port();
    QVERIFY(waitForState(u"connected"_s));

    const QString spaced = u"test/a room/température ☃"_s;
    QVERIFY(publish({u"-t"_s, u"test/json"_s, u"-m"_s, u"{\"v\":1.5}"_s, u"-q"_s, u"1"_s}));
    QVERIFY(publish({u"-t"_s, u"test/text"_s, u"-m"_s, u"plain words"_s}));
    QTemporaryDir dir;
    QFile binary(dir.filePath(u"bin"_s));
    QVERIFY(binary.open(QIODevice::WriteOnly));
    const QByteArray binaryPayload("\x00\xff\xfe\x01 not utf-8", 15);
    binary.write(binaryPayload);
    binary.close();
    QVERIFY(publish({u"-t"_s, u"test/binary"_s, u"-f"_s, binary.fileName(), u"-q"_s, u"1"_s}));
    QVERIFY(publish({u"-t"_s, spaced, u"-m"_s, u"{\"x\":true}"_s}));
    QVERIFY(publish({u"-t"_s, u"test/typed"_s, u"-m"_s, u"a,b"_s, u"-D"_s, u"publish"_s,
                     u"content-type"_s, u"text/csv; charset=utf-8"_s}));

    // A stream on two topics, the broker restarted in its middle.
    QByteArray first, second, firstB, secondB;
    for (int i = 0; i < 50; ++i) {
        (i < 25 ? first : second) += "{\"n\":" + QByteArray::number(i) + "}\n";
        (i < 25 ? firstB : secondB) += "b" + QByteArray::number(i) + "\n";
    }
    QVERIFY(publish({u"-t"_s, u"test/seq"_s, u"-q"_s, u"1"_s, u"-l"_s}, first));
    QVERIFY(publish({u"-t"_s, u"test/seq-b"_s, u"-q"_s, u"0"_s, u"-l"_s}, firstB));
    // What was published before the restart has arrived (the broker sent it to a connected
    // subscriber); then the broker goes and comes back.
    QVERIFY(QTest::qWaitFor(
        [&] { return ReadBack::fetch(m_nam, m_appPort).items.value(u"test/seq-b"_s).size() == 25; },
        20'000));
    broker.stop();
    QVERIFY(waitForState(u"disconnected"_s));
    QVERIFY(broker.start());
    QVERIFY(waitForState(u"connected"_s));
    QVERIFY(publish({u"-t"_s, u"test/seq"_s, u"-q"_s, u"1"_s, u"-l"_s}, second));
    QVERIFY(publish({u"-t"_s, u"test/seq-b"_s, u"-q"_s, u"0"_s, u"-l"_s}, secondB));
    // A device's own time, in a JSON member named by --mqtt-time-field.
    const qint64 stamped = QDateTime::currentMSecsSinceEpoch() - 1;
    QVERIFY(publish({u"-t"_s, u"test/timed"_s, u"-m"_s, u"{\"at\":%1,\"v\":2}"_s.arg(stamped)}));

    ReadBack r;
    QVERIFY(QTest::qWaitFor(
        [&] {
            r = ReadBack::fetch(m_nam, m_appPort);
            return r.items.value(u"test/seq"_s).size() >= 50
                && r.items.value(u"test/seq-b"_s).size() >= 50 && r.items.contains(u"test/timed"_s);
        },
        20'000));
    // Settle: nothing more is coming (a duplicate would come now).
    QTest::qWait(500);
    r = ReadBack::fetch(m_nam, m_appPort);

    for (const QString &topic : {u"test/seq"_s, u"test/seq-b"_s}) {
        const QList<TimeFrame::Item> items = r.items.value(topic);
        QCOMPARE(items.size(), 50);
        for (int i = 0; i < 50; ++i) {
            const QByteArray expected = topic == u"test/seq"_s
                ? QByteArray("{\"n\":" + QByteArray::number(i) + "}")
                : QByteArray("b" + QByteArray::number(i));
            QCOMPARE(items[i].data, expected);
        }
    }
    QCOMPARE(r.types.value(u"test/seq"_s), u"application/json"_s);
    QCOMPARE(r.types.value(u"test/seq-b"_s), u"text/plain"_s);

    QCOMPARE(r.items.value(u"test/retained"_s).size(), 1); // once, also after the reconnect
    QCOMPARE(r.items.value(u"test/retained"_s)[0].data, "kept"_ba);
    QCOMPARE(r.types.value(u"test/json"_s), u"application/json"_s);
    QCOMPARE(r.items.value(u"test/json"_s).size(), 1);
    QCOMPARE(r.types.value(u"test/text"_s), u"text/plain"_s);
    QCOMPARE(r.items.value(u"test/text"_s)[0].data, "plain words"_ba);
    QCOMPARE(r.types.value(u"test/binary"_s), u"application/octet-stream"_s);
    QCOMPARE(r.items.value(u"test/binary"_s)[0].data, binaryPayload);
    QCOMPARE(r.types.value(spaced), u"application/json"_s);
    QCOMPARE(r.items.value(spaced).size(), 1);
    QCOMPARE(r.types.value(u"test/typed"_s), u"text/csv"_s);
    QCOMPARE(r.items.value(u"test/timed"_s).size(), 1);
    QCOMPARE(r.items.value(u"test/timed"_s)[0].timestamp, stamped);

    // The window's and the scrapers' view: /metrics counts the reconnect.
    const QByteArray metrics =
        ReadBack::get(m_nam, u"http://127.0.0.1:%1/metrics"_s.arg(m_appPort));
    QVERIFY2(metrics.contains(QByteArray("syncstreamer_mqtt_reconnects_total{source=\"mqtt://"
                                         "127.0.0.1:"
                                         + QByteArray::number(m_brokerPort) + "/test/#\"} 1")),
             metrics.constData());
    QVERIFY(metrics.contains("syncstreamer_mqtt_connected{"));
}

void tst_MqttBroker::badUrlIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("scheme") << u"http://127.0.0.1:1883/a"_s;
    QTest::addRow("no filter") << u"mqtt://127.0.0.1:1883"_s;
    QTest::addRow("hash not last") << u"mqtt://127.0.0.1/a/#/b"_s;
    QTest::addRow("plus inside a level") << u"mqtt://127.0.0.1/a+/b"_s;
    QTest::addRow("no host") << u"mqtt:///a"_s;
}

void tst_MqttBroker::badUrlIsRefused()
{
    QFETCH(QString, url);
    HeadlessProcess app;
    QVERIFY(!app.start({u"--mqtt"_s, url}));
    QVERIFY(app.process().state() == QProcess::NotRunning || app.process().waitForFinished(10'000));
    QCOMPARE(app.process().exitCode(), 2);
    QVERIFY2(app.output().contains("--mqtt"), app.output().constData());
}

QTEST_MAIN(tst_MqttBroker)

#include "tst_mqttbroker.moc"
