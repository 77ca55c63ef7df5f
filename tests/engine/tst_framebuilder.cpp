// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/framebuilder.h"
#include "format/timeframe.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;

Q_DECLARE_METATYPE(Engine::Event)
Q_DECLARE_METATYPE(Engine::IngestError)
Q_DECLARE_METATYPE(TimeFrame::Layout)

namespace {

Event makeEvent(const QString &channel, const QString &type, const QByteArray &data,
                std::optional<qint64> timestamp = std::nullopt)
{
    return Event {channel, type, data, timestamp};
}

} // namespace

class TestFrameBuilder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestamps_data();
    void timestamps();
    void refusals_data();
    void refusals();
    void typeConflictNamesBothTypes();
    void receiveTimeWhenOutside();
    void batchIsAllOrNothing();
    void decodesToWhatWasAdded_data();
    void decodesToWhatWasAdded();
    void emptyFrameEncodes();
    void cutShortKeepsItemsAndEndsEarly();
    void rollBackDropsWhatCameAfterTheMark();
};

void TestFrameBuilder::timestamps_data()
{
    QTest::addColumn<qint64>("receiveTime");
    QTest::addColumn<std::optional<qint64>>("producer");
    QTest::addColumn<qint64>("expected");

    // The open frame is [10000, 20000).
    QTest::addRow("receive time") << qint64(12345) << std::optional<qint64>() << qint64(12345);
    QTest::addRow("producer at start")
        << qint64(15000) << std::optional<qint64>(10000) << qint64(10000);
    QTest::addRow("producer at last ms")
        << qint64(15000) << std::optional<qint64>(19999) << qint64(19999);
    // A clock that stepped back behind the open frame stamps its start.
    QTest::addRow("clock behind") << qint64(9000) << std::optional<qint64>() << qint64(10000);
}

void TestFrameBuilder::timestamps()
{
    QFETCH(qint64, receiveTime);
    QFETCH(std::optional<qint64>, producer);
    QFETCH(qint64, expected);

    FrameBuilder builder(10000, 20000);
    const QList<Event> events {makeEvent(u"a"_s, u"text/plain"_s, "x", producer)};
    IngestPlan plan;
    QVERIFY(!builder.plan(events, receiveTime, &plan));
    builder.apply(plan, events);
    const auto frame = TimeFrame::decode(*builder.encode(TimeFrame::Layout::Documented));
    QVERIFY(frame);
    QCOMPARE(frame->channels.size(), 1);
    QCOMPARE(frame->channels[0].items.value(0).timestamp, expected);
}

void TestFrameBuilder::refusals_data()
{
    QTest::addColumn<Event>("refused");
    QTest::addColumn<IngestError>("error");
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("before the frame") << makeEvent(u"a"_s, u"text/plain"_s, "x", 9999)
                                      << IngestError::OutsideOpenFrame << u"9999"_s;
    QTest::addRow("at the end (exclusive)") << makeEvent(u"a"_s, u"text/plain"_s, "x", 20000)
                                            << IngestError::OutsideOpenFrame << u"20000"_s;
    QTest::addRow("empty channel") << makeEvent(QString(), u"text/plain"_s, "x")
                                   << IngestError::InvalidChannel << u"channel"_s;
    QTest::addRow("control character") << makeEvent(u"a\nb"_s, u"text/plain"_s, "x")
                                       << IngestError::InvalidChannel << u"channel"_s;
    QTest::addRow("129 bytes") << makeEvent(QString(129, u'c'), u"text/plain"_s, "x")
                               << IngestError::InvalidChannel << u"128"_s;
    QTest::addRow("65 two-byte characters")
        << makeEvent(QString(65, QChar(0xE9)), u"text/plain"_s, "x") << IngestError::InvalidChannel
        << u"128"_s;
    QTest::addRow("type conflict") << makeEvent(u"known"_s, u"application/json"_s, "{}")
                                   << IngestError::TypeConflict << u"Type conflict"_s;
}

