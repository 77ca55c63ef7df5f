// SPDX-License-Identifier: GPL-3.0-or-later
// The window's frame list as a user reads it: the live row is the open frame, counts are the
// index's, nothing is cut off, and selecting a frame does not leave the live charts.
#include "charts/chartpanel.h"
#include "charts/seriestreemodel.h"
#include "fastservice.h"
#include "format/timeframe.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "inspector/frameinspector.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Whether every cell of the column is drawn whole: the delegate's width fits the column's.
bool fitsColumn(const QTableView &view, int column)
{
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.font = view.font();
        const QModelIndex index = view.model()->index(row, column);
        if (const QVariant font = index.data(Qt::FontRole); font.isValid())
            option.font = font.value<QFont>();
        option.fontMetrics = QFontMetrics(option.font);
        const int needed = view.itemDelegateForIndex(index)->sizeHint(option, index).width();
        if (needed > view.columnWidth(column)) {
            qWarning("row %d needs %d px, the column has %d", row, needed,
                     view.columnWidth(column));
            return false;
        }
    }
    return true;
}

} // namespace

class tst_WindowList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void liveRowMovesOnWhenTheProducerStops();
    void selectingAFrameStaysOnTheLiveCharts();
    void sizeColumnFitsAGrowingLiveRow();
    void itemCountsAfterARestart();
    void seriesLabelsFitTheTree_data();
    void seriesLabelsFitTheTree();

private:
    QTemporaryDir m_dir;
};

void tst_WindowList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_WindowList::liveRowMovesOnWhenTheProducerStops()
{
    ServiceHost host;
    host.apply(FastService::config(m_dir.filePath(u"live"_s)));
    QTRY_VERIFY(host.engine());
    MainWindow window(&host);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    FrameListModel *model = window.liveFrames();

    // Events for a while, so that the live row shows counts of its frame.
    FastService::Producer producer(&host);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && model->row(0).live && model->row(0).items > 0
                                 && FastService::finishedRows(*model) >= 2,
                             20000);
    producer.stop();
    const qint64 lastWithEvents = host.engine()->status().openFrameId;

    // The producer is gone; frames go on finishing. The live row is the open frame, newer than
    // every finished one, and has no items of its own.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(lastWithEvents, false) >= 0, 20000);
    const int finished = FastService::finishedRows(*model);
    QTRY_VERIFY_WITH_TIMEOUT(FastService::finishedRows(*model) >= finished + 2, 20000);
    QTRY_COMPARE(model->row(0).id, host.engine()->status().openFrameId);
    const FrameListModel::Row live = model->row(0);
    QVERIFY(live.live);
    QVERIFY(live.id > lastWithEvents);
    QCOMPARE(live.items, 0);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->row(row).id < live.id);
}

void tst_WindowList::selectingAFrameStaysOnTheLiveCharts()
{
    ServiceHost host;
    host.apply(FastService::config(m_dir.filePath(u"select"_s)));
    QTRY_VERIFY(host.engine());
    MainWindow window(&host);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int i = 0; i < 3; ++i) {
        (void)host.engine()->ingest(Engine::Event {u"c"_s, u"text/plain"_s, "x", std::nullopt});
        QTest::qWait(Engine::EngineConfig::kMinFrameDurationMs);
    }
    QTRY_VERIFY(FastService::finishedRows(*window.liveFrames()) >= 1);
    auto *centre = window.findChild<QTabWidget *>(u"centre"_s);
    auto *view = window.findChild<FrameListView *>(u"liveFrames"_s);
    QVERIFY(centre && view);
    QCOMPARE(centre->currentWidget(), window.liveCharts());

    int row = 0;
    while (window.liveFrames()->row(row).live)
        ++row;
    const qint64 chosen = window.liveFrames()->row(row).id; // rows move as frames finish
    view->setCurrentIndex(window.liveFrames()->index(row, 0));
    // The inspector gets the frame behind the charts, which stay in front.
    QTRY_VERIFY(window.inspector()->hasFrame());
    QCOMPARE(window.inspector()->frame().view.header().startAt, chosen);
    QCOMPARE(centre->currentWidget(), window.liveCharts());

    // Enter on the row asks for the inspector.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(centre->currentWidget(), window.inspector());
}

