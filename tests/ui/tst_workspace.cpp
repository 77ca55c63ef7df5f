// SPDX-License-Identifier: GPL-3.0-or-later
// The charts' workspace: panes added, split and removed on one time axis; gaps drawn as breaks;
// the cursor's values read from the items a real engine holds, markers A and B; the series tree
// sorted and filtered; readable lane names for 64 channels; layouts saved, opened, with a
// missing series and a bad file.
#include "charts/chartpanel.h"
#include "charts/data/seriesstore.h"
#include "charts/seriestreemodel.h"
#include "charts/timechartview.h"
#include "charts/workspace/cursorlookup.h"
#include "charts/workspace/layoutfile.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "common/timetext.h"
#include "engine/frameengine.h"
#include "format/frameview.h"
#include "format/timeframe.h"
#include "inspector/frameinspector.h"
#include "window/mainwindow.h"

#include <QChart>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QGraphicsTextItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

Engine::LiveEvent sensor(const QString &channel, qint64 t, double celsius)
{
    return {channel, u"application/json"_s, t, 0,
            QByteArray("{\"celsius\":") + QByteArray::number(celsius) + "}"};
}

const QString kCelsius = Series::key(u"sensor"_s, u"celsius"_s);

// Drops the splitter sizes (they follow the widget's geometry) to compare pane structures.
QJsonObject withoutSizes(QJsonObject node)
{
    node.remove(u"sizes"_s);
    if (node.contains(u"children"_s)) {
        QJsonArray children;
        for (const QJsonValue &child : node.value(u"children"_s).toArray())
            children.append(withoutSizes(child.toObject()));
        node.insert(u"children"_s, children);
    }
    return node;
}

} // namespace

class tst_Workspace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void panesSplitRemoveSharedAxis();
    void gapsDrawnAsBreaks();
    void cursorValuesFromEngine();
    void cursorInFrame();
    void cursorReachesFinishedFrames();
    void treeSortedFilteredNoAutoCheck();
    void laneLabelsFor64Channels();
    void inspectorLabelsOnFirstDisplay();
    void layoutRoundTrip();
    void layoutWithMissingSeries();
    void badLayoutChangesNothing();
};

void tst_Workspace::panesSplitRemoveSharedAxis()
{
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(1000, 700);
    panel.show();
    Workspace *ws = panel.workspace();
    QCOMPARE(ws->panes().size(), 1);
    PlotPane *first = ws->panes().first();
    PlotPane *second = ws->splitPane(first, Qt::Horizontal);
    QCOMPARE(ws->panes(), (QList<PlotPane *> {first, second}));
    QCOMPARE(ws->rootSplitter()->orientation(), Qt::Horizontal);
    // Splitting the other way nests a splitter.
    PlotPane *third = ws->splitPane(second, Qt::Vertical);
    QCOMPARE(ws->panes(), (QList<PlotPane *> {first, second, third}));
    auto *nested = qobject_cast<QSplitter *>(third->parentWidget());
    QVERIFY(nested && nested != ws->rootSplitter());
    QCOMPARE(nested->orientation(), Qt::Vertical);

    // Series per pane; the request holds each once.
    QVERIFY(first->addSeries(kCelsius));
    QVERIFY(third->addSeries(kCelsius, true));
    QVERIFY(!third->addSeries(kCelsius));
    QCOMPARE(ws->keys(), QStringList {kCelsius});
    QVERIFY(third->rightAxis()->isVisible());

    // One time axis: a zoom in one pane moves all panes and the timeline.
    panel.setManualRange(1'000'000, 1'060'000);
    for (PlotPane *pane : ws->panes())
        QCOMPARE(pane->view()->shownFrom(), 1'000'000);
    third->view()->setFocus();
    QTest::keyClick(third->view(), Qt::Key_Plus);
    const qint64 from = first->view()->shownFrom();
    const qint64 to = first->view()->shownTo();
    QVERIFY(from > 1'000'000 && to < 1'060'000);
    for (PlotPane *pane : ws->panes()) {
        QCOMPARE(pane->view()->shownFrom(), from);
        QCOMPARE(pane->view()->shownTo(), to);
    }
    QCOMPARE(panel.timelineView()->shownFrom(), from);
    QCOMPARE(panel.shownRange(), qMakePair(from, to));

    // Removing: the nested splitter gives its last pane back; the last pane stays.
    ws->removePane(second);
    QCOMPARE(ws->panes(), (QList<PlotPane *> {first, third}));
    QCOMPARE(third->parentWidget(), ws->rootSplitter());
    ws->removePane(first);
    QCOMPARE(ws->panes(), QList<PlotPane *> {third});
    ws->removePane(third);
    QCOMPARE(ws->panes(), QList<PlotPane *> {third});
    QVERIFY(third->keys().isEmpty());
    QVERIFY(ws->keys().isEmpty());
}

