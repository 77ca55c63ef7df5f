// SPDX-License-Identifier: GPL-3.0-or-later
// Live charts: JSON leaves become series, points are decimated to the pixel width, the timeline
// gets a lane per channel, and a stream from the real engine reaches the charts.
#include "charts/chartpanel.h"
#include "charts/data/seriesstore.h"
#include "charts/seriestreemodel.h"
#include "engine/frameengine.h"
#include "service/demofeed.h"

#include <QDateTime>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Engine::LiveEvent sensor(qint64 t, double celsius, double x)
{
    return {u"sensor"_s, u"application/json"_s, t, 0,
            QByteArray("{\"celsius\":") + QByteArray::number(celsius)
                + ",\"pos\":{\"x\":" + QByteArray::number(x) + "},\"v\":[1,2,3],\"name\":\"a\"}"};
}

} // namespace

class tst_LiveCharts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void numericLeaves_data();
    void numericLeaves();
    void decimatesToColumns();
    void boundedMemory();
    void jsonTypesArePlotted_data();
    void jsonTypesArePlotted();
    void seriesFromEvents();
    void realEngineStream();
};

void tst_LiveCharts::numericLeaves_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("paths");
    QTest::addRow("flat") << QByteArray(R"({"celsius":21.5})") << QStringList {u"celsius"_s};
    QTest::addRow("nested") << QByteArray(R"({"pos":{"x":1,"y":2}})")
                            << QStringList {u"pos.x"_s, u"pos.y"_s};
    QTest::addRow("array") << QByteArray(R"({"v":[1,2,3]})")
                           << QStringList {u"v[0]"_s, u"v[1]"_s, u"v[2]"_s};
    QTest::addRow("text ignored") << QByteArray(R"({"name":"x","ok":true})")
                                  << QStringList {u"ok"_s};
    QTest::addRow("bare number") << QByteArray("[4]") << QStringList {u"[0]"_s};
    QTest::addRow("malformed") << QByteArray("{") << QStringList {};
}

void tst_LiveCharts::numericLeaves()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, paths);
    QStringList got;
    for (const auto &[path, value] : Series::numericLeaves(json))
        got.append(path);
    QCOMPARE(got, paths);
}

void tst_LiveCharts::decimatesToColumns()
{
    Series::Buffer buffer;
    for (int i = 0; i < 1000; ++i)
        buffer.append(1000 + i, i % 10); // 0..9 repeating, one point per ms
    const auto columns = buffer.columns(1000, 2000, 10);
    QCOMPARE(columns.size(), size_t(10));
    for (const Series::Column &c : columns) {
        QCOMPARE(c.count, 100);
        QCOMPARE(c.min, 0.0);
        QCOMPARE(c.max, 9.0);
    }
    QCOMPARE(buffer.columns(3000, 4000, 10).at(0).count, 0);
}

void tst_LiveCharts::boundedMemory()
{
    Series::Buffer buffer;
    const qint64 n = Series::Buffer::kRawCap * 4;
    for (qint64 i = 0; i < n; ++i)
        buffer.append(i, double(i));
    QCOMPARE(buffer.totalCount(), n);
    // The raw points were dropped at the front, the buckets still cover the whole range.
    const auto all = buffer.columns(0, n, 4);
    qint64 total = 0;
    for (const Series::Column &c : all)
        total += c.count;
    QCOMPARE(total, n);
    QCOMPARE(all.front().min, 0.0);
    QCOMPARE(all.back().max, double(n - 1));
}

// A frame from the original server keeps the producer's Content-Type as sent: every spelling of
// a JSON type gets its numeric leaves plotted, other types only their size and rate.
void tst_LiveCharts::jsonTypesArePlotted_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("leaves");
    const QStringList celsius {u"celsius"_s};
    QTest::addRow("application/json") << u"application/json"_s << celsius;
    QTest::addRow("Application/JSON") << u"Application/JSON"_s << celsius;
    QTest::addRow("with charset") << u"application/json; charset=utf-8"_s << celsius;
    QTest::addRow("+json") << u"application/vnd.foo+json"_s << celsius;
    QTest::addRow("text/plain") << u"text/plain"_s << QStringList {};
    QTest::addRow("octet-stream") << u"application/octet-stream"_s << QStringList {};
}

void tst_LiveCharts::jsonTypesArePlotted()
{
    QFETCH(QString, type);
    QFETCH(QStringList, leaves);
    Series::Store store;
    store.add(u"sensor"_s, type, 1000, R"({"celsius":21.5})");
    QCOMPARE(store.channels().size(), 1);
    QCOMPARE(store.channels().at(0).leaves, leaves);
}

void tst_LiveCharts::seriesFromEvents()
{
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(900, 600);
    panel.show();
    QSignalSpy applied(&panel, &ChartPanel::snapshotApplied);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Engine::LiveEvent> events;
    for (int i = 0; i < 2000; ++i)
        events.append(sensor(now - 5000 + i * 2, 20.0 + (i % 2), -double(i)));
    events.append({u"log"_s, u"text/plain"_s, now - 100, 0, "hello"});
    panel.feed()->addEvents(events);

    const QString celsius = Series::key(u"sensor"_s, u"celsius"_s);
    const QString rate = Series::key(u"log"_s, Series::kRatePath);
    // The first-run default: the first numeric leaf is shown for a newcomer.
    QTRY_VERIFY(panel.seriesModel()->checkedKeys().contains(celsius));
    // Only that one: the first numeric leaf of the first channel (docs/GUI.md).
    QCOMPARE(panel.seriesModel()->checkedKeys(), QStringList {celsius});
    QVERIFY(panel.seriesModel()->setChecked(rate, true));
    QTRY_VERIFY(panel.lineSeries(rate) && panel.lineSeries(celsius)
                && panel.lineSeries(celsius)->count() > 0);

    // Decimated: at most two points (min, max) per pixel column, values within the data.
    const QLineSeries *line = panel.lineSeries(celsius);
    QVERIFY(line->count() <= 2 * 8192);
    QVERIFY(line->count() < 2000);
    for (const QPointF &p : line->points())
        QVERIFY(p.y() == 20.0 || p.y() == 21.0);
    QCOMPARE(panel.laneSeries().size(), 2);

    // Pause freezes the range; data keeps arriving.
    panel.setPaused(true);
    const auto frozen = panel.shownRange();
    panel.feed()->addEvents({sensor(now + 10, 30.0, 0)});
    applied.clear();
    QTRY_VERIFY(applied.count() > 0);
    QCOMPARE(panel.shownRange(), frozen);
    panel.resetView();
    QVERIFY(!panel.isPaused());
}

void tst_LiveCharts::realEngineStream()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    auto engine = std::make_shared<Engine::FrameEngine>(config);
    QVERIFY(engine->start());

    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(900, 600);
    panel.setEngine(engine);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (quint64 tick = 0; tick < 40; ++tick) {
        for (const Engine::Event &event : DemoFeed::eventsFor(tick, now))
            QVERIFY(engine->ingest(event).ok());
    }
    const QString celsius = Series::key(u"sensor"_s, u"celsius"_s);
    QTRY_VERIFY(panel.lineSeries(celsius) && panel.lineSeries(celsius)->count() > 0);
    QTRY_COMPARE(panel.laneSeries().size(), 4); // sensor, clock, camera, log
    panel.setEngine(nullptr);
    engine->stop();
}

QTEST_MAIN(tst_LiveCharts)
#include "tst_livecharts.moc"
