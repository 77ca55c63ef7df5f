// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"
#include "engine/journal.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000; // a multiple of 10 000 ms
constexpr qint64 kD = 10'000;

} // namespace

class TestFrameEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void framesCloseOnTimeWithoutEvents_data();
    void framesCloseOnTimeWithoutEvents();
    void frameDurationAlignsIds();
    void timestamps();
    void outsideOpenFrameIsRefused();
    void typeConflictChangesNothing();
    void typeMayChangeBetweenFrames();
    void ingestClosesAnOverdueFrame();
    void historyInMemoryRestOnDisk();
    void retention_data();
    void retention();
    void idleTimeCostsNoData();
    void restartRebuildsIndex();
    void replayContinuesCurrentFrame();
    void replayFinishesPassedFrame();
    void replayCutsTornTail();
    void clockBehindNewestFrame();
    void stopFinishesOpenFrame_data();
    void stopFinishesOpenFrame();
    void stopClosesAnOverdueFrame();
    void stopWithEmptyOpenFrameWritesNothing();
    void restartInsideTheSamePeriod_data();
    void restartInsideTheSamePeriod();
    void restartInALaterPeriod();
    void clockBehindAFrameCutShort();
    void liveEventsAreBatched();
    void activityWithoutLiveListeners();
    void signalsAndStatus();
    void openFrameBytes();
    void stoppedEngineRefuses();

private:
    EngineConfig config() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFrameEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestFrameEngine::config() const
{
    EngineConfig config;
    config.dataDir = m_dir->path();
    config.frameDurationMs = kD;
    config.retainFrames = 0;
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    return config;
}

void TestFrameEngine::framesCloseOnTimeWithoutEvents_data()
{
    QTest::addColumn<qint64>("step"); // how far the clock moves between ticks
    QTest::addRow("every second") << qint64(1000);
    QTest::addRow("exact boundaries") << kD;
    QTest::addRow("one long stall") << 4 * kD;
}

void TestFrameEngine::framesCloseOnTimeWithoutEvents()
{
    QFETCH(qint64, step);
    ManualClock clock(kT0 + 1);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0);

    while (clock.nowMs() < kT0 + 4 * kD + 1) {
        clock.advance(step);
        engine.tick();
    }
    // No gaps: every frame up to the open one, empty or not, newest first.
    const QList<qint64> expected {kT0 + 3 * kD, kT0 + 2 * kD, kT0 + kD, kT0};
    QCOMPARE(ids(engine.index()), expected);
    QCOMPARE(engine.status().openFrameId, kT0 + 4 * kD);
    QCOMPARE(engine.status().openFrameEndAt, kT0 + 5 * kD);
    for (const FrameSummary &frame : *engine.index()) {
        QCOMPARE(frame.endAt, frame.startAt + kD);
        QCOMPARE(frame.items, 0);
        QVERIFY(frame.onDisk);
        const auto bytes = engine.frameBytes(frame.id);
        QVERIFY(bytes);
        const auto decoded = TimeFrame::decode(*bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->startAt, frame.id);
        QCOMPARE(decoded->endAt, frame.id + kD);
        QVERIFY(decoded->channels.isEmpty());
    }
    // Empty frames have no file: the catalog holds them, one record for the run.
    QCOMPARE(archivedIds(m_dir->path()), QList<qint64>());
    QVERIFY(QFileInfo(m_dir->filePath(u"frames.catalog"_s)).size() < 100);
}

