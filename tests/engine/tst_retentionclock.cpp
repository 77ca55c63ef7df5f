// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kD = 10'000;
constexpr qint64 kDay = 24 * 3600 * 1000;
constexpr qint64 kHour = 3600 * 1000;

} // namespace

// Retention by time that really passed: the wall clock set forward or back, mid-run or between a
// stop and a start, deletes nothing that retention would not have deleted without the jump; a
// frame retention deleted is never written again.
class TestRetentionClock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void wallClockJumpMidRun_data();
    void wallClockJumpMidRun();
    void wallClockJumpAcrossRestart_data();
    void wallClockJumpAcrossRestart();
    void ageStillCountsRealTime();
    void retiredFrameIsNeverWrittenAgain();

private:
    EngineConfig config() const;
    // Five frames with one event each, archived; the clock ends inside the sixth.
    void fillFiveFrames(FrameEngine &engine, ManualClock &clock);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRetentionClock::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestRetentionClock::config() const
{
    EngineConfig config;
    config.dataDir = m_dir->path();
    config.frameDurationMs = kD;
    config.history = 0; // the index is what the archive keeps
    config.retainAgeMs = kDay; // the default
    config.retainFrames = 100; // a day forward fills 100 empty frames, not 8 640
    return config;
}

void TestRetentionClock::fillFiveFrames(FrameEngine &engine, ManualClock &clock)
{
    for (int i = 0; i < 5; ++i) {
        QVERIFY(engine.ingest(makeEvent(u"a"_s, QByteArray::number(i))).ok());
        clock.advance(kD);
        engine.tick();
    }
    QCOMPARE(archivedIds(m_dir->path()).size(), 5);
}

void TestRetentionClock::wallClockJumpMidRun_data()
{
    QTest::addColumn<qint64>("jump");
    QTest::addRow("a day forward") << kDay;
    QTest::addRow("an hour back") << -kHour;
}

void TestRetentionClock::wallClockJumpMidRun()
{
    QFETCH(qint64, jump);
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    fillFiveFrames(engine, clock);
    const QList<qint64> before = archivedIds(m_dir->path());
    const qint64 openBefore = engine.status().openFrameId;

    if (jump < 0) {
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"wall clock .* is 3600000 ms behind"_s));
    }
    clock.jump(jump);
    engine.tick();
    const IngestResult result = engine.ingest(makeEvent(u"a"_s, "after the jump"));
    QVERIFY(result.ok());
    clock.advance(kD);
    engine.tick();

    // Nothing retention would have kept is gone.
    const QList<qint64> after = archivedIds(m_dir->path());
    for (const qint64 id : before)
        QVERIFY2(after.contains(id), qPrintable(u"frame %1 was deleted"_s.arg(id)));
    // Ids stay unique and increasing; back in time, events are stamped at the open frame's start.
    QVERIFY(result.acks[0].frameId >= openBefore);
    const QList<qint64> listed = ids(engine.index());
    for (qsizetype i = 1; i < listed.size(); ++i)
        QVERIFY(listed[i - 1] > listed[i]);
    if (jump < 0)
        QCOMPARE(result.acks[0].timestamp, openBefore);
}

void TestRetentionClock::wallClockJumpAcrossRestart_data()
{
    wallClockJumpMidRun_data();
}

void TestRetentionClock::wallClockJumpAcrossRestart()
{
    QFETCH(qint64, jump);
    ManualClock clock(kT0);
    qint64 newestEnd = 0;
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        fillFiveFrames(engine, clock);
        newestEnd = engine.index()->first().endAt;
    }
    const QList<qint64> before = archivedIds(m_dir->path());
    clock.jump(jump);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(archivedIds(m_dir->path()), before);
    QCOMPARE(engine.index()->size(), before.size());
    // Ids keep growing: the open frame never starts before the newest frame ended.
    QVERIFY(engine.status().openFrameId >= newestEnd);
}

void TestRetentionClock::ageStillCountsRealTime()
{
    // Time that really passes while the engine runs still ages frames out, whatever the wall
    // clock did before.
    ManualClock clock(kT0);
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    fillFiveFrames(engine, clock);
    clock.jump(-kHour);
    engine.tick();
    clock.advance(kDay + kHour);
    engine.tick();
    QCOMPARE(archivedIds(m_dir->path()), QList<qint64> {});
}

void TestRetentionClock::retiredFrameIsNeverWrittenAgain()
{
    // Fewer frames retained than kept in memory: retention removes files of frames that are
    // still in memory. Each archived frame appends one catalog record; a frame written again
    // would append another.
    EngineConfig c = config();
    c.retainFrames = 2;
    c.history = 6;
    ManualClock clock(kT0);
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    constexpr int kFrames = 8;
    for (int i = 0; i < kFrames; ++i) {
        QVERIFY(engine.ingest(makeEvent(u"a"_s, QByteArray::number(i))).ok());
        clock.advance(kD);
        engine.tick();
        QVERIFY(archivedIds(m_dir->path()).size() <= 2);
    }
    QCOMPARE(archivedIds(m_dir->path()),
             (QList<qint64> {kT0 + (kFrames - 2) * kD, kT0 + (kFrames - 1) * kD}));
    constexpr qint64 kCatalogRecord = 41;
    QCOMPARE(QFileInfo(m_dir->filePath(u"frames.catalog"_s)).size(), kFrames * kCatalogRecord);
}

QTEST_APPLESS_MAIN(TestRetentionClock)
#include "tst_retentionclock.moc"