void TestFrameBuilder::refusals()
{
    QFETCH(Event, refused);
    QFETCH(IngestError, error);
    QFETCH(QString, messagePart);

    FrameBuilder builder(10000, 20000);
    const QList<Event> first {makeEvent(u"known"_s, u"text/plain"_s, "x")};
    IngestPlan plan;
    QVERIFY(!builder.plan(first, 15000, &plan));
    builder.apply(plan, first);

    const auto failure = builder.plan({refused}, 15000, &plan);
    QVERIFY(failure);
    QCOMPARE(failure->error, error);
    QCOMPARE(failure->index, 0);
    QVERIFY2(failure->message.contains(messagePart), qPrintable(failure->message));
}

void TestFrameBuilder::receiveTimeWhenOutside()
{
    // Where the event says so, a time outside the frame gives way to the receive time; one
    // inside is kept.
    FrameBuilder builder(10000, 20000);
    QList<Event> events {makeEvent(u"a"_s, u"text/plain"_s, "x", 5000),
                         makeEvent(u"a"_s, u"text/plain"_s, "y", 12000)};
    for (Event &e : events)
        e.receiveTimeWhenOutside = true;
    IngestPlan plan;
    QVERIFY(!builder.plan(events, 15000, &plan));
    builder.apply(plan, events);
    const auto frame = TimeFrame::decode(*builder.encode(TimeFrame::Layout::Documented));
    QVERIFY(frame);
    QCOMPARE(frame->channels[0].items.value(0).timestamp, 15000);
    QCOMPARE(frame->channels[0].items.value(1).timestamp, 12000);
}

void TestFrameBuilder::typeConflictNamesBothTypes()
{
    FrameBuilder builder(0, 10000);
    // Within one batch: the first event of a channel decides its type.
    const QList<Event> events {makeEvent(u"c"_s, u"text/csv"_s, "1"),
                               makeEvent(u"c"_s, u"application/json"_s, "2")};
    IngestPlan plan;
    const auto failure = builder.plan(events, 5, &plan);
    QVERIFY(failure);
    QCOMPARE(failure->error, IngestError::TypeConflict);
    QCOMPARE(failure->index, 1);
    QVERIFY(failure->message.contains(u"text/csv"_s));
    QVERIFY(failure->message.contains(u"application/json"_s));
}

void TestFrameBuilder::batchIsAllOrNothing()
{
    FrameBuilder builder(0, 10000);
    const QList<Event> events {makeEvent(u"a"_s, u"text/plain"_s, "1"),
                               makeEvent(u"b"_s, u"text/plain"_s, "2", 10000)};
    IngestPlan plan;
    const auto failure = builder.plan(events, 5, &plan);
    QVERIFY(failure);
    QCOMPARE(failure->index, 1);
    // plan() changed nothing: the frame is still empty.
    QCOMPARE(builder.channelCount(), 0);
    QCOMPARE(builder.itemCount(), 0);
}

void TestFrameBuilder::decodesToWhatWasAdded_data()
{
    QTest::addColumn<TimeFrame::Layout>("layout");
    QTest::addRow("documented") << TimeFrame::Layout::Documented;
    QTest::addRow("reference") << TimeFrame::Layout::Reference;
}

void TestFrameBuilder::decodesToWhatWasAdded()
{
    QFETCH(TimeFrame::Layout, layout);

    FrameBuilder builder(20000, 30000);
    // Enough data in one channel to span several chunks.
    const QByteArray big(FrameBuilder::kChunkSize + 100, 'b');
    const QList<Event> events {
        makeEvent(u"temp"_s, u"application/json"_s, "{\"t\":1}"),
        makeEvent(u"cam"_s, QString(), big, 20001),
        makeEvent(u"temp"_s, u"application/json"_s, "{\"t\":2}", 29999),
        makeEvent(u"cam"_s, QString(), QByteArray()),
        makeEvent(u"\u00e9t\u00e9"_s, u"text/plain"_s, "summer"),
    };
    IngestPlan plan;
    QVERIFY(!builder.plan(events, 25000, &plan));
    builder.apply(plan, events);

    TimeFrame::Frame expected;
    expected.startAt = 20000;
    expected.endAt = 30000;
    expected.channels = {
        {u"temp"_s, u"application/json"_s, {{25000, "{\"t\":1}"}, {29999, "{\"t\":2}"}}},
        {u"cam"_s, FrameBuilder::defaultType(), {{20001, big}, {25000, QByteArray()}}},
        {u"\u00e9t\u00e9"_s, u"text/plain"_s, {{25000, "summer"}}},
    };
    const auto encoded = builder.encode(layout);
    QVERIFY(encoded);
    const QByteArray bytes = *encoded;
    QCOMPARE(bytes.capacity(), bytes.size());
    const auto decoded = TimeFrame::decode(bytes, layout);
    QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
    QCOMPARE(*decoded, expected);

    const FrameSummary summary = builder.summary(bytes.size());
    QCOMPARE(summary.id, 20000);
    QCOMPARE(summary.endAt, 30000);
    QCOMPARE(summary.channels, 3);
    QCOMPARE(summary.items, 5);
}

