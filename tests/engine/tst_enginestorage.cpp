// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kD = 10'000;

bool run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(10'000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0;
}

// A tmpfs mounted for one test and unmounted when it ends.
class TmpfsMount
{
public:
    TmpfsMount(const QString &path, const QString &options)
        : m_path(path)
        , m_mounted(run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, options, u"tmpfs"_s, path}))
    { }
    ~TmpfsMount()
    {
        if (m_mounted)
            run(u"umount"_s, {u"-l"_s, m_path});
    }
    bool mounted() const { return m_mounted; }
    bool remount(const QString &options) const
    {
        return run(u"mount"_s, {u"-o"_s, u"remount,"_s + options, m_path});
    }

private:
    QString m_path;
    bool m_mounted;
};

// A read-only view bound over a directory for one test: files already open stay writable,
// nothing new can be created there until it goes.
class ReadOnlyBind
{
public:
    explicit ReadOnlyBind(const QString &path)
        : m_path(path)
        , m_bound(run(u"mount"_s, {u"--bind"_s, path, path}))
        , m_readOnly(m_bound && run(u"mount"_s, {u"-o"_s, u"remount,bind,ro"_s, path}))
    { }
    ~ReadOnlyBind() { release(); }
    bool readOnly() const { return m_readOnly; }
    bool release()
    {
        if (!m_bound)
            return true;
        m_bound = !run(u"umount"_s, {m_path});
        return !m_bound;
    }

private:
    QString m_path;
    bool m_bound;
    bool m_readOnly;
};

} // namespace

class TestEngineStorage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void dataDirUnderARegularFile();
    void readOnlyMount();
    void fullDisk();
    void stopWithUnwritableArchiveKeepsJournal_data();
    void stopWithUnwritableArchiveKeepsJournal();
    void fullDiskFrameListedOnceWritten();
    void directoryRemovedMidRun_data();
    void directoryRemovedMidRun();

private:
    EngineConfig config(const QString &dataDir) const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEngineStorage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestEngineStorage::config(const QString &dataDir) const
{
    EngineConfig config;
    config.dataDir = dataDir;
    config.frameDurationMs = kD;
    return config;
}

void TestEngineStorage::dataDirUnderARegularFile()
{
    // Root ignores permission bits, but nobody can create a directory inside a regular file.
    const QString file = m_dir->filePath(u"not-a-directory"_s);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    ManualClock clock(kT0);
    FrameEngine engine(config(file + u"/data"_s), &clock);
    QSignalSpy statusSpy(&engine, &EngineApi::statusChanged);
    QVERIFY(engine.start(Threading::Manual));

    QCOMPARE(engine.status().storage, StorageState::Unavailable);
    QVERIFY(!engine.status().storageDetail.isEmpty());
    const IngestResult result = engine.ingest(makeEvent(u"a"_s, "x"));
    QVERIFY(!result.ok());
    QCOMPARE(result.failure->error, IngestError::StorageUnavailable);
    QVERIFY(result.failure->message.contains(u"Storage unavailable"_s));
    QCOMPARE(engine.status().eventsAccepted, 0);

    // Frames still close on time and are served from memory.
    clock.advance(kD);
    engine.tick();
    QVERIFY(statusSpy.size() >= 1);
    QCOMPARE(statusSpy.last().at(0).value<Status>().storage, StorageState::Unavailable);
    const FrameIndex index = engine.index();
    QCOMPARE(index->size(), 1);
    QVERIFY(index->first().inMemory);
    QVERIFY(!index->first().onDisk);
    QVERIFY(engine.frameBytes(kT0));
    QVERIFY(TimeFrame::decode(*engine.frameBytes(kT0)));
}

void TestEngineStorage::readOnlyMount()
{
    const QString mountPoint = m_dir->filePath(u"ro"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    TmpfsMount mount(mountPoint, u"size=1m"_s);
    if (!mount.mounted())
        QSKIP("Cannot mount a tmpfs here (needs root): read-only mount not tested");

    ManualClock clock(kT0);
    {
        FrameEngine engine(config(mountPoint), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "archived")).ok());
        clock.advance(kD);
        engine.tick();
    }
    QVERIFY(mount.remount(u"ro"_s));

    FrameEngine engine(config(mountPoint), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().storage, StorageState::Unavailable);
    QCOMPARE(engine.ingest(makeEvent(u"a"_s, "x")).failure->error, IngestError::StorageUnavailable);
    // What is archived is still served.
    QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    const auto frame = TimeFrame::decode(*engine.frameBytes(kT0));
    QVERIFY(frame);
    QCOMPARE(frame->channels.value(0).items.value(0).data, "archived");
}