void TestFrameEngine::idleTimeCostsNoData()
{
    EngineConfig c = config();
    c.history = 0;
    c.retainFrames = 3;
    ManualClock clock(kT0);
    QList<FrameSummary> before;
    {
        FrameEngine engine(c, &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(engine.ingest({makeEvent(u"a"_s, "1"), makeEvent(u"b"_s, "2")}).ok());
            clock.advance(kD);
            engine.tick();
        }
        // A day's worth of idling, scaled down: more empty frames than the count limit.
        for (int i = 0; i < 20; ++i) {
            clock.advance(kD);
            engine.tick();
        }
        before = *engine.index();
        // The frames with data stay; the newest empty frames stay too, without gaps.
        const QList<qint64> expected {kT0 + 21 * kD, kT0 + 20 * kD, kT0 + 19 * kD, kT0 + kD, kT0};
        QCOMPARE(ids(engine.index()), expected);
        QCOMPARE(archivedIds(m_dir->path()), QList<qint64>({kT0, kT0 + kD}));
        QCOMPARE(engine.status().bytesOnDisk, 2 * before.last().size);
    }
    // After a restart, the empty frames are known as empty and still push nothing out.
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    const FrameIndex after = engine.index();
    QCOMPARE(after->size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after->at(i).id, before[i].id);
        QCOMPARE(after->at(i).endAt, before[i].endAt);
        QCOMPARE(after->at(i).items, before[i].items);
        QCOMPARE(after->at(i).channels, before[i].channels);
    }
    QCOMPARE(after->last().items, 2);
    QCOMPARE(after->first().items, 0);
    clock.advance(kD);
    engine.tick();
    QCOMPARE(ids(engine.index()).mid(3), QList<qint64>({kT0 + kD, kT0}));
    const auto empty = engine.frameBytes(kT0 + 21 * kD);
    QVERIFY(empty);
    QCOMPARE(empty->size(), TimeFrame::kHeaderSize);
}

void TestFrameEngine::frameDurationAlignsIds()
{
    EngineConfig c = config();
    c.frameDurationMs = 150;
    ManualClock clock(1'000'000'020);
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    // 1 000 000 020 lies in [999 999 900, 1 000 000 050).
    QCOMPARE(engine.status().openFrameId, 999'999'900);
    clock.advance(100);
    engine.tick();
    QCOMPARE(ids(engine.index()), QList<qint64> {999'999'900});
    QCOMPARE(engine.status().openFrameId, 1'000'000'050);
}

void TestFrameEngine::timestamps()
{
    ManualClock clock(kT0 + 2500);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    const IngestResult result = engine.ingest(
        {makeEvent(u"a"_s, "1"), makeEvent(u"a"_s, "2", kT0 + 9999), makeEvent(u"b"_s, "3", kT0)});
    QVERIFY(result.ok());
    QCOMPARE(result.acks.size(), 3);
    QCOMPARE(result.acks[0].timestamp, kT0 + 2500);
    QCOMPARE(result.acks[1].timestamp, kT0 + 9999);
    QCOMPARE(result.acks[2].timestamp, kT0);
    for (const Ack &ack : result.acks)
        QCOMPARE(ack.frameId, kT0);
    QCOMPARE(result.acks[2].channel, u"b"_s);
}

void TestFrameEngine::outsideOpenFrameIsRefused()
{
    ManualClock clock(kT0 + 2500);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    for (const qint64 t : {kT0 - 1, kT0 + kD, kT0 - kD}) {
        const IngestResult result =
            engine.ingest({makeEvent(u"a"_s, "ok"), makeEvent(u"a"_s, "late", t)});
        QVERIFY(!result.ok());
        QCOMPARE(result.failure->error, IngestError::OutsideOpenFrame);
        QCOMPARE(result.failure->index, 1);
        QVERIFY(result.failure->message.contains(QString::number(t)));
        QVERIFY(result.acks.isEmpty());
    }
    QCOMPARE(engine.status().eventsAccepted, 0);
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QVERIFY(open->channels.isEmpty());
}

void TestFrameEngine::typeConflictChangesNothing()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "1", {}, u"text/csv"_s)).ok());
    const QByteArray before = engine.openFrameBytes();

    const IngestResult result = engine.ingest(
        {makeEvent(u"b"_s, "new"), makeEvent(u"a"_s, "{}", {}, u"application/json"_s)});
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->error, IngestError::TypeConflict);
    QVERIFY(result.failure->message.contains(u"text/csv"_s));
    QVERIFY(result.failure->message.contains(u"application/json"_s));
    QCOMPARE(engine.openFrameBytes(), before);
    QCOMPARE(engine.status().eventsAccepted, 1);

    // Nor did the journal take the refused batch: a restart after a kill sees the same frame.
    QVERIFY(stopAsIfKilled(engine));
    FrameEngine again(config(), &clock);
    QVERIFY(again.start(Threading::Manual));
    QCOMPARE(again.openFrameBytes(), before);
}

