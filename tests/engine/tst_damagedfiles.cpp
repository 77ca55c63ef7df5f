// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kD = 10'000;

// How a test damages the newest frame file.
enum class Damage {
    CutShort, // the last 10 bytes cut off: the last item is torn
    GarbledFirstRecord, // the first channel record's offset overwritten: sections do not check
};

bool damage(const QString &path, Damage how)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    if (how == Damage::CutShort)
        return file.resize(file.size() - 10);
    // The first metadata record starts right after the 30-byte header with its data offset.
    return file.seek(30) && file.write(QByteArray(8, '\xEE')) == 8;
}

qint64 itemsOf(const TimeFrame::Frame &frame, const QString &channel)
{
    for (const TimeFrame::Channel &c : frame.channels) {
        if (c.id == channel)
            return c.items.size();
    }
    return 0;
}

} // namespace

Q_DECLARE_METATYPE(Damage)

// Damaged files are kept and read, never overwritten: a `.tf` that fails the decoder's checks is
// renamed aside and what can be read from it is kept under its own id; a damaged journal record
// is skipped and the journal kept aside.
class TestDamagedFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void damagedFrameFileIsSalvagedNotOverwritten_data();
    void damagedFrameFileIsSalvagedNotOverwritten();
    void garbledFrameIsNeverServed();
    void damagedJournalRecordIsSkipped();

private:
    EngineConfig config(int history = 6) const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDamagedFiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestDamagedFiles::config(int history) const
{
    EngineConfig config;
    config.dataDir = m_dir->path();
    config.frameDurationMs = kD;
    config.history = history;
    return config;
}

void TestDamagedFiles::damagedFrameFileIsSalvagedNotOverwritten_data()
{
    QTest::addColumn<Damage>("how");
    QTest::addColumn<qint64>("salvagedA"); // items of channel a (100 written)
    QTest::addColumn<qint64>("salvagedB"); // items of channel b (20 written)
    QTest::addRow("cut 10 bytes short") << Damage::CutShort << qint64(100) << qint64(19);
    QTest::addRow("first record garbled") << Damage::GarbledFirstRecord << qint64(0) << qint64(20);
}

void TestDamagedFiles::damagedFrameFileIsSalvagedNotOverwritten()
{
    QFETCH(Damage, how);
    QFETCH(qint64, salvagedA);
    QFETCH(qint64, salvagedB);

    // A frame cut short by a stop at kT0 + 5 s, then damaged.
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 100; ++i)
            QVERIFY(engine.ingest(makeEvent(u"a"_s, QByteArray::number(i))).ok());
        for (int i = 0; i < 20; ++i)
            QVERIFY(engine.ingest(makeEvent(u"b"_s, QByteArray::number(i))).ok());
        clock.set(kT0 + 5000);
        engine.stop();
    }
    const QString path = m_dir->filePath(u"%1.tf"_s.arg(kT0));
    QVERIFY(damage(path, how));

    // A restart inside the same period.
    clock.set(kT0 + 6000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Damaged frame file"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"set aside as .*items salvaged"_s));
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));

    // The damaged bytes are kept aside, named in the status (and so in /healthz).
    QVERIFY(QFile::exists(path + u".corrupt"_s));
    QCOMPARE(engine.status().damagedFiles, QStringList {path + u".corrupt"_s});
    // What could be read is listed and served under the frame's own id ...
    const FrameIndex index = engine.index();
    QCOMPARE(ids(index), QList<qint64> {kT0});
    QCOMPARE(index->first().items, salvagedA + salvagedB);
    QCOMPARE(index->first().endAt, kT0 + 5000);
    const auto bytes = engine.frameBytes(kT0);
    QVERIFY(bytes);
    const auto salvaged = TimeFrame::decode(*bytes);
    QVERIFY(salvaged);
    QCOMPARE(itemsOf(*salvaged, u"a"_s), salvagedA);
    QCOMPARE(itemsOf(*salvaged, u"b"_s), salvagedB);

    // ... and no new frame takes that id: the next one starts where it ended.
    QCOMPARE(engine.status().openFrameId, kT0 + 5000);
    QVERIFY(engine.ingest(makeEvent(u"a"_s, "after")).ok());
    clock.set(kT0 + 7000);
    engine.stop();
    const auto kept = TimeFrame::readFile(path);
    QVERIFY(kept);
    QCOMPARE(itemsOf(*kept, u"a"_s) + itemsOf(*kept, u"b"_s), salvagedA + salvagedB);
    QCOMPARE(archivedIds(m_dir->path()), (QList<qint64> {kT0, kT0 + 5000}));
}

