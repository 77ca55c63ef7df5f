// SPDX-License-Identifier: GPL-3.0-or-later
// All or nothing under every fsync policy: a write or sync of the journal that fails refuses the
// whole request and leaves no trace (open frame, live feed, statistics, the journal a restart
// replays, the archived frame), and a retry is stored once.
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"
#include "engine/journal.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kD = 10'000;

enum class Fault { Write, Sync };

// The items of one channel of a decoded frame, as strings.
QStringList itemsOf(const QByteArray &bytes, const QString &channel)
{
    QStringList result;
    const auto frame = TimeFrame::decode(bytes);
    if (!frame)
        return {u"<undecodable>"_s};
    for (const TimeFrame::Channel &c : frame->channels) {
        if (c.id == channel) {
            for (const TimeFrame::Item &item : c.items)
                result.append(QString::fromUtf8(item.data));
        }
    }
    return result;
}

} // namespace

Q_DECLARE_METATYPE(FsyncPolicy)
Q_DECLARE_METATYPE(Fault)

class TestEngineFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void failedRequestLeavesNoTrace_data();
    void failedRequestLeavesNoTrace();
    void failedIntervalSyncRefusesUntilANewJournalIsSynced();
    void alwaysFailedSyncOfANewChannelLeavesNoChannel();

private:
    EngineConfig config(FsyncPolicy policy) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEngineFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestEngineFaults::config(FsyncPolicy policy) const
{
    EngineConfig config;
    config.dataDir = m_dir->path();
    config.frameDurationMs = kD;
    config.retainFrames = 0;
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    config.fsync = policy;
    return config;
}

void TestEngineFaults::failedRequestLeavesNoTrace_data()
{
    QTest::addColumn<FsyncPolicy>("policy");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<bool>("refused"); // does the fault refuse the request?

    QTest::addRow("always, failing write") << FsyncPolicy::Always << Fault::Write << true;
    QTest::addRow("always, failing sync") << FsyncPolicy::Always << Fault::Sync << true;
    QTest::addRow("interval, failing write") << FsyncPolicy::Interval << Fault::Write << true;
    // The request itself does not sync under interval: failedIntervalSync... covers the sync.
    QTest::addRow("interval, failing sync") << FsyncPolicy::Interval << Fault::Sync << false;
    QTest::addRow("never, failing write") << FsyncPolicy::Never << Fault::Write << true;
    // Never syncs: a failing sync changes nothing.
    QTest::addRow("never, failing sync") << FsyncPolicy::Never << Fault::Sync << false;
}

void TestEngineFaults::failedRequestLeavesNoTrace()
{
    QFETCH(FsyncPolicy, policy);
    QFETCH(Fault, fault);
    QFETCH(bool, refused);

    JournalFaults faults;
    ManualClock clock(kT0 + 100);
    FrameEngine engine(config(policy), &clock);
    engine.setJournalFaults(&faults);
    QSignalSpy live(&engine, &EngineApi::liveEvents);
    QSignalSpy activity(&engine, &EngineApi::activity);
    QVERIFY(engine.start(Threading::Manual));

    QVERIFY(engine.ingest(makeEvent(u"c"_s, "first")).ok());
    engine.tick();
    QCOMPARE(live.size(), 1);
    QCOMPARE(activity.size(), 1);
    const QByteArray openBefore = engine.openFrameBytes();

    (fault == Fault::Write ? faults.writeError : faults.syncError).store(EIO);
    const IngestResult result =
        engine.ingest({makeEvent(u"c"_s, "second"), makeEvent(u"d"_s, "new channel")});
    engine.tick();
    if (!refused) {
        QVERIFY(result.ok());
        faults.syncError.store(0);
        QCOMPARE(engine.status().eventsAccepted, 3);
        QCOMPARE(itemsOf(engine.openFrameBytes(), u"c"_s), QStringList({u"first"_s, u"second"_s}));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->error, IngestError::StorageUnavailable);
    QVERIFY(result.acks.isEmpty());
    QCOMPARE(engine.status().storage, StorageState::Unavailable);
    // No trace: not in the open frame, not in the live feed or statistics.
    QCOMPARE(engine.openFrameBytes(), openBefore);
    QCOMPARE(live.size(), 1);
    QCOMPARE(activity.size(), 1);
    QCOMPARE(engine.status().eventsAccepted, 1);

    // The disk works again: the producer retries and the events are stored once.
    faults.writeError.store(0);
    faults.syncError.store(0);
    const IngestResult retry =
        engine.ingest({makeEvent(u"c"_s, "second"), makeEvent(u"d"_s, "new channel")});
    QVERIFY(retry.ok());
    engine.tick();
    QCOMPARE(engine.status().storage, StorageState::Ok);
    QCOMPARE(engine.status().eventsAccepted, 3);
    QCOMPARE(itemsOf(engine.openFrameBytes(), u"c"_s), QStringList({u"first"_s, u"second"_s}));
    QCOMPARE(live.size(), 2);
    QCOMPARE(live.last().first().value<QList<LiveEvent>>().size(), 2);

    // What a kill now leaves replays to the same: once each.
    QVERIFY(stopAsIfKilled(engine));
    FrameEngine again(config(policy), &clock);
    QVERIFY(again.start(Threading::Manual));
    QCOMPARE(itemsOf(again.openFrameBytes(), u"c"_s), QStringList({u"first"_s, u"second"_s}));
    QCOMPARE(itemsOf(again.openFrameBytes(), u"d"_s), QStringList {u"new channel"_s});
    // And the archived frame holds them once too.
    clock.advance(kD);
    again.tick();
    const auto bytes = again.frameBytes(kT0);
    QVERIFY(bytes);
    QCOMPARE(itemsOf(*bytes, u"c"_s), QStringList({u"first"_s, u"second"_s}));
}