void TestFrameEngine::typeMayChangeBetweenFrames()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "x", {}, u"text/plain"_s)).ok());
    clock.advance(kD);
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "{}", {}, u"application/json"_s)).ok());
    clock.advance(kD);
    engine.tick();

    const auto first = TimeFrame::decode(*engine.frameBytes(kT0));
    const auto second = TimeFrame::decode(*engine.frameBytes(kT0 + kD));
    QVERIFY(first && second);
    QCOMPARE(first->channels.value(0).type, u"text/plain"_s);
    QCOMPARE(second->channels.value(0).type, u"application/json"_s);
}

void TestFrameEngine::ingestClosesAnOverdueFrame()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "old")).ok());
    clock.advance(kD + 5);
    // No tick yet: the ingest itself moves to the new frame.
    const IngestResult result = engine.ingest(makeEvent(u"a"_s, "new"));
    QVERIFY(result.ok());
    QCOMPARE(result.acks[0].frameId, kT0 + kD);
    QCOMPARE(result.acks[0].timestamp, kT0 + kD + 5);
    engine.tick();
    const auto old = TimeFrame::decode(*engine.frameBytes(kT0));
    QVERIFY(old);
    QCOMPARE(old->channels.value(0).items.size(), 1);
    QCOMPARE(old->channels.value(0).items.value(0).data, "old");
}

void TestFrameEngine::historyInMemoryRestOnDisk()
{
    EngineConfig c = config();
    c.history = 2;
    ManualClock clock(kT0);
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    for (int i = 0; i < 5; ++i) {
        QVERIFY(engine.ingest(makeEvent(u"n"_s, QByteArray::number(i))).ok());
        clock.advance(kD);
        engine.tick();
    }
    const FrameIndex index = engine.index();
    QCOMPARE(index->size(), 5);
    for (qsizetype i = 0; i < index->size(); ++i) {
        const FrameSummary &frame = index->at(i);
        QCOMPARE(frame.inMemory, i < 2); // newest first
        QVERIFY(frame.onDisk);
        const auto bytes = engine.frameBytes(frame.id);
        QVERIFY(bytes);
        QCOMPARE(qint64(bytes->size()), frame.size);
        QFile file(m_dir->filePath(u"%1.tf"_s.arg(frame.id)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(*bytes, file.readAll());
    }
    QVERIFY(!engine.frameBytes(kT0 + 1));
    QVERIFY(!engine.frameBytes(kT0 + 100 * kD));
}

void TestFrameEngine::retention_data()
{
    QTest::addColumn<qint64>("frames");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<int>("kept"); // of 8 frames, the newest this many remain

    // Every frame below has the same size: one 100-byte item in channel "c".
    const qint64 frameSize = TimeFrame::kHeaderSize + TimeFrame::kRecordFixedSize + 1 + 10
        + TimeFrame::kItemFixedSize + 100;
    QTest::addRow("no limits") << qint64(0) << qint64(0) << qint64(0) << 8;
    QTest::addRow("count 3") << qint64(3) << qint64(0) << qint64(0) << 3;
    QTest::addRow("bytes for 5") << qint64(0) << 5 * frameSize << qint64(0) << 5;
    QTest::addRow("bytes for 4.5") << qint64(0) << 9 * frameSize / 2 << qint64(0) << 4;
    // At the clock's time kT0 + 8d, frames ending within the last 2.5 d remain.
    QTest::addRow("age") << qint64(0) << qint64(0) << 5 * kD / 2 << 3;
    QTest::addRow("tightest wins") << qint64(6) << 2 * frameSize << 100 * kD << 2;
}

void TestFrameEngine::retention()
{
    QFETCH(qint64, frames);
    QFETCH(qint64, bytes);
    QFETCH(qint64, ageMs);
    QFETCH(int, kept);

    EngineConfig c = config();
    c.history = 0; // the index is then exactly what the archive keeps
    c.retainFrames = frames;
    c.retainBytes = bytes;
    c.retainAgeMs = ageMs;
    ManualClock clock(kT0);
    {
        FrameEngine engine(c, &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 8; ++i) {
            QVERIFY(
                engine.ingest(makeEvent(u"c"_s, QByteArray(100, 'x'), {}, u"text/plain"_s)).ok());
            clock.advance(kD);
            engine.tick();
        }
        QCOMPARE(engine.index()->size(), kept);
        QCOMPARE(engine.index()->first().id, kT0 + 7 * kD);
        QCOMPARE(archivedIds(m_dir->path()).size(), kept);
        QCOMPARE(engine.status().framesRetained, kept);
    }
    // The limits hold across a restart too.
    FrameEngine again(c, &clock);
    QVERIFY(again.start(Threading::Manual));
    QCOMPARE(again.index()->size(), kept);
}

void TestFrameEngine::restartRebuildsIndex()
{
    EngineConfig c = config();
    c.history = 2;
    ManualClock clock(kT0);
    QList<FrameSummary> before;
    {
        FrameEngine engine(c, &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 4; ++i) {
            QVERIFY(engine.ingest({makeEvent(u"a"_s, "1"), makeEvent(u"b"_s, "2")}).ok());
            clock.advance(kD);
            engine.tick();
        }
        before = *engine.index();
    }
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    const FrameIndex after = engine.index();
    QCOMPARE(after->size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after->at(i).id, before[i].id);
        QCOMPARE(after->at(i).endAt, before[i].endAt);
        QCOMPARE(after->at(i).size, before[i].size);
        QCOMPARE(after->at(i).channels, 2);
        QCOMPARE(after->at(i).inMemory, i < 2);
        // Known for every frame, read into memory or not (the window lists them).
        QCOMPARE(after->at(i).items, 2);
    }
    QCOMPARE(engine.status().openFrameId, kT0 + 4 * kD);
    engine.stop();

    // Without the catalog (an archive of an older version, or a lost catalog), the frames are
    // counted from their files, and the catalog is written again.
    QVERIFY(QFile::remove(m_dir->filePath(u"frames.catalog"_s)));
    FrameEngine again(c, &clock);
    QVERIFY(again.start(Threading::Manual));
    QCOMPARE(again.index()->size(), before.size());
    for (const FrameSummary &frame : *again.index()) {
        QCOMPARE(frame.items, 2);
        QCOMPARE(frame.channels, 2);
    }
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"frames.catalog"_s)));
}

