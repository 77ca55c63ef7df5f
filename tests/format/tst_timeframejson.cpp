// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON form of a frame: round trips, and malformed input refused with InvalidJson.

#include "format/timeframe.h"
#include "format/timeframejson.h"
#include "framebytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace TimeFrame;

Q_DECLARE_METATYPE(TimeFrame::Frame)

namespace {

Frame sampleFrame()
{
    return Frame {1795320000000,
                  1795320010000,
                  {Channel {u"temperature"_s,
                            u"application/json"_s,
                            {Item {1795320000125, QByteArrayLiteral("{\"celsius\":21.5}")},
                             Item {1795320000126, QByteArray()}}},
                   Channel {u"idle"_s, u"text/plain"_s, {}},
                   Channel {u"カメラ 😀"_s,
                            u"application/octet-stream"_s,
                            {Item {1795320001000, QByteArray("\0\1\2\xff", 4)}}}}};
}

// A valid JSON frame to break one member at a time.
QJsonObject validObject()
{
    return QJsonObject {
        {u"version"_s, 1},
        {u"layout"_s, u"documented"_s},
        {u"startAt"_s, 1000},
        {u"endAt"_s, 2000},
        {u"channels"_s,
         QJsonArray {QJsonObject {
             {u"id"_s, u"a"_s},
             {u"type"_s, u"text/plain"_s},
             {u"items"_s,
              QJsonArray {QJsonObject {{u"timestamp"_s, 1500}, {u"data"_s, u"aGk="_s}}}}}}}};
}

QByteArray serialize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Changes one member of the first channel (or of its first item) of validObject().
QJsonObject withChannel(const QString &key, const QJsonValue &value, bool remove = false)
{
    QJsonObject root = validObject();
    QJsonArray channels = root.value(u"channels"_s).toArray();
    QJsonObject channel = channels.at(0).toObject();
    if (remove)
        channel.remove(key);
    else
        channel.insert(key, value);
    channels.replace(0, channel);
    root.insert(u"channels"_s, channels);
    return root;
}

QJsonObject withItem(const QString &key, const QJsonValue &value, bool remove = false)
{
    QJsonObject root = validObject();
    QJsonArray channels = root.value(u"channels"_s).toArray();
    QJsonObject channel = channels.at(0).toObject();
    QJsonArray items = channel.value(u"items"_s).toArray();
    QJsonObject item = items.at(0).toObject();
    if (remove)
        item.remove(key);
    else
        item.insert(key, value);
    items.replace(0, item);
    channel.insert(u"items"_s, items);
    channels.replace(0, channel);
    root.insert(u"channels"_s, channels);
    return root;
}

QJsonObject withRoot(const QString &key, const QJsonValue &value, bool remove = false)
{
    QJsonObject root = validObject();
    if (remove)
        root.remove(key);
    else
        root.insert(key, value);
    return root;
}

} // namespace

class tst_TimeFrameJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void validObjectIsValid();
    void layoutMember();
    void members();
    void unsupportedVersion();
    void malformed_data();
    void malformed();
};

void tst_TimeFrameJson::roundTrip_data()
{
    QTest::addColumn<Frame>("frame");
    QTest::addRow("empty frame") << Frame {0, 0, {}};
    QTest::addRow("channel with zero items")
        << Frame {1, 2, {Channel {u"door"_s, u"application/json"_s, {}}}};
    QTest::addRow("sample") << sampleFrame();
    QTest::addRow("negative timestamps")
        << Frame {-2000, -1000, {Channel {u"t"_s, u"text/plain"_s, {Item {-1500, "x"}}}}};
}

void tst_TimeFrameJson::roundTrip()
{
    QFETCH(Frame, frame);
    for (Layout layout : {Layout::Documented, Layout::Reference}) {
        const QByteArray json = toJson(frame, layout);
        const Result<JsonFrame> back = fromJson(json);
        QVERIFY2(back.ok(), FrameBytes::whyNot(back).constData());
        QCOMPARE(back->frame, frame);
        QVERIFY(back->layout.has_value());
        QCOMPARE(layoutName(*back->layout), layoutName(layout));
    }
}