void TestEngineFaults::failedIntervalSyncRefusesUntilANewJournalIsSynced()
{
    JournalFaults faults;
    ManualClock clock(kT0 + 100);
    FrameEngine engine(config(FsyncPolicy::Interval), &clock);
    engine.setJournalFaults(&faults);
    QVERIFY(engine.start(Threading::Manual));

    QVERIFY(engine.ingest(makeEvent(u"c"_s, "acked")).ok());
    faults.syncError.store(EIO);
    engine.tick(); // the interval sync fails
    QCOMPARE(engine.status().storage, StorageState::Unavailable);
    // Acknowledged under interval, so it stays; new events wait for a journal that syncs.
    const QByteArray openBefore = engine.openFrameBytes();
    QCOMPARE(itemsOf(openBefore, u"c"_s), QStringList {u"acked"_s});
    const IngestResult refused = engine.ingest(makeEvent(u"c"_s, "refused"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.failure->error, IngestError::StorageUnavailable);
    QCOMPARE(engine.openFrameBytes(), openBefore);
    QCOMPARE(engine.status().eventsAccepted, 1);

    faults.syncError.store(0);
    QVERIFY(engine.ingest(makeEvent(u"c"_s, "later")).ok());
    QCOMPARE(engine.status().storage, StorageState::Ok);
    // The new journal covers the whole frame: a kill keeps the acknowledged events, once.
    QVERIFY(stopAsIfKilled(engine));
    FrameEngine again(config(FsyncPolicy::Interval), &clock);
    QVERIFY(again.start(Threading::Manual));
    QCOMPARE(itemsOf(again.openFrameBytes(), u"c"_s), QStringList({u"acked"_s, u"later"_s}));
}

void TestEngineFaults::alwaysFailedSyncOfANewChannelLeavesNoChannel()
{
    JournalFaults faults;
    ManualClock clock(kT0 + 100);
    FrameEngine engine(config(FsyncPolicy::Always), &clock);
    engine.setJournalFaults(&faults);
    QVERIFY(engine.start(Threading::Manual));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "1")).ok());

    // A refused first event of a channel leaves no channel behind: its type is not taken.
    faults.syncError.store(EIO);
    QVERIFY(!engine.ingest(makeEvent(u"b"_s, "x", {}, u"text/plain"_s)).ok());
    faults.syncError.store(0);
    QVERIFY(engine.ingest(makeEvent(u"b"_s, "{}", {}, u"application/json"_s)).ok());
    const auto frame = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(frame);
    QCOMPARE(frame->channels.size(), 2);
    QCOMPARE(frame->channels[1].type, u"application/json"_s);

    // Nor does it come back from the journal after a kill.
    QVERIFY(stopAsIfKilled(engine));
    FrameEngine again(config(FsyncPolicy::Always), &clock);
    QVERIFY(again.start(Threading::Manual));
    const auto replayed = TimeFrame::decode(again.openFrameBytes());
    QVERIFY(replayed);
    QCOMPARE(replayed->channels.size(), 2);
    QCOMPARE(replayed->channels[1].items.size(), 1);
    QCOMPARE(replayed->channels[1].type, u"application/json"_s);
}

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_enginefaults.moc"