void TestFrameEngine::replayContinuesCurrentFrame()
{
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest({makeEvent(u"a"_s, "1"), makeEvent(u"b"_s, "2")}).ok());
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "3")).ok());
        QVERIFY(stopAsIfKilled(engine));
    }
    QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(kT0)});
    QVERIFY(archivedIds(m_dir->path()).isEmpty());

    clock.advance(1000);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0);
    QVERIFY(engine.index()->isEmpty());
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "4")).ok());

    clock.advance(kD);
    engine.tick();
    const auto frame = TimeFrame::decode(*engine.frameBytes(kT0));
    QVERIFY(frame);
    QCOMPARE(frame->channels.size(), 2);
    const QList<TimeFrame::Item> a = frame->channels[0].items;
    QCOMPARE(a.size(), 3);
    QCOMPARE(a[0].data, "1");
    QCOMPARE(a[1].data, "3");
    QCOMPARE(a[2].data, "4");
    QCOMPARE(a[2].timestamp, kT0 + 1100);
    QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(kT0 + kD)});
}

void TestFrameEngine::replayFinishesPassedFrame()
{
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest({makeEvent(u"a"_s, "1"), makeEvent(u"a"_s, "2")}).ok());
        QVERIFY(stopAsIfKilled(engine));
    }
    clock.advance(5 * kD);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    // The replayed frame is archived; the stretch the engine was down is not filled.
    QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    QCOMPARE(engine.status().openFrameId, kT0 + 5 * kD);
    const auto frame = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(frame);
    QCOMPARE(frame->channels.value(0).items.size(), 2);
    QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(kT0 + 5 * kD)});
}