void TestDamagedFiles::garbledFrameIsNeverServed()
{
    // Frames that are only on disk (no history in memory) are checked when first read: the
    // catalog says the file is fine (same size and end), its sections are not.
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(0), &clock);
        QVERIFY(engine.start(Threading::Manual));
        QVERIFY(engine.ingest(makeEvent(u"a"_s, "one")).ok());
        QVERIFY(engine.ingest(makeEvent(u"b"_s, "two")).ok());
        clock.set(kT0 + kD);
        engine.tick();
        engine.stop();
    }
    const QString path = m_dir->filePath(u"%1.tf"_s.arg(kT0));
    QVERIFY(damage(path, Damage::GarbledFirstRecord));

    clock.set(kT0 + 2 * kD + 1);
    FrameEngine engine(config(0), &clock);
    QVERIFY(engine.start(Threading::Manual));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Damaged frame file"_s));
    QVERIFY(!engine.frameBytes(kT0)); // never served as it is
    // The engine's thread sets it aside and salvages what it can.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"set aside as .*1 items salvaged"_s));
    engine.tick();
    QVERIFY(QFile::exists(path + u".corrupt"_s));
    QCOMPARE(engine.status().damagedFiles, QStringList {path + u".corrupt"_s});
    const auto bytes = engine.frameBytes(kT0);
    QVERIFY(bytes);
    const auto salvaged = TimeFrame::decode(*bytes);
    QVERIFY(salvaged);
    QCOMPARE(itemsOf(*salvaged, u"b"_s), 1);
}

void TestDamagedFiles::damagedJournalRecordIsSkipped()
{
    ManualClock clock(kT0 + 100);
    {
        FrameEngine engine(config(), &clock);
        QVERIFY(engine.start(Threading::Manual));
        for (int i = 0; i < 5; ++i)
            QVERIFY(engine.ingest(makeEvent(u"a"_s, "event " + QByteArray::number(i))).ok());
        QVERIFY(stopAsIfKilled(engine));
    }
    // One byte of the second record's payload flipped.
    const QString journal = m_dir->filePath(u"%1.journal"_s.arg(kT0));
    QByteArray bytes;
    {
        QFile file(journal);
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes = file.readAll();
    }
    const qint64 second = Journal::kHeaderSize + Journal::kRecordHeaderSize
        + qint64(qFromBigEndian<quint64>(bytes.constData() + Journal::kHeaderSize));
    const qint64 secondPayload = qint64(qFromBigEndian<quint64>(bytes.constData() + second));
    const qint64 flip = second + Journal::kRecordHeaderSize + secondPayload - 1;
    bytes[flip] = char(bytes[flip] ^ 0x01);
    {
        QFile file(journal);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"skipped 1 damaged records"_s));
    FrameEngine engine(config(), &clock);
    QVERIFY(engine.start(Threading::Manual));
    // The records after the damaged one are read; the damaged journal is kept aside.
    const auto open = TimeFrame::decode(engine.openFrameBytes());
    QVERIFY(open);
    QList<QByteArray> data;
    for (const TimeFrame::Item &item : open->channels.value(0).items)
        data.append(item.data);
    QCOMPARE(data, (QList<QByteArray> {"event 0", "event 2", "event 3", "event 4"}));
    QVERIFY(QFile::exists(journal + u".corrupt"_s));
    QFile aside(journal + u".corrupt"_s);
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), bytes);
    QCOMPARE(engine.status().damagedFiles, QStringList {journal + u".corrupt"_s});
}

QTEST_APPLESS_MAIN(TestDamagedFiles)
#include "tst_damagedfiles.moc"
