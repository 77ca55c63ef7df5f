// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/engineconfig.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;

Q_DECLARE_METATYPE(Engine::FsyncPolicy)

class TestEngineConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void durations_data();
    void durations();
    void sizes_data();
    void sizes();
};

void TestEngineConfig::defaults()
{
    const EngineConfig config;
    QCOMPARE(config.frameDurationMs, 10'000);
    QCOMPARE(config.history, 6);
    QCOMPARE(config.fsync, FsyncPolicy::Interval);
    QCOMPARE(config.fsyncIntervalMs, 100);
    QCOMPARE(config.layout, TimeFrame::Layout::Documented);
    // Disk use is bounded by default.
    QVERIFY(config.retainBytes > 0);
    QVERIFY(config.retainFrames > 0);
    QVERIFY(config.retainAgeMs > 0);
    QVERIFY(config.validate().isEmpty());
    QVERIFY(!config.effectiveDataDir().isEmpty());
}

void TestEngineConfig::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addRow("bare") << u"250"_s << qint64(250);
    QTest::addRow("ms") << u"100ms"_s << qint64(100);
    QTest::addRow("s") << u"10s"_s << qint64(10'000);
    QTest::addRow("min") << u"2min"_s << qint64(120'000);
    QTest::addRow("h") << u"24h"_s << qint64(86'400'000);
    QTest::addRow("d") << u"7d"_s << qint64(604'800'000);
    QTest::addRow("unknown unit") << u"5y"_s << qint64(-1);
    QTest::addRow("negative") << u"-5"_s << qint64(-1);
    QTest::addRow("empty") << QString() << qint64(-1);
    QTest::addRow("overflow") << u"999999999999999999d"_s << qint64(-1);
}

void TestEngineConfig::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QCOMPARE(parseDurationMs(text), ms);
}

void TestEngineConfig::sizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::addRow("bare") << u"4096"_s << qint64(4096);
    QTest::addRow("k") << u"64k"_s << qint64(65'536);
    QTest::addRow("MiB") << u"10MiB"_s << qint64(10) * 1024 * 1024;
    QTest::addRow("G") << u"1G"_s << (qint64(1) << 30);
    QTest::addRow("GB") << u"2GB"_s << qint64(2) * 1024 * 1024 * 1024;
    QTest::addRow("junk") << u"lots"_s << qint64(-1);
}

void TestEngineConfig::sizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QCOMPARE(parseByteSize(text), bytes);
}

QTEST_APPLESS_MAIN(TestEngineConfig)
#include "tst_engineconfig.moc"