void TestFrameEngine::replayCutsTornTail()
{
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "kept")).ok());
        QVERIFY(stopAsIfKilled(engine));
    }
    {
        QFile journal(m_dir->filePath(u"%1.journal"_s.arg(kT0)));
        QVERIFY(journal.open(QIODevice::Append));
        journal.write(QByteArray(23, '\x7F')); // a record the kill interrupted
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"torn or corrupt tail: cut 23 bytes"_s));
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "after")).ok());
    clock.advance(kD);
    engine.tick();
    const auto frame = TimeFrame::decode(*engine.frameBytes(kT0));
    QVERIFY(frame);
    QCOMPARE(frame->channels.value(0).items.size(), 2);
    QCOMPARE(frame->channels[0].items[1].data, "after");
}

void TestFrameEngine::clockBehindNewestFrame()
{
    ManualClock clock(kT0);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        clock.advance(3 * kD);
        engine.tick();
    }
    // The wall clock steps back by a minute: ids must not repeat.
    clock.set(kT0 - 6 * kD);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0 + 3 * kD);
    const IngestResult result = engine.ingest(makeEvent(u"a"_s, "x"));
    QVERIFY(result.ok());
    QCOMPARE(result.acks[0].timestamp, kT0 + 3 * kD);
}

void TestFrameEngine::stopFinishesOpenFrame_data()
{
    QTest::addColumn<qint64>("start"); // the clock at start and at the ingest
    QTest::addColumn<std::optional<qint64>>("timestamp"); // the producer's, if any
    QTest::addColumn<qint64>("stopAt");
    QTest::addColumn<qint64>("endAt"); // of the archived frame

    QTest::addRow("cut at the stop time")
        << kT0 + 2500 << std::optional<qint64>() << kT0 + 7000 << kT0 + 7000;
    QTest::addRow("producer timestamp ahead of the clock")
        << kT0 + 2500 << std::optional<qint64>(kT0 + 9000) << kT0 + 3000 << kT0 + 9001;
    QTest::addRow("item in the frame's last ms")
        << kT0 + 2500 << std::optional<qint64>(kT0 + kD - 1) << kT0 + 3000 << kT0 + kD;
    QTest::addRow("stop in the frame's first ms")
        << kT0 << std::optional<qint64>() << kT0 << kT0 + 1;
    QTest::addRow("stop in the frame's last ms")
        << kT0 + 2500 << std::optional<qint64>() << kT0 + kD - 1 << kT0 + kD - 1;
}

void TestFrameEngine::stopFinishesOpenFrame()
{
    QFETCH(qint64, start);
    QFETCH(std::optional<qint64>, timestamp);
    QFETCH(qint64, stopAt);
    QFETCH(qint64, endAt);

    ManualClock clock(start);
    FrameEngine engine(config(), &clock);
    QSignalSpy finished(&engine, &EngineApi::frameFinished);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(
        engine.ingest({makeEvent(u"a"_s, "first"), makeEvent(u"b"_s, "second", timestamp)}).ok());
    QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(kT0)});

    clock.set(stopAt);
    engine.stop();

    // Announced like any finished frame.
    QCOMPARE(finished.size(), 1);
    const auto summary = finished.at(0).at(0).value<FrameSummary>();
    QCOMPARE(summary.id, kT0);
    QCOMPARE(summary.startAt, kT0);
    QCOMPARE(summary.endAt, endAt);
    QCOMPARE(summary.items, 2);
    QVERIFY(summary.onDisk);
    QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    QCOMPARE(engine.index()->first().endAt, endAt);

    // On disk as a finished frame with both items, and the journal is gone.
    QCOMPARE(archivedIds(m_dir->path()), QList<qint64> {kT0});
    QVERIFY(journalFiles(m_dir->path()).isEmpty());
    const auto frame = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(frame);
    QCOMPARE(frame->startAt, kT0);
    QCOMPARE(frame->endAt, endAt);
    QCOMPARE(frame->channels.size(), 2);
    QCOMPARE(frame->channels[0].items.value(0).data, "first");
    QCOMPARE(frame->channels[0].items.value(0).timestamp, start);
    QCOMPARE(frame->channels[1].items.value(0).data, "second");
    QCOMPARE(frame->channels[1].items.value(0).timestamp, timestamp.value_or(start));
    for (const TimeFrame::Channel &channel : frame->channels) {
        for (const TimeFrame::Item &item : channel.items)
            QVERIFY(item.timestamp >= frame->startAt && item.timestamp < frame->endAt);
    }
    QCOMPARE(engine.status().storage, StorageState::Ok);
}