void TestEngineStorage::fullDisk()
{
    const QString mountPoint = m_dir->filePath(u"small"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    TmpfsMount mount(mountPoint, u"size=64k"_s);
    if (!mount.mounted())
        QSKIP("Cannot mount a tmpfs here (needs root): full disk not tested");

    ManualClock clock(kT0);
    QList<QByteArray> acked;
    QList<QByteArray> refused;
    {
        FrameEngine engine(config(mountPoint), &clock);
        QSignalSpy statusSpy(&engine, &EngineApi::statusChanged);
        QVERIFY(engine.start(Threading::Manual));
        QCOMPARE(engine.status().storage, StorageState::Ok);

        // 1000-byte events until the journal no longer fits.
        for (int i = 0; i < 200 && refused.size() < 3; ++i) {
            const QByteArray data = QByteArray::number(i).leftJustified(1000, '.');
            const IngestResult result = engine.ingest(makeEvent(u"a"_s, data));
            if (result.ok()) {
                QVERIFY(refused.isEmpty()); // nothing succeeds once the disk is full
                acked.append(data);
            } else {
                QCOMPARE(result.failure->error, IngestError::StorageUnavailable);
                refused.append(data);
            }
        }
        QVERIFY(!acked.isEmpty());
        QCOMPARE(refused.size(), 3);
        QCOMPARE(engine.status().storage, StorageState::Unavailable);
        engine.tick();
        QVERIFY(statusSpy.size() >= 1);
        QCOMPARE(statusSpy.last().at(0).value<Status>().storage, StorageState::Unavailable);

        // The frame closes, cannot be archived, and is served from memory.
        clock.advance(kD);
        engine.tick();
        QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
        QVERIFY(!engine.index()->first().onDisk);
        const auto frame = TimeFrame::decode(*engine.frameBytes(kT0));
        QVERIFY(frame);
        QCOMPARE(frame->channels.value(0).items.size(), acked.size());

        // Space comes back: ingest works again and the frame reaches the archive.
        QVERIFY(mount.remount(u"size=1m"_s));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "back")).ok());
        clock.advance(kD);
        engine.tick();
        QCOMPARE(engine.status().storage, StorageState::Ok);
        QCOMPARE(statusSpy.last().at(0).value<Status>().storage, StorageState::Ok);
        QCOMPARE(archivedIds(mountPoint), (QList<qint64> {kT0, kT0 + kD}));
    }

    // Every acknowledged event is archived, no refused one is.
    const auto frame = TimeFrame::readFile(mountPoint + u"/%1.tf"_s.arg(kT0));
    QVERIFY(frame);
    QList<QByteArray> archived;
    for (const TimeFrame::Item &item : frame->channels.value(0).items)
        archived.append(item.data);
    QCOMPARE(archived, acked);
}

void TestEngineStorage::stopWithUnwritableArchiveKeepsJournal_data()
{
    QTest::addColumn<bool>("readOnly"); // else full
    QTest::addRow("read-only") << true;
    QTest::addRow("full") << false;
}

void TestEngineStorage::stopWithUnwritableArchiveKeepsJournal()
{
    QFETCH(bool, readOnly);
    const QString mountPoint = m_dir->filePath(u"data"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    TmpfsMount mount(mountPoint, readOnly ? u"size=8m"_s : u"size=64k"_s);
    if (!mount.mounted())
        QSKIP("Cannot mount a tmpfs here (needs root): unwritable archive on stop not tested");
    const QString filler = mountPoint + u"/filler"_s;
    const QString framePath = mountPoint + u"/%1.tf"_s.arg(kT0);

    ManualClock clock(kT0 + 100);
    QList<QByteArray> acked;
    {
        FrameEngine engine(config(mountPoint), &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 8; ++i) {
            const QByteArray data = QByteArray::number(i).leftJustified(1000, '.');
            QVERIFY(engine.ingest(makeEvent(u"a"_s, data)).ok());
            acked.append(data);
        }

        std::unique_ptr<ReadOnlyBind> view;
        if (readOnly) {
            view = std::make_unique<ReadOnlyBind>(mountPoint);
            QVERIFY(view->readOnly());
        } else {
            // Whatever space is left goes to another file.
            QFile file(filler);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(4096, 'f');
            while (file.write(block) == block.size()) { }
        }

        clock.set(kT0 + 3000);
        QSignalSpy finished(&engine, &EngineApi::frameFinished);
        // The failure is logged, with the frame's id.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"Cannot archive frame %1"_s.arg(kT0)));
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(u"open frame %1 could not be archived on stop"_s.arg(kT0)));
        engine.stop();
        QCOMPARE(engine.status().storage, StorageState::Unavailable);
        QVERIFY(!QFile::exists(framePath));
        QCOMPARE(journalFiles(mountPoint), QStringList {u"%1.journal"_s.arg(kT0)});
        if (view)
            QVERIFY(view->release());
    }
    // Storage comes back.
    QVERIFY(!QFile::exists(framePath));
    QCOMPARE(journalFiles(mountPoint), QStringList {u"%1.journal"_s.arg(kT0)});
    if (!readOnly)
        QVERIFY(QFile::remove(filler));

    // The next start replays the journal: the whole frame is open again with every acknowledged
    // event.
    clock.set(kT0 + 4000);
    FrameEngine engine(config(mountPoint), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(engine.status().storage, StorageState::Ok);
    QCOMPARE(engine.status().openFrameId, kT0);
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QCOMPARE(open->endAt, kT0 + kD);
    QList<QByteArray> replayed;
    for (const TimeFrame::Item &item : open->channels.value(0).items)
        replayed.append(item.data);
    QCOMPARE(replayed, acked);

    // And this time the stop archives it.
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "after")).ok());
    acked.append("after");
    clock.set(kT0 + 5000);
    engine.stop();
    QVERIFY(journalFiles(mountPoint).isEmpty());
    const auto frame = TimeFrame::readFile(framePath);
    QVERIFY(frame);
    QCOMPARE(frame->endAt, kT0 + 5000);
    QList<QByteArray> archived;
    for (const TimeFrame::Item &item : frame->channels.value(0).items)
        archived.append(item.data);
    QCOMPARE(archived, acked);
}