void TestFrameBuilder::emptyFrameEncodes()
{
    FrameBuilder builder(0, 100);
    const auto decoded = TimeFrame::decode(*builder.encode(TimeFrame::Layout::Documented));
    QVERIFY(decoded);
    QCOMPARE(decoded->startAt, 0);
    QCOMPARE(decoded->endAt, 100);
    QVERIFY(decoded->channels.isEmpty());
}

void TestFrameBuilder::cutShortKeepsItemsAndEndsEarly()
{
    FrameBuilder builder(20000, 30000);
    QCOMPARE(builder.newestTimestamp(), std::nullopt);
    // Out of order: the newest is the latest timestamp, not the last item.
    const QList<Event> events {makeEvent(u"a"_s, u"text/plain"_s, "1", 27000),
                               makeEvent(u"a"_s, u"text/plain"_s, "2", 21000),
                               makeEvent(u"b"_s, u"text/plain"_s, "3")};
    IngestPlan plan;
    QVERIFY(!builder.plan(events, 22000, &plan));
    builder.apply(plan, events);
    QCOMPARE(builder.newestTimestamp(), std::optional<qint64>(27000));

    builder.cutAt(27001);
    QCOMPARE(builder.endAt(), 27001);
    QCOMPARE(builder.summary(0).endAt, 27001);
    const auto decoded = TimeFrame::decode(*builder.encode(TimeFrame::Layout::Documented));
    QVERIFY(decoded);
    QCOMPARE(decoded->startAt, 20000);
    QCOMPARE(decoded->endAt, 27001);
    QCOMPARE(decoded->channels.size(), 2);
    QCOMPARE(decoded->channels[0].items.size(), 2);
    QCOMPARE(decoded->channels[1].items.value(0).timestamp, 22000);
}

void TestFrameBuilder::rollBackDropsWhatCameAfterTheMark()
{
    FrameBuilder builder(20000, 30000);
    const QByteArray big(FrameBuilder::kChunkSize - 10, 'b');
    const QList<Event> first {makeEvent(u"a"_s, u"text/plain"_s, big, 21000)};
    IngestPlan plan;
    QVERIFY(!builder.plan(first, 22000, &plan));
    builder.apply(plan, first);
    const auto before = builder.encode(TimeFrame::Layout::Documented);
    QVERIFY(before);
    const FrameBuilder::Mark mark = builder.mark();

    // A second chunk in channel a, a new channel b, a newer timestamp: all of it goes again.
    const QList<Event> second {makeEvent(u"a"_s, u"text/plain"_s, "more", 29000),
                               makeEvent(u"b"_s, u"text/csv"_s, "1,2")};
    QVERIFY(!builder.plan(second, 22000, &plan));
    builder.apply(plan, second);
    const FrameBuilder shared = builder; // a snapshot sharing the chunks keeps what it saw
    builder.rollBack(mark);
    QCOMPARE(*builder.encode(TimeFrame::Layout::Documented), *before);
    QCOMPARE(builder.itemCount(), 1);
    QCOMPARE(builder.newestTimestamp(), std::optional<qint64>(21000));
    QCOMPARE(builder.channelIndex(u"b"_s), -1);
    QCOMPARE(shared.itemCount(), 3);
    // The frame takes events again as if the batch had never come: b may have another type.
    const QList<Event> third {makeEvent(u"b"_s, u"application/json"_s, "{}")};
    QVERIFY(!builder.plan(third, 22000, &plan));
    builder.apply(plan, third);
    QCOMPARE(builder.channel(1).type, u"application/json"_s);
}

QTEST_APPLESS_MAIN(TestFrameBuilder)
#include "tst_framebuilder.moc"