void TestFrameEngine::stopClosesAnOverdueFrame()
{
    ManualClock clock(kT0 + 100);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "x")).ok());
    // The frame's time is up but no tick closed it yet: it is archived whole, not cut, and the
    // frame after it has nothing to keep.
    clock.advance(kD + 5);
    engine.stop();
    QCOMPARE(archivedIds(m_dir->path()), QList<qint64> {kT0});
    QVERIFY(journalFiles(m_dir->path()).isEmpty());
    const auto frame = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(frame);
    QCOMPARE(frame->endAt, kT0 + kD);
    QCOMPARE(frame->channels.value(0).items.size(), 1);
}

void TestFrameEngine::stopWithEmptyOpenFrameWritesNothing()
{
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QSignalSpy finished(&engine, &EngineApi::frameFinished);
        QVERIFY(engine.start(Threading::Manual));
        clock.advance(kD);
        engine.tick(); // frame kT0 closes on time, empty: a record of the catalog
        QCOMPARE(finished.size(), 1);
        QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(kT0 + kD)});

        clock.advance(3000);
        engine.stop();
        QCOMPARE(finished.size(), 1); // nothing more announced
        QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    }
    // No file for the empty open frame (nor for the empty frame before it), and no journal.
    QCOMPARE(archivedIds(m_dir->path()), QList<qint64>());
    QVERIFY(journalFiles(m_dir->path()).isEmpty());

    // Nothing was archived with its id, so a restart in its period opens it again, whole.
    clock.advance(1000);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0 + kD);
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QCOMPARE(open->endAt, kT0 + 2 * kD);
}

void TestFrameEngine::restartInsideTheSamePeriod_data()
{
    QTest::addColumn<std::optional<qint64>>("timestamp"); // of the item before the stop
    QTest::addColumn<qint64>("cut"); // where the stop cuts frame kT0
    QTest::addColumn<qint64>("restartAt");

    // Stopped at kT0 + 3000 in every row.
    QTest::addRow("restart after the cut") << std::optional<qint64>() << kT0 + 3000 << kT0 + 5000;
    QTest::addRow("restart at the cut") << std::optional<qint64>() << kT0 + 3000 << kT0 + 3000;
    // A producer timestamp ahead of the clock moved the cut past the restart's time.
    QTest::addRow("restart before the cut")
        << std::optional<qint64>(kT0 + 6000) << kT0 + 6001 << kT0 + 3500;
}

void TestFrameEngine::restartInsideTheSamePeriod()
{
    QFETCH(std::optional<qint64>, timestamp);
    QFETCH(qint64, cut);
    QFETCH(qint64, restartAt);

    ManualClock clock(kT0 + 1000);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "before", timestamp)).ok());
        clock.set(kT0 + 3000);
    }
    const auto archived = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(archived);
    QCOMPARE(archived->endAt, cut);

    clock.set(restartAt);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    // The open frame takes over where the archived one ends, up to the usual boundary.
    QCOMPARE(engine.status().openFrameId, cut);
    QCOMPARE(engine.status().openFrameEndAt, kT0 + kD);
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QCOMPARE(open->startAt, cut);
    QCOMPARE(open->endAt, kT0 + kD);
    QCOMPARE(journalFiles(m_dir->path()), QStringList {u"%1.journal"_s.arg(cut)});

    // Ingest works: receive times are kept inside the short frame, the archived stretch is
    // refused, the rest of the period is open to producer timestamps.
    IngestResult result = engine.ingest(makeEvent(u"a"_s, "after"));
    QVERIFY(result.ok());
    QCOMPARE(result.acks[0].frameId, cut);
    QCOMPARE(result.acks[0].timestamp, std::max(restartAt, cut));
    result = engine.ingest(makeEvent(u"a"_s, "archived stretch", cut - 1));
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->error, IngestError::OutsideOpenFrame);
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "last ms", kT0 + kD - 1)).ok());

    // The short frame finishes on time; after it the frames are whole again.
    clock.set(kT0 + kD);
    engine.tick();
    QCOMPARE(engine.status().openFrameId, kT0 + kD);
    const FrameIndex index = engine.index();
    QCOMPARE(ids(index), (QList<qint64> {cut, kT0}));
    QCOMPARE(index->at(1).startAt, kT0);
    QCOMPARE(index->at(1).endAt, cut);
    QCOMPARE(index->at(0).startAt, cut);
    QCOMPARE(index->at(0).endAt, kT0 + kD);
    // No overlap and no gap.
    QCOMPARE(index->at(1).endAt, index->at(0).startAt);
    QCOMPARE(archivedIds(m_dir->path()), (QList<qint64> {kT0, cut}));

    const auto second = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(cut)));
    QVERIFY(second);
    QCOMPARE(second->startAt, cut);
    QCOMPARE(second->endAt, kT0 + kD);
    QCOMPARE(second->channels.value(0).items.size(), 2);
    QCOMPARE(second->channels[0].items.value(0).data, "after");
    QCOMPARE(second->channels[0].items.value(1).data, "last ms");
    // The first frame was not touched by the second run.
    const auto first = TimeFrame::readFile(m_dir->filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(first);
    QCOMPARE(first->endAt, cut);
    QCOMPARE(first->channels.value(0).items.size(), 1);
    QCOMPARE(first->channels[0].items.value(0).data, "before");
}