void tst_Workspace::gapsDrawnAsBreaks()
{
    // The feed marks a gap with a point whose y is NaN: the line breaks there.
    PlotPane pane;
    pane.resize(600, 400);
    pane.show();
    QVERIFY(pane.addSeries(kCelsius));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    ChartLine line {kCelsius, {{0, 1}, {10, 2}, {20, nan}, {50, 3}, {60, 4}, {70, 5}}};
    pane.applyLines({line}, 0, 100);
    QList<QLineSeries *> segments = pane.segments(kCelsius);
    QCOMPARE(segments.size(), 2);
    QCOMPARE(segments.at(0)->points(), (QList<QPointF> {{0, 1}, {10, 2}}));
    QCOMPARE(segments.at(1)->points(), (QList<QPointF> {{50, 3}, {60, 4}, {70, 5}}));
    // One legend entry per series, not per segment.
    int visibleMarkers = 0;
    for (QLegendMarker *marker : pane.chart()->legend()->markers())
        visibleMarkers += marker->isVisible() ? 1 : 0;
    QCOMPARE(visibleMarkers, 1);
    // The axis covers the values only, never NaN.
    QCOMPARE(pane.leftAxis()->min() < 1.0, true);
    QCOMPARE(pane.leftAxis()->max() > 5.0, true);
    // Without a gap one segment again.
    pane.applyLines({ChartLine {kCelsius, {{0, 1}, {10, 2}}}}, 0, 100);
    QCOMPARE(pane.segments(kCelsius).size(), 1);
}

