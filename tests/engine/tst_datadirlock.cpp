// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kD = 10'000;

EngineConfig configFor(const QString &dir)
{
    EngineConfig config;
    config.dataDir = dir;
    config.frameDurationMs = kD;
    return config;
}

// Starts the engine harness on dir and waits until its engine runs (it printed "ready").
bool startHarness(QProcess *process, const QString &dir)
{
    process->start(QStringLiteral(ENGINE_CRASH_HARNESS), {dir, u"60000"_s});
    if (!process->waitForStarted(10'000))
        return false;
    QByteArray out;
    while (!out.contains("ready\n")) {
        if (!process->waitForReadyRead(10'000))
            return false;
        out += process->readAllStandardOutput();
    }
    return true;
}

} // namespace

// One owner per data directory: a second engine is refused before it touches anything, with a
// message naming the directory and the owner's pid; a lock left by a killed process is taken over.
class TestDataDirLock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondEngineInTheSameProcessIsRefused();
    void engineOfAnotherProcessIsRefusedUntilItIsKilled();
};

void TestDataDirLock::secondEngineInTheSameProcessIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ManualClock clock(kT0 + 1);
    FrameEngine first(configFor(dir.path()), &clock);
    QVERIFY(first.start(Threading::Manual));
    QVERIFY(first.ingest(makeEvent(u"a"_s, "kept")).ok());
    const QStringList journals = journalFiles(dir.path());
    QCOMPARE(journals.size(), 1);

    FrameEngine second(configFor(dir.path()), &clock);
    QString error;
    QVERIFY(!second.start(Threading::Manual, &error));
    QCOMPARE(second.startError(), StartError::DataDirInUse);
    QVERIFY2(error.contains(QDir::toNativeSeparators(dir.path())), qPrintable(error));
    QVERIFY2(error.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(error));
    QVERIFY(!second.isRunning());
    QVERIFY(!second.ingest(makeEvent(u"a"_s, "refused")).ok());

    // The first engine's journal is untouched and it goes on acknowledging into it.
    QCOMPARE(journalFiles(dir.path()), journals);
    QVERIFY(first.ingest(makeEvent(u"a"_s, "also kept")).ok());
    first.stop();
    const auto frame = TimeFrame::readFile(dir.filePath(u"%1.tf"_s.arg(kT0)));
    QVERIFY(frame);
    QCOMPARE(frame->channels.value(0).items.size(), 2);

    // Once the first stopped, the directory is free.
    QVERIFY(second.start(Threading::Manual, &error));
    QCOMPARE(second.startError(), StartError::None);
}

void TestDataDirLock::engineOfAnotherProcessIsRefusedUntilItIsKilled()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess owner;
    QVERIFY2(startHarness(&owner, dir.path()), "the harness did not start");
    owner.write("a one\n");
    QVERIFY(owner.waitForReadyRead(10'000));
    QCOMPARE(owner.readAllStandardOutput(), "a one\n");
    const QStringList journals = journalFiles(dir.path());
    QCOMPARE(journals.size(), 1);

    {
        FrameEngine second(configFor(dir.path()));
        QString error;
        QVERIFY(!second.start(Threading::Manual, &error));
        QCOMPARE(second.startError(), StartError::DataDirInUse);
        QVERIFY2(error.contains(QString::number(owner.processId())), qPrintable(error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(dir.path())), qPrintable(error));
    }
    // Refused without reading or writing anything: the owner's journal is still there and it
    // still acknowledges.
    QCOMPARE(journalFiles(dir.path()), journals);
    owner.write("a two\n");
    QVERIFY(owner.waitForReadyRead(10'000));
    QCOMPARE(owner.readAllStandardOutput(), "a two\n");

    // kill -9 leaves the lock file behind; it is stale and the next start takes it over.
    owner.kill();
    QVERIFY(owner.waitForFinished(10'000));
    QVERIFY(QFile::exists(dir.filePath(u"syncstreamer.lock"_s)));
    FrameEngine next(configFor(dir.path()));
    QString error;
    QVERIFY2(next.start(Threading::Manual, &error), qPrintable(error));
    // Both acknowledged events came back (in the open frame, or archived where its minute
    // passed meanwhile).
    qint64 items = 0;
    for (const FrameSummary &frame : *next.index())
        items += frame.items;
    const auto open = TimeFrame::decode(next.openFrameBytes());
    QVERIFY(open);
    items += open->channels.value(0).items.size();
    QCOMPARE(items, 2);
}

QTEST_GUILESS_MAIN(TestDataDirLock)
#include "tst_datadirlock.moc"