void tst_TimeFrameJson::validObjectIsValid()
{
    const Result<JsonFrame> parsed = fromJson(serialize(validObject()));
    QVERIFY2(parsed.ok(), FrameBytes::whyNot(parsed).constData());
    QCOMPARE(parsed->frame,
             (Frame {1000, 2000, {Channel {u"a"_s, u"text/plain"_s, {Item {1500, "hi"}}}}}));
}

// "layout" is optional; an unknown name is not an error of the frame, it is just not known.
void tst_TimeFrameJson::layoutMember()
{
    const Result<JsonFrame> without = fromJson(serialize(withRoot(u"layout"_s, {}, true)));
    QVERIFY2(without.ok(), FrameBytes::whyNot(without).constData());
    QVERIFY(!without->layout.has_value());

    const Result<JsonFrame> reference = fromJson(serialize(withRoot(u"layout"_s, u"reference"_s)));
    QVERIFY(reference.ok());
    QCOMPARE(reference->layout, std::optional<Layout>(Layout::Reference));
}

// What toJson writes: the members of the documented JSON form, with base64 data.
void tst_TimeFrameJson::members()
{
    const QJsonDocument doc = QJsonDocument::fromJson(toJson(sampleFrame(), Layout::Reference));
    QVERIFY(doc.isObject());
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(u"version"_s).toInt(), 1);
    QCOMPARE(root.value(u"layout"_s).toString(), u"reference"_s);
    QCOMPARE(root.value(u"startAt"_s).toInteger(), 1795320000000);
    QCOMPARE(root.value(u"endAt"_s).toInteger(), 1795320010000);
    const QJsonArray channels = root.value(u"channels"_s).toArray();
    QCOMPARE(channels.size(), 3);
    const QJsonObject camera = channels.at(2).toObject();
    QCOMPARE(camera.value(u"id"_s).toString(), u"カメラ 😀"_s);
    QCOMPARE(camera.value(u"type"_s).toString(), u"application/octet-stream"_s);
    const QJsonObject item = camera.value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(item.value(u"timestamp"_s).toInteger(), 1795320001000);
    QCOMPARE(item.value(u"data"_s).toString(), u"AAEC/w=="_s);
    QVERIFY(channels.at(1).toObject().value(u"items"_s).isArray());
}

// A frame of another version is refused as such, as from its binary form.
void tst_TimeFrameJson::unsupportedVersion()
{
    const Result<JsonFrame> parsed = fromJson(serialize(withRoot(u"version"_s, 2)));
    QVERIFY(!parsed.ok());
    COMPARE_CODE(parsed.error().code, ErrorCode::UnsupportedVersion);
    QVERIFY(parsed.error().message.contains(u'2'));
}

