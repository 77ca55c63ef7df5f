// SPDX-License-Identifier: GPL-3.0-or-later
// How an MQTT message becomes an event: topic to channel, payload to type, a JSON member to
// the event's time, and the --mqtt URL.
#include "engine/channelid.h"
#include "ingest/mqttmessage.h"
#include "ingest/mqttoptions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Ingest;

class tst_MqttMessage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void channelForTopic_data();
    void channelForTopic();
    void longTopicsStayApart();
    void typeFor_data();
    void typeFor();
    void timeFromField_data();
    void timeFromField();
    void url_data();
    void url();
};

void tst_MqttMessage::channelForTopic_data()
{
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<QString>("channel");
    QTest::addRow("plain") << "sensors/kitchen/temp"_ba << u"sensors/kitchen/temp"_s;
    QTest::addRow("spaces") << "a room/the temp"_ba << u"a room/the temp"_s;
    QTest::addRow("UTF-8") << "température/☃/😀"_ba << u"température/☃/😀"_s;
    QTest::addRow("URL characters") << "a?b#c&d=e/f+g,h"_ba << u"a?b#c&d=e/f+g,h"_s;
    QTest::addRow("leading and double slashes") << "/a//b/"_ba << u"/a//b/"_s;
    QTest::addRow("percent is escaped") << "100%/x"_ba << u"100%25/x"_s;
    QTest::addRow("control characters") << "a\tb\nc\x7f"_ba << u"a%09b%0Ac%7F"_s;
    QTest::addRow("C1 control") << "a\xc2\x85z"_ba << u"a%C2%85z"_s;
    QTest::addRow("not UTF-8") << "a\xffz"_ba << u"a%FFz"_s;
    QTest::addRow("empty") << QByteArray() << u"%00"_s;
    QTest::addRow("exactly 128 bytes") << QByteArray(128, 'x') << QString(128, u'x');
}

void tst_MqttMessage::channelForTopic()
{
    QFETCH(QByteArray, topic);
    QFETCH(QString, channel);
    QCOMPARE(MqttMessage::channelForTopic(topic), channel);
    QCOMPARE(Engine::checkChannelId(QStringView(channel)), Engine::ChannelIdProblem::None);
}

void tst_MqttMessage::longTopicsStayApart()
{
    const QByteArray a = QByteArray(200, 'x') + "/a";
    const QByteArray b = QByteArray(200, 'x') + "/b";
    const QString ca = MqttMessage::channelForTopic(a);
    const QString cb = MqttMessage::channelForTopic(b);
    QVERIFY(ca != cb);
    QCOMPARE(ca.toUtf8().size(), 128);
    QVERIFY(ca.startsWith(QString(111, u'x') + u'~'));
    QCOMPARE(MqttMessage::channelForTopic(a), ca); // stable
    // Cut on a character boundary: 3-byte characters never split.
    const QString snow = MqttMessage::channelForTopic(u"☃"_s.repeated(100).toUtf8());
    QVERIFY(snow.toUtf8().size() <= 128);
    QCOMPARE(Engine::checkChannelId(QStringView(snow)), Engine::ChannelIdProblem::None);
    QVERIFY(snow.startsWith(u"☃"_s.repeated(37) + u'~'));
}

void tst_MqttMessage::typeFor_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("type");
    QTest::addRow("JSON object") << R"({"a":1})"_ba << QByteArray() << u"application/json"_s;
    QTest::addRow("JSON number") << "42"_ba << QByteArray() << u"application/json"_s;
    QTest::addRow("text") << "on"_ba << QByteArray() << u"text/plain"_s;
    QTest::addRow("UTF-8 text") << "é ☃"_ba << QByteArray() << u"text/plain"_s;
    QTest::addRow("empty") << QByteArray() << QByteArray() << u"text/plain"_s;
    QTest::addRow("binary") << "\xff\x00"_ba << QByteArray() << u"application/octet-stream"_s;
    QTest::addRow("content type wins") << R"({"a":1})"_ba
                                       << "text/csv"_ba << u"text/csv"_s;
    QTest::addRow("content type without parameters")
        << "x"_ba
        << "Text/Plain; charset=utf-8"_ba << u"text/plain"_s;
    QTest::addRow("malformed content type ignored") << R"([1])"_ba
                                                    << "not a type"_ba << u"application/json"_s;
}