void TestFrameEngine::restartInALaterPeriod()
{
    ManualClock clock(kT0 + 1000);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "x")).ok());
        clock.set(kT0 + 3000);
    }
    // The time the engine was not running is not filled: the next frame is the clock's.
    clock.set(kT0 + 2 * kD + 500);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0 + 2 * kD);
    QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    QCOMPARE(engine.index()->first().endAt, kT0 + 3000);
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QCOMPARE(open->endAt, kT0 + 3 * kD);
}

void TestFrameEngine::clockBehindAFrameCutShort()
{
    ManualClock clock(kT0 + 1000);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "x")).ok());
        clock.set(kT0 + 3000);
    }
    // The wall clock steps back by a minute: the open frame still follows the cut frame.
    clock.set(kT0 - 6 * kD);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().openFrameId, kT0 + 3000);
    const IngestResult result = engine.ingest(makeEvent(u"a"_s, "y"));
    QVERIFY(result.ok());
    QCOMPARE(result.acks[0].timestamp, kT0 + 3000);

    // A stop while the clock is still behind cuts one ms after the newest item.
    engine.stop();
    const FrameIndex index = engine.index();
    QCOMPARE(ids(index), (QList<qint64> {kT0 + 3000, kT0}));
    QCOMPARE(index->first().endAt, kT0 + 3001);
}

void TestFrameEngine::liveEventsAreBatched()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QSignalSpy live(&engine, &EngineApi::liveEvents);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "1")).ok());
    QVERIFY(
        engine.ingest({makeEvent(u"a"_s, "2"), makeEvent(u"b"_s, "{}", {}, u"application/json"_s)})
            .ok());
    QCOMPARE(live.size(), 0); // nothing before the batch is due
    engine.tick();
    QCOMPARE(live.size(), 1);
    const auto events = live.at(0).at(0).value<QList<LiveEvent>>();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[2].channel, u"b"_s);
    QCOMPARE(events[2].type, u"application/json"_s);
    QCOMPARE(events[2].frameId, kT0);
    QCOMPARE(events[1].data, "2");
    engine.tick();
    QCOMPARE(live.size(), 1);
}