void tst_WindowList::sizeColumnFitsAGrowingLiveRow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.findChild<FrameListView *>(u"liveFrames"_s);
    QVERIFY(view);
    FrameListModel *model = window.liveFrames();
    model->setIndex({{1000, 1000, 2000, 1, 10, 900, true, true}});
    model->setLive(FrameListModel::Row {2000, 2000, 3000, 1, 1, 512, true, {}});
    QCoreApplication::processEvents();
    QVERIFY(fitsColumn(*view, FrameListModel::SizeColumn));

    // The live frame grows past a MiB while the list is shown.
    for (qint64 size : {qint64(2'726'298), qint64(1023) * 1024 * 1024 + 1023 * 1024}) {
        model->setLive(FrameListModel::Row {2000, 2000, 3000, 20, 40'000, size, true, {}});
        QCoreApplication::processEvents();
        for (int column = 0; column < FrameListModel::ColumnCount; ++column) {
            if (!view->isColumnHidden(column))
                QVERIFY2(fitsColumn(*view, column), qPrintable(QString::number(column)));
        }
    }
}

// Frames found on disk when the window starts again show the items they hold, as the inspector
// counts them (the index of a restarted engine used to give -1 for every archived frame).
void tst_WindowList::itemCountsAfterARestart()
{
    const QString dataDir = m_dir.filePath(u"restart"_s);
    // More frames than the engine keeps in memory, so that some are only on disk.
    const ServiceConfig config = FastService::config(dataDir);
    const int frames = config.engine.history + 3;
    {
        ServiceHost host;
        host.apply(config);
        QTRY_VERIFY(host.engine());
        FastService::Producer producer(&host);
        QTRY_VERIFY_WITH_TIMEOUT(host.engine()->status().framesRetained >= frames, 20000);
        producer.stop();
    }

    ServiceHost host;
    host.apply(config);
    QTRY_VERIFY(host.engine());
    MainWindow window(&host);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const FrameListModel *model = window.liveFrames();
    QTRY_VERIFY_WITH_TIMEOUT(FastService::finishedRows(*model) >= frames, 20000);

    int withItems = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const FrameListModel::Row &frame = model->row(row);
        if (frame.live)
            continue;
        const std::optional<QByteArray> bytes = host.engine()->frameBytes(frame.id);
        QVERIFY(bytes.has_value());
        const auto decoded = TimeFrame::decode(*bytes);
        QVERIFY(decoded.ok());
        qint64 items = 0;
        for (const TimeFrame::Channel &channel : decoded.value().channels)
            items += channel.items.size();
        QCOMPARE(frame.items, items);
        QCOMPARE(model->index(row, FrameListModel::ItemsColumn).data().toString(),
                 QLocale().toString(items));
        withItems += items > 0 ? 1 : 0;
    }
    QVERIFY(withItems >= frames - 1);
}

// The labels of the series tree fit the tree as the window lays it out by default, in English
// and in German.
void tst_WindowList::seriesLabelsFitTheTree_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("English") << QString();
    QTest::addRow("German") << u"de"_s;
}

void tst_WindowList::seriesLabelsFitTheTree()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (!language.isEmpty()) {
        const QString dir = QFileInfo(QStringLiteral(SYNCSTREAMER_EXECUTABLE)).absolutePath()
            + u"/../share/syncstreamer/translations"_s;
        QVERIFY(translator.load(u"syncstreamer_"_s + language, dir));
        QCoreApplication::installTranslator(&translator);
    }
    const auto removeTranslator =
        qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tree = window.liveCharts()->findChild<QTreeView *>();
    auto *model = window.liveCharts()->findChild<SeriesTreeModel *>();
    QVERIFY(tree && model);
    model->setCatalog({{u"temperature"_s, u"application/json"_s, {u"celsius"_s}}});
    tree->expandAll();
    QCoreApplication::processEvents();
    const QModelIndex channel = model->index(0, 0);
    QVERIFY(model->rowCount(channel) >= 2);
    for (int row = 0; row < model->rowCount(channel); ++row) {
        const QModelIndex index = model->index(row, 0, channel);
        QStyleOptionViewItem option;
        option.initFrom(tree);
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        const int needed = tree->itemDelegateForIndex(index)->sizeHint(option, index).width();
        const QRect rect = tree->visualRect(index);
        QVERIFY2(
            rect.left() + needed <= tree->viewport()->width(),
            qPrintable(u"%1 needs %2 px from %3, the tree has %4"_s.arg(index.data().toString())
                           .arg(needed)
                           .arg(rect.left())
                           .arg(tree->viewport()->width())));
    }
}

QTEST_MAIN(tst_WindowList)
#include "tst_windowlist.moc"