void tst_MqttMessage::typeFor()
{
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, type);
    QCOMPARE(MqttMessage::typeFor(payload, contentType), type);
}

void tst_MqttMessage::timeFromField_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<std::optional<qint64>>("time");
    QTest::addRow("integer ms") << R"({"ts":1700000000123,"v":1})"_ba
                                << std::optional<qint64>(1'700'000'000'123);
    QTest::addRow("fraction cut toward minus infinity")
        << R"({"ts":1700000000123.9})"_ba << std::optional<qint64>(1'700'000'000'123);
    QTest::addRow("ISO 8601") << R"({"ts":"2023-11-14T22:13:20.123Z"})"_ba
                              << std::optional<qint64>(1'700'000'000'123);
    QTest::addRow("ISO 8601 with offset") << R"({"ts":"2023-11-14T23:13:20.123+01:00"})"_ba
                                          << std::optional<qint64>(1'700'000'000'123);
    QTest::addRow("absent") << R"({"v":1})"_ba << std::optional<qint64>();
    QTest::addRow("not a time") << R"({"ts":true})"_ba << std::optional<qint64>();
    QTest::addRow("bad string") << R"({"ts":"soon"})"_ba << std::optional<qint64>();
    QTest::addRow("not JSON") << "ts=1"_ba << std::optional<qint64>();
    QTest::addRow("nested is not top level") << R"({"a":{"ts":1}})"_ba << std::optional<qint64>();
}

void tst_MqttMessage::timeFromField()
{
    QFETCH(QByteArray, payload);
    QFETCH(std::optional<qint64>, time);
    QCOMPARE(MqttMessage::timeFromField(payload, u"ts"_s), time);
    const Engine::Event e = MqttMessage::toEvent("t", payload, {}, u"ts"_s);
    if (e.type == u"application/json"_s)
        QCOMPARE(e.timestamp, time);
    QVERIFY(!MqttMessage::toEvent("t", payload, {}, QString()).timestamp);
}

void tst_MqttMessage::url_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("filters");
    QTest::addRow("plain") << u"mqtt://broker/a/#"_s << u"broker"_s << 1883 << false << QString()
                           << QString() << QStringList {u"a/#"_s};
    QTest::addRow("tls default port") << u"mqtts://broker/+/t"_s << u"broker"_s << 8883 << true
                                      << QString() << QString() << QStringList {u"+/t"_s};
    QTest::addRow("user, password, port, several filters")
        << u"mqtt://me:p%40ss@10.0.0.2:1999/a/+/c,#,x y/é"_s << u"10.0.0.2"_s << 1999 << false
        << u"me"_s << u"p@ss"_s << QStringList {u"a/+/c"_s, u"#"_s, u"x y/é"_s};
    QTest::addRow("IPv6") << u"mqtt://[::1]:1883/t"_s << u"::1"_s << 1883 << false << QString()
                          << QString() << QStringList {u"t"_s};
}

void tst_MqttMessage::url()
{
    QFETCH(QString, url);
    QString error;
    const std::optional<MqttOptions> o = parseMqttUrl(url, &error);
    QVERIFY2(o, qPrintable(error));
    QTEST(o->host, "host");
    QTEST(o->port, "port");
    QTEST(o->tls, "tls");
    QTEST(o->user, "user");
    QTEST(o->password, "password");
    QTEST(o->filters, "filters");
    QVERIFY(!o->displayName().contains(u"p@ss"_s));
}

QTEST_APPLESS_MAIN(tst_MqttMessage)

#include "tst_mqttmessage.moc"