// Statistics get per-channel counts with each batch; the events themselves are only kept
// while someone listens to liveEvents.
void TestFrameEngine::activityWithoutLiveListeners()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QSignalSpy activity(&engine, &EngineApi::activity);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine
                .ingest({makeEvent(u"a"_s, "1", kT0 + 5), makeEvent(u"a"_s, "2", kT0 + 3),
                         makeEvent(u"b"_s, "{}", kT0 + 1, u"application/json"_s),
                         makeEvent(u"a"_s, "3", kT0 + 2)})
                .ok());
    QVERIFY(engine.ingest(makeEvent(u"b"_s, "[]", kT0 + 7, u"application/json"_s)).ok());
    QCOMPARE(activity.size(), 0);
    engine.tick();
    QCOMPARE(activity.size(), 1);
    const auto channels = activity.at(0).at(0).value<QList<ChannelActivity>>();
    QCOMPARE(channels.size(), 2);
    QCOMPARE(channels[0].channel, u"a"_s);
    QCOMPARE(channels[0].type, u"text/plain"_s);
    QCOMPARE(channels[0].events, 3);
    QCOMPARE(channels[0].lastTimestamp, kT0 + 5);
    QCOMPARE(channels[1].channel, u"b"_s);
    QCOMPARE(channels[1].type, u"application/json"_s);
    QCOMPARE(channels[1].events, 2);
    QCOMPARE(channels[1].lastTimestamp, kT0 + 7);
    engine.tick();
    QCOMPARE(activity.size(), 1);

    // A listener that comes later gets the events accepted from then on.
    QSignalSpy live(&engine, &EngineApi::liveEvents);
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "4")).ok());
    engine.tick();
    QCOMPARE(live.size(), 1);
    QCOMPARE(live.at(0).at(0).value<QList<LiveEvent>>().size(), 1);
}

void TestFrameEngine::signalsAndStatus()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QSignalSpy finished(&engine, &EngineApi::frameFinished);
    QSignalSpy status(&engine, &EngineApi::statusChanged);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest({makeEvent(u"a"_s, "1"), makeEvent(u"a"_s, "2")}).ok());
    clock.advance(2 * kD);
    engine.tick();
    QCOMPARE(finished.size(), 2);
    const auto first = finished.at(0).at(0).value<FrameSummary>();
    QCOMPARE(first.id, kT0);
    QCOMPARE(first.items, 2);
    QCOMPARE(first.channels, 1);
    QVERIFY(first.inMemory && first.onDisk);
    QVERIFY(status.size() >= 1);
    const Status last = status.last().at(0).value<Status>();
    QCOMPARE(last.storage, StorageState::Ok);
    QCOMPARE(last.openFrameId, kT0 + 2 * kD);
    QCOMPARE(last.framesRetained, 2);
    QCOMPARE(last.eventsAccepted, 2);
    // The empty frame after it has no file.
    QCOMPARE(engine.index()->first().items, 0);
    QCOMPARE(last.bytesOnDisk, first.size);
}

void TestFrameEngine::openFrameBytes()
{
    ManualClock clock(kT0 + 7);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    // Enough to fill several chunks, so the copy shares chunks with the open frame.
    QList<Event> events;
    for (int i = 0; i < 3000; ++i)
        events.append(makeEvent(u"c%1"_s.arg(i % 3), QByteArray(60, char('a' + i % 26))));
    QVERIFY(engine.ingest(events).ok());
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QCOMPARE(open->startAt, kT0);
    QCOMPARE(open->endAt, kT0 + kD);
    QCOMPARE(open->channels.size(), 3);
    QCOMPARE(open->channels[1].items.size(), 1000);
    // Appending after a snapshot leaves the snapshot as it was.
    const QByteArray snapshot = engine.openFrameBytes();
    QVERIFY(engine.ingest(makeEvent(u"c1"_s, "more")).ok());
    QCOMPARE(TimeFrame::decode(snapshot)->channels[1].items.size(), 1000);
    QCOMPARE(TimeFrame::decode(engine.openFrameBytes())->channels[1].items.size(), 1001);
}

void TestFrameEngine::stoppedEngineRefuses()
{
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QCOMPARE(engine.ingest(makeEvent(u"a"_s, "x")).failure->error, IngestError::Stopped);
    QVERIFY(engine.start(Threading::Manual));
    engine.stop();
    QCOMPARE(engine.ingest(makeEvent(u"a"_s, "x")).failure->error, IngestError::Stopped);

    EngineConfig bad = config();
    bad.frameDurationMs = 99;
    FrameEngine invalid(bad, &clock);
    QString error;
    QVERIFY(!invalid.start(Threading::Manual, &error));
    QVERIFY(error.contains(u"100"_s));
}

QTEST_APPLESS_MAIN(TestFrameEngine)
#include "tst_frameengine.moc"