void tst_Workspace::cursorValuesFromEngine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    config.frameDurationMs = 600'000; // the frame stays open through the test
    auto engine = std::make_shared<Engine::FrameEngine>(config);
    QVERIFY(engine->start());
    QVERIFY(engine->ingest(Engine::Event {u"log"_s, u"text/plain"_s, "start", std::nullopt}).ok());
    const Engine::Status status = engine->status();
    QVERIFY(status.openFrameId > 0);
    const qint64 t0 = std::max(status.openFrameId, QDateTime::currentMSecsSinceEpoch()) + 10;
    QVERIFY(t0 + 1000 < status.openFrameEndAt);
    // celsius 10, 11, ... every 100 ms; a log line every 250 ms; a binary item at t0 + 450.
    for (int i = 0; i < 8; ++i)
        QVERIFY(engine
                    ->ingest(Engine::Event {u"sensor"_s, u"application/json"_s,
                                            "{\"celsius\":" + QByteArray::number(10 + i) + "}",
                                            t0 + i * 100})
                    .ok());
    for (int i = 0; i < 3; ++i)
        QVERIFY(engine
                    ->ingest(Engine::Event {u"log"_s, u"text/plain"_s,
                                            "line " + QByteArray::number(i), t0 + i * 250})
                    .ok());
    QVERIFY(engine
                ->ingest(Engine::Event {u"blob"_s, u"application/octet-stream"_s,
                                        QByteArray("\x01\x02\xff", 3), t0 + 450})
                .ok());

    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(1000, 700);
    panel.show();
    panel.setEngine(engine);
    Workspace *ws = panel.workspace();
    const QString logSize = Series::key(u"log"_s, Series::kSizePath);
    const QString blobSize = Series::key(u"blob"_s, Series::kSizePath);
    ws->panes().first()->addSeries(kCelsius);
    ws->splitPane(nullptr, Qt::Vertical)->addSeries(logSize);
    ws->currentPane()->addSeries(blobSize);
    ws->setChannelTypes({{u"log"_s, u"text/plain"_s},
                         {u"blob"_s, u"application/octet-stream"_s},
                         {u"sensor"_s, u"application/json"_s}});

    // Between items: the last item at or before the cursor, no interpolation.
    ws->setCursorTime(t0 + 351);
    QTRY_COMPARE(ws->reading(0).time, t0 + 351);
    const CursorReading &at = ws->reading(0);
    QCOMPARE(at.values.size(), 3);
    QCOMPARE(at.values.at(0).key, kCelsius);
    QVERIFY(at.values.at(0).found && at.values.at(0).hasValue);
    QCOMPARE(at.values.at(0).value, 13.0);
    QCOMPARE(at.values.at(0).timestamp, t0 + 300);
    QCOMPARE(at.values.at(0).frameId, status.openFrameId);
    QCOMPARE(at.values.at(0).itemIndex, 3);
    QCOMPARE(at.values.at(1).value, 6.0); // "line 1"
    QVERIFY(!at.values.at(2).found); // the blob comes later
    // The readout row shows the same value.
    QTreeWidgetItem *row = ws->readout()->topLevelItem(0);
    QVERIFY(row->text(Workspace::CursorColumn).startsWith(u"13 "_s));
    // The log lists the text items around the cursor, the one at the cursor marked.
    QVERIFY2(ws->logText().contains(u"▶ "_s + TimeText::time(t0 + 250) + u"  line 1"_s),
             qPrintable(ws->logText()));
    QVERIFY(ws->logText().contains(u"line 2"_s));

    // Markers: Δt and Δvalue from the items at A and B.
    ws->setMarker(0, t0 + 120);
    ws->setMarker(1, t0 + 700);
    QTRY_COMPARE(ws->reading(2).time, t0 + 700);
    QTRY_COMPARE(ws->reading(1).time, t0 + 120);
    QTRY_COMPARE(ws->readout()->topLevelItem(0)->text(Workspace::DeltaColumn), u"6"_s);
    QCOMPARE(ws->readout()->topLevelItem(1)->text(Workspace::DeltaColumn), u"0"_s);
    QVERIFY(ws->readoutHeader().contains(TimeText::duration(580)));

    // Binary: the hex of the item at the cursor.
    ws->setCursorTime(t0 + 460);
    QTRY_VERIFY2(ws->logText().contains(u"01 02 ff"_s), qPrintable(ws->logText()));

    // A double click opens the item: the signal names its frame and index.
    QSignalSpy activated(&panel, &ChartPanel::itemActivated);
    panel.setManualRange(t0 - 100, t0 + 900);
    QTest::mouseDClick(ws->panes().first()->view()->viewport(), Qt::LeftButton, {},
                       ws->panes().first()->view()->viewport()->rect().center());
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), status.openFrameId);
    QCOMPARE(activated.at(0).at(1).toString(), u"sensor"_s);
    panel.setEngine(nullptr);
    engine->stop();
}

void tst_Workspace::cursorInFrame()
{
    // The same rule over a frame's items (the inspector), without an engine.
    TimeFrame::Frame frame {1000, 2000, {}};
    frame.channels.append({u"s"_s,
                           u"application/json"_s,
                           {{1100, R"({"v":1,"p":{"x":5}})"}, {1500, R"({"v":2,"p":{"x":7}})"}}});
    const auto bytes = TimeFrame::encode(frame);
    QVERIFY(bytes.ok());
    const auto view = TimeFrame::FrameView::index(*bytes);
    QVERIFY(view.ok());
    const QString px = Series::key(u"s"_s, u"p.x"_s);
    CursorReading r = CursorLookup::read({*view}, 1499, {px}, {});
    QCOMPARE(r.values.at(0).value, 5.0);
    r = CursorLookup::read({*view}, 1500, {px}, {});
    QCOMPARE(r.values.at(0).value, 7.0);
    QCOMPARE(r.values.at(0).itemIndex, 1);
    r = CursorLookup::read({*view}, 1099, {px}, {});
    QVERIFY(!r.values.at(0).found);
}

void tst_Workspace::cursorReachesFinishedFrames()
{
    // Short frames: the last sensor item is in a finished frame (index() and frameBytes()), the
    // cursor's time in the open one.
    QTemporaryDir dir;
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.fsync = Engine::FsyncPolicy::Never;
    config.frameDurationMs = Engine::EngineConfig::kMinFrameDurationMs;
    auto engine = std::make_shared<Engine::FrameEngine>(config);
    QVERIFY(engine->start());
    QVERIFY(engine
                ->ingest(Engine::Event {u"sensor"_s, u"application/json"_s, R"({"celsius":42.5})",
                                        std::nullopt})
                .ok());
    const qint64 first = engine->status().openFrameId;
    QTRY_VERIFY(engine->index() && !engine->index()->isEmpty()
                && engine->status().openFrameId > first);
    QVERIFY(engine->ingest(Engine::Event {u"log"_s, u"text/plain"_s, "x", std::nullopt}).ok());
    const qint64 now = std::max(engine->status().openFrameId, QDateTime::currentMSecsSinceEpoch());
    const QList<TimeFrame::FrameView> frames = CursorLookup::framesFor(*engine, now, {kCelsius});
    QVERIFY(frames.size() >= 2); // the open frame and at least the finished one
    const CursorReading reading = CursorLookup::read(frames, now, {kCelsius}, {});
    QVERIFY(reading.values.at(0).found);
    QCOMPARE(reading.values.at(0).value, 42.5);
    QCOMPARE(reading.values.at(0).frameId, first);
    engine->stop();
}