void tst_TimeFrameJson::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("syntax"); // the text itself is not JSON: the offset is the parser's

    QTest::addRow("empty") << QByteArray() << true;
    QTest::addRow("not JSON") << QByteArrayLiteral("TimeFrame") << true;
    QTest::addRow("cut short") << serialize(validObject()).chopped(3) << true;
    QTest::addRow("trailing comma") << QByteArrayLiteral("{\"startAt\":1,}") << true;
    QTest::addRow("an array") << QByteArrayLiteral("[]") << false;
    QTest::addRow("a number") << QByteArrayLiteral("42") << false;
    QTest::addRow("an empty object") << QByteArrayLiteral("{}") << false;

    QTest::addRow("no startAt") << serialize(withRoot(u"startAt"_s, {}, true)) << false;
    QTest::addRow("no endAt") << serialize(withRoot(u"endAt"_s, {}, true)) << false;
    QTest::addRow("no channels") << serialize(withRoot(u"channels"_s, {}, true)) << false;
    QTest::addRow("no channel id") << serialize(withChannel(u"id"_s, {}, true)) << false;
    QTest::addRow("no channel type") << serialize(withChannel(u"type"_s, {}, true)) << false;
    QTest::addRow("no items") << serialize(withChannel(u"items"_s, {}, true)) << false;
    QTest::addRow("no timestamp") << serialize(withItem(u"timestamp"_s, {}, true)) << false;
    QTest::addRow("no data") << serialize(withItem(u"data"_s, {}, true)) << false;

    QTest::addRow("startAt a string") << serialize(withRoot(u"startAt"_s, u"1000"_s)) << false;
    QTest::addRow("startAt a fraction") << serialize(withRoot(u"startAt"_s, 1000.5)) << false;
    QTest::addRow("endAt a bool") << serialize(withRoot(u"endAt"_s, true)) << false;
    QTest::addRow("endAt null") << serialize(withRoot(u"endAt"_s, QJsonValue::Null)) << false;
    QTest::addRow("version a string") << serialize(withRoot(u"version"_s, u"1"_s)) << false;
    QTest::addRow("channels an object")
        << serialize(withRoot(u"channels"_s, QJsonObject {})) << false;
    QTest::addRow("a channel that is a string")
        << serialize(withRoot(u"channels"_s, QJsonArray {u"a"_s})) << false;
    QTest::addRow("id a number") << serialize(withChannel(u"id"_s, 7)) << false;
    QTest::addRow("type null") << serialize(withChannel(u"type"_s, QJsonValue::Null)) << false;
    QTest::addRow("items a string") << serialize(withChannel(u"items"_s, u"[]"_s)) << false;
    QTest::addRow("an item that is a number")
        << serialize(withChannel(u"items"_s, QJsonArray {5})) << false;
    QTest::addRow("timestamp a string") << serialize(withItem(u"timestamp"_s, u"1500"_s)) << false;
    QTest::addRow("data a number") << serialize(withItem(u"data"_s, 12)) << false;
    QTest::addRow("data an array") << serialize(withItem(u"data"_s, QJsonArray {1, 2})) << false;
    QTest::addRow("data, a character outside base64")
        << serialize(withItem(u"data"_s, u"aGk!"_s)) << false;
    QTest::addRow("data, padding in the middle")
        << serialize(withItem(u"data"_s, u"aG=k"_s)) << false;
    QTest::addRow("data, a space") << serialize(withItem(u"data"_s, u"aG k"_s)) << false;
    QTest::addRow("layout unknown") << serialize(withRoot(u"layout"_s, u"sideways"_s)) << false;
    QTest::addRow("layout a number") << serialize(withRoot(u"layout"_s, 1)) << false;
    // Integers a JSON number cannot hold exactly are refused, not rounded.
    QTest::addRow("timestamp past 2^53")
        << QByteArray(serialize(withItem(u"timestamp"_s, 0))
                          .replace("\"timestamp\":0", "\"timestamp\":9007199254740993"))
        << false;
    // The JSON form must describe a frame the writer accepts.
    QTest::addRow("endAt before startAt") << serialize(withRoot(u"endAt"_s, 999)) << false;
    QTest::addRow("empty id") << serialize(withChannel(u"id"_s, QString())) << false;
    QTest::addRow("empty type") << serialize(withChannel(u"type"_s, QString())) << false;
    {
        QJsonObject root = validObject();
        QJsonArray channels = root.value(u"channels"_s).toArray();
        channels.append(channels.at(0));
        root.insert(u"channels"_s, channels);
        QTest::addRow("duplicate channel id") << serialize(root) << false;
    }
}

void tst_TimeFrameJson::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, syntax);

    const Result<JsonFrame> parsed = fromJson(json);
    QVERIFY2(!parsed.ok(), json.constData());
    COMPARE_CODE(parsed.error().code, ErrorCode::InvalidJson);
    QVERIFY(!parsed.error().message.isEmpty());
    if (syntax) {
        QVERIFY(parsed.error().offset >= 0);
        QVERIFY(parsed.error().offset <= json.size());
    }
}

QTEST_APPLESS_MAIN(tst_TimeFrameJson)
#include "tst_timeframejson.moc"