void TestEngineStorage::fullDiskFrameListedOnceWritten()
{
    const QString mountPoint = m_dir->filePath(u"small"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    TmpfsMount mount(mountPoint, u"size=64k"_s);
    if (!mount.mounted())
        QSKIP("Cannot mount a tmpfs here (needs root): full disk not tested");

    EngineConfig c = config(mountPoint);
    c.history = 1; // the frame leaves memory before space comes back
    ManualClock clock(kT0);
    FrameEngine engine(c, &clock);
    QVERIFY(engine.start(Threading::Manual));
    qint64 acked = 0;
    for (int i = 0; i < 200; ++i) {
        if (!engine.ingest(makeEvent(u"a"_s, QByteArray(1000, 'x'))).ok())
            break;
        ++acked;
    }
    QVERIFY(acked > 0);
    QCOMPARE(engine.status().storage, StorageState::Unavailable);

    // The frame that filled the disk closes and cannot be archived; the next one pushes it out of
    // memory: only its journal holds it now, and the index does not list it.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot archive frame"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"left memory without being archived"_s));
    clock.advance(kD);
    engine.tick();
    clock.advance(kD);
    engine.tick();
    QVERIFY(!ids(engine.index()).contains(kT0));

    // Space comes back: at the next frame it is written and listed, without a restart.
    QVERIFY(mount.remount(u"size=1m"_s));
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "back")).ok());
    clock.advance(kD);
    engine.tick();
    QCOMPARE(engine.status().storage, StorageState::Ok);
    QVERIFY(ids(engine.index()).contains(kT0));
    QVERIFY(archivedIds(mountPoint).contains(kT0));
    QVERIFY(!journalFiles(mountPoint).contains(u"%1.journal"_s.arg(kT0)));
    const auto frame = TimeFrame::decode(*engine.frameBytes(kT0));
    QVERIFY(frame);
    QCOMPARE(frame->channels.value(0).items.size(), acked);
}

void TestEngineStorage::directoryRemovedMidRun_data()
{
    QTest::addColumn<bool>("replaced"); // moved away and a new empty one made, or removed
    QTest::addRow("rm -rf") << false;
    QTest::addRow("moved away, made anew") << true;
}

void TestEngineStorage::directoryRemovedMidRun()
{
    QFETCH(bool, replaced);
    const QString dir = m_dir->filePath(u"data"_s);
    ManualClock clock(kT0 + 100);
    QList<QByteArray> acked;
    {
        FrameEngine engine(config(dir), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "archived")).ok());
        clock.set(kT0 + kD + 100);
        engine.tick(); // frame kT0 archived, and in memory
        for (int i = 0; i < 3; ++i) {
            acked.append("before " + QByteArray::number(i));
            QVERIFY(engine.ingest(makeEvent(u"a"_s, acked.last())).ok());
        }

        if (replaced) {
            QVERIFY(QDir().rename(dir, m_dir->filePath(u"moved"_s)));
            QVERIFY(QDir().mkpath(dir));
        } else {
            QVERIFY(QDir(dir).removeRecursively());
        }
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"journal .* is gone"_s));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"1 frames in memory written again"_s));
        if (replaced)
            engine.tick(); // a replaced directory is noticed by the engine's thread
        for (int i = 0; i < 20; ++i) {
            acked.append("after " + QByteArray::number(i));
            QVERIFY(engine.ingest(makeEvent(u"a"_s, acked.last())).ok());
        }
        engine.tick();
        QCOMPARE(engine.status().storage, StorageState::Ok);
        // The directory is back, with its lock, the frame that was in memory, and a journal
        // holding every acknowledged event of the open frame.
        QVERIFY(QFile::exists(dir + u"/syncstreamer.lock"_s));
        QCOMPARE(archivedIds(dir), QList<qint64> {kT0});
        QCOMPARE(journalFiles(dir), QStringList {u"%1.journal"_s.arg(kT0 + kD)});
        QVERIFY(stopAsIfKilled(engine));
    }
    // A kill now loses nothing: the next start replays all 23.
    FrameEngine engine(config(dir), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QCOMPARE(ids(engine.index()), QList<qint64> {kT0});
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QList<QByteArray> replayed;
    for (const TimeFrame::Item &item : open->channels.value(0).items)
        replayed.append(item.data);
    QCOMPARE(replayed, acked);
}

QTEST_APPLESS_MAIN(TestEngineStorage)
#include "tst_enginestorage.moc"