void tst_Workspace::treeSortedFilteredNoAutoCheck()
{
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(900, 600);
    panel.show();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    panel.feed()->addEvents({{u"zeta"_s, u"application/json"_s, now, 0, R"({"ok":true,"b":2})"},
                             sensor(u"alpha"_s, now, 1)});
    QAbstractItemModel *shown = panel.treeView()->model();
    QTRY_COMPARE(shown->rowCount(), 2);
    // Sorted by channel, then leaves before bytes and rate.
    QCOMPARE(shown->index(0, 0).data().toString(), u"alpha · json"_s);
    QCOMPARE(shown->index(1, 0).data().toString(), u"zeta · json"_s);
    const QModelIndex zeta = shown->index(1, 0);
    QCOMPARE(shown->index(0, 0, zeta).data().toString(), u"b"_s);
    QCOMPARE(shown->index(1, 0, zeta).data().toString(), u"ok"_s);
    QCOMPARE(shown->index(1, 0).data(SeriesTreeModel::TypeRole).toString(), u"application/json"_s);
    panel.seriesModel()->setRate(u"zeta"_s, 12.0);
    QCOMPARE(shown->index(1, 0).data().toString(), u"zeta · json · 12/s"_s);
    // The first-run default: one series, the first leaf of the first channel to arrive (JSON
    // objects list their keys sorted).
    QCOMPARE(panel.seriesModel()->checkedKeys(), QStringList {Series::key(u"zeta"_s, u"b"_s)});
    // Filter.
    panel.filterEdit()->setText(u"ALP"_s);
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, 0).data().toString(), u"alpha · json"_s);
    QVERIFY(shown->rowCount(shown->index(0, 0)) > 0); // its series stay visible
    panel.filterEdit()->clear();
    QCOMPARE(shown->rowCount(), 2);
    // Checking a row puts it in the current pane, unchecking removes it from every pane.
    const QString alpha = Series::key(u"alpha"_s, u"celsius"_s);
    QVERIFY(panel.seriesModel()->setChecked(alpha, true));
    QVERIFY(panel.workspace()->currentPane()->contains(alpha));
    QVERIFY(panel.seriesModel()->setChecked(alpha, false));
    QVERIFY(!panel.workspace()->keys().contains(alpha));
    // Drag data: the keys.
    const QModelIndex item = panel.seriesModel()->index(0, 0, panel.seriesModel()->index(0, 0));
    std::unique_ptr<QMimeData> mime(panel.seriesModel()->mimeData({item}));
    QVERIFY(mime);
    QCOMPARE(QString::fromUtf8(mime->data(QString::fromLatin1(TimeChartView::kSeriesMimeType))),
             item.data(SeriesTreeModel::KeyRole).toString());
    // Dropped onto a pane: the pane shows it.
    PlotPane *target = panel.workspace()->splitPane(nullptr, Qt::Horizontal);
    QWidget *viewport = target->view()->viewport();
    const QPointF at = viewport->rect().center();
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QCoreApplication::sendEvent(viewport, &drop);
    QCOMPARE(target->keys(), QStringList {item.data(SeriesTreeModel::KeyRole).toString()});
    QVERIFY(panel.seriesModel()->checkedKeys().contains(target->keys().first()));
}

