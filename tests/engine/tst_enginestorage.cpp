// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QFile>
#include <QProcess>
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

} // namespace

class TestEngineStorage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void dataDirUnderARegularFile();
    void readOnlyMount();
    void fullDisk();

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

QTEST_APPLESS_MAIN(TestEngineStorage)
#include "tst_enginestorage.moc"