void tst_Workspace::laneLabelsFor64Channels()
{
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(1000, 700);
    panel.show();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Engine::LiveEvent> events;
    for (int i = 0; i < 64; ++i)
        events.append({u"plant-%1-hall-b-conveyor-motor-current"_s.arg(i, 2, 10, QChar(u'0')),
                       u"text/plain"_s, now - 100, 0, "x"});
    panel.feed()->addEvents(events);
    TimeChartView *timeline = panel.timelineView();
    QTRY_COMPARE(timeline->laneLabels().size(), 64);
    // Each lane keeps a readable height (the timeline scrolls beyond the room there is).
    QVERIFY(timeline->minimumHeight() >= 64 * timeline->minimumLaneHeight());
    // Elided in the middle: both ends stay, so that lanes stay apart.
    const QString shown = timeline->laneLabelShown(7);
    QVERIFY2(shown.startsWith(u"plant"_s) && shown.endsWith(u"current"_s) && shown.contains(u'…'),
             qPrintable(shown));
    QVERIFY(timeline->fontMetrics().horizontalAdvance(shown) <= TimeChartView::kLaneLabelWidth);
    QCOMPARE(timeline->laneLabels().at(7), u"plant-07-hall-b-conveyor-motor-current"_s);
}

void tst_Workspace::inspectorLabelsOnFirstDisplay()
{
    // The inspector's charts are built while their tab is hidden; their axis labels must be
    // laid out for the size they get when the tab shows, not elided to "...".
    TimeFrame::Frame frame {1'700'000'000'000, 1'700'000'010'000, {}};
    frame.channels.append(
        {u"sensor"_s, u"application/json"_s, {{1'700'000'001'000, R"({"celsius":21.5})"}}});
    frame.channels.append({u"log"_s, u"text/plain"_s, {{1'700'000'002'000, "hello"}}});
    const auto bytes = TimeFrame::encode(frame);
    QVERIFY(bytes.ok());
    LoadedFrame loaded;
    loaded.view = *TimeFrame::FrameView::index(*bytes);
    loaded.ok = true;
    FrameInspector inspector;
    inspector.resize(1000, 700);
    inspector.show();
    inspector.setFrame(loaded);
    ChartPanel *charts = inspector.charts();
    QSignalSpy applied(charts, &ChartPanel::snapshotApplied);
    QTRY_VERIFY(applied.count() > 0);
    inspector.findChild<QTabWidget *>()->setCurrentWidget(charts);
    QTRY_COMPARE(charts->timelineView()->laneLabels(), (QStringList {u"sensor"_s, u"log"_s}));
    QTRY_VERIFY(charts->workspace()->panes().first()->isVisible());
    QTest::qWait(300); // layouts and more snapshots: the labels stay as they are then
    for (QChart *chart :
         {charts->timelineView()->chart(), charts->workspace()->panes().first()->chart()}) {
        QStringList texts;
        for (QGraphicsItem *item : chart->scene()->items()) {
            if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
                texts.append(text->toPlainText());
        }
        QVERIFY(!texts.isEmpty());
        QVERIFY2(!texts.contains(u"..."_s) && !texts.contains(u"…"_s),
                 qPrintable(texts.join(u" | "_s)));
    }
    QCOMPARE(charts->timelineView()->laneLabelShown(1), u"log"_s);

    // A double click on the frame's plot opens the item at or before that time in Items.
    auto *tabs = inspector.findChild<QTabWidget *>();
    PlotPane *pane = charts->workspace()->panes().first();
    QCOMPARE(pane->keys(), QStringList {kCelsius}); // the first-run default
    QTest::mouseDClick(pane->view()->viewport(), Qt::LeftButton, {},
                       pane->view()->viewport()->rect().center());
    QTRY_COMPARE(tabs->currentIndex(), 1);
    QCOMPARE(inspector.itemView()->currentIndex().row(), 0);
    QVERIFY(inspector.previewText().contains(u"21.5"_s));
}

void tst_Workspace::layoutRoundTrip()
{
    QTemporaryDir dir;
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(1000, 700);
    Workspace *ws = panel.workspace();
    ws->panes().first()->addSeries(kCelsius);
    PlotPane *second = ws->splitPane(nullptr, Qt::Horizontal);
    second->addSeries(Series::key(u"motor"_s, u"rpm"_s));
    second->addSeries(Series::key(u"motor"_s, u"current"_s), true);
    ws->splitPane(second, Qt::Vertical)->addSeries(Series::key(u"log"_s, Series::kSizePath));
    panel.filterEdit()->setText(u"mot"_s);
    panel.setManualRange(1'000'000, 1'030'000);
    const QJsonObject saved = panel.layoutJson();

    const QString file = dir.filePath(u"layout.json"_s);
    auto written = LayoutFile::write(file, saved);
    QTRY_VERIFY(written.isFinished());
    QCOMPARE(written.result(), QString());
    auto read = LayoutFile::read(file);
    QTRY_VERIFY(read.isFinished());
    QCOMPARE(read.result().error, QString());
    QCOMPARE(read.result().layout, saved);

    ChartPanel other(ChartPanel::Mode::Live);
    other.resize(1000, 700);
    const QStringList missing = other.applyLayout(read.result().layout);
    QCOMPARE(missing.size(), 4); // no data yet: all named, all kept
    QCOMPARE(other.workspace()->panes().size(), 3);
    QCOMPARE(withoutSizes(other.layoutJson().value(u"panes"_s).toObject()),
             withoutSizes(saved.value(u"panes"_s).toObject()));
    QCOMPARE(other.workspace()->panes().at(1)->entries().at(1).right, true);
    QCOMPARE(other.filterEdit()->text(), u"mot"_s);
    QCOMPARE(other.shownRange(), qMakePair(qint64(1'000'000), qint64(1'030'000)));
    QVERIFY(!other.isFollowing());
    // Series are named by channel and field, never by an index.
    const QJsonObject pane = saved.value(u"panes"_s).toObject().value(u"children"_s)[0].toObject();
    QCOMPARE(pane.value(u"series"_s)[0].toObject().value(u"channel"_s).toString(), u"sensor"_s);
    QCOMPARE(pane.value(u"series"_s)[0].toObject().value(u"field"_s).toString(), u"celsius"_s);
}

void tst_Workspace::layoutWithMissingSeries()
{
    ChartPanel panel(ChartPanel::Mode::Live);
    panel.resize(1000, 700);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    panel.feed()->addEvents({sensor(u"sensor"_s, now, 20)});
    QTRY_VERIFY(panel.seriesModel()->allKeys().contains(kCelsius));
    QJsonObject layout {
        {u"panes"_s,
         QJsonObject {
             {u"series"_s,
              QJsonArray {QJsonObject {{u"channel"_s, u"sensor"_s}, {u"field"_s, u"celsius"_s}},
                          QJsonObject {{u"channel"_s, u"pump"_s}, {u"field"_s, u"bar"_s}}}}}}};
    const QStringList missing = panel.applyLayout(layout);
    QCOMPARE(missing, QStringList {u"pump: bar"_s});
    QCOMPARE(panel.workspace()->keys(), (QStringList {kCelsius, Series::key(u"pump"_s, u"bar"_s)}));
    QTRY_VERIFY(panel.lineSeries(kCelsius) && panel.lineSeries(kCelsius)->count() > 0);

    // Through the window: the status bar says so.
    QTemporaryDir dir;
    const QString file = dir.filePath(u"l.json"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(layout).toJson());
    out.close();
    MainWindow window;
    QSignalSpy opened(&window, &MainWindow::layoutOpened);
    window.openLayout(file);
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(1).toStringList().size(), 2); // that window has no data at all
    QVERIFY(window.statusBar()->currentMessage().contains(u"pump: bar"_s));
    QCOMPARE(LayoutFile::lastFileName(), QFileInfo(file).absoluteFilePath());
}

void tst_Workspace::badLayoutChangesNothing()
{
    QTemporaryDir dir;
    MainWindow window;
    window.liveCharts()->workspace()->panes().first()->addSeries(kCelsius);
    window.liveCharts()->workspace()->splitPane(nullptr, Qt::Horizontal);
    const QJsonObject before = window.liveCharts()->layoutJson();
    QSignalSpy failed(&window, &MainWindow::layoutFailed);
    const QString bad = dir.filePath(u"bad.json"_s);
    QFile out(bad);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("{\"panes\": [1, 2");
    out.close();
    window.openLayout(bad);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(1).toString().contains(u"not valid JSON"_s),
             qPrintable(failed.at(0).at(1).toString()));
    window.openLayout(dir.filePath(u"none.json"_s));
    QTRY_COMPARE(failed.count(), 2);
    const QString notLayout = dir.filePath(u"array.json"_s);
    QFile arr(notLayout);
    QVERIFY(arr.open(QIODevice::WriteOnly));
    arr.write("[1]");
    arr.close();
    window.openLayout(notLayout);
    QTRY_COMPARE(failed.count(), 3);
    QCOMPARE(window.liveCharts()->layoutJson(), before);
}

QTEST_MAIN(tst_Workspace)
#include "tst_workspace.moc"
