// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/chartpanel.h"

#include "charts/history/overviewstrip.h"
#include "charts/seriestreemodel.h"
#include "charts/timechartview.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "common/timetext.h"

#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

ChartPanel::ChartPanel(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_feed(new ChartFeed(this))
    , m_tree(new SeriesTreeModel(this))
{
    m_timeline = new QChart;
    m_timeline->setAnimationOptions(QChart::NoAnimation);
    m_timeline->legend()->hide();
    // The lane names are drawn by the view (elided in the middle): room for them on the left.
    m_timeline->setMargins(QMargins(TimeChartView::kLaneLabelWidth + 10, 4, 4, 4));
    m_timelineX = new QDateTimeAxis(m_timeline);
    m_laneAxis = new QCategoryAxis(m_timeline);
    m_laneAxis->setLabelsVisible(false);
    m_laneAxis->setGridLineVisible(false);
    m_timeline->addAxis(m_timelineX, Qt::AlignBottom);
    m_timeline->addAxis(m_laneAxis, Qt::AlignLeft);
    m_timelineView = new TimeChartView(m_timeline, this);
    m_timelineView->setAccessibleName(tr("Timeline"));
    m_timelineScroll = new QScrollArea(this);
    m_timelineScroll->setWidget(m_timelineView);
    m_timelineScroll->setWidgetResizable(true);
    m_timelineScroll->setFrameShape(QFrame::NoFrame);
    m_timelineScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_workspace = new Workspace(this);
    m_workspace->setLabeler([this](const QString &key) { return m_tree->label(key); });

    auto *chartsSplit = new QSplitter(Qt::Vertical, this);
    chartsSplit->setObjectName(u"chartsSplitter"_s);
    chartsSplit->addWidget(m_timelineScroll);
    chartsSplit->addWidget(m_workspace);
    chartsSplit->setStretchFactor(0, 1);
    chartsSplit->setStretchFactor(1, 4);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(createToolbar());
    rightLayout->addWidget(chartsSplit, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(u"seriesSplitter"_s);
    split->addWidget(createTree());
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({240, 700});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_feed, &ChartFeed::snapshotReady, this, &ChartPanel::applySnapshot);
    connect(m_feed, &ChartFeed::catalogChanged, this, &ChartPanel::onCatalog);
    connect(m_tree, &SeriesTreeModel::checkToggled, this, [this](const QString &key, bool on) {
        m_defaultPending = false;
        if (on) {
            m_workspace->currentPane()->addSeries(key);
        } else {
            for (PlotPane *pane : m_workspace->panes())
                pane->removeSeries(key);
        }
    });
    connect(m_workspace, &Workspace::keysChanged, this, [this] {
        m_tree->showChecked(m_workspace->keys());
        if (!m_workspace->keys().isEmpty())
            m_defaultPending = false;
        sendRequest();
    });
    connect(m_workspace, &Workspace::rangeRequested, this, &ChartPanel::setManualRange);
    connect(m_workspace, &Workspace::resetRequested, this, &ChartPanel::resetView);
    connect(m_workspace, &Workspace::addMenuRequested, this, &ChartPanel::fillAddMenu);
    connect(m_workspace, &Workspace::itemActivated, this, &ChartPanel::itemActivated);
    connect(m_timelineView, &TimeChartView::rangeRequested, this, &ChartPanel::setManualRange);
    connect(m_timelineView, &TimeChartView::resetRequested, this, &ChartPanel::resetView);
    connect(m_timelineView, &TimeChartView::cursorRequested, m_workspace,
            &Workspace::setCursorTime);
    if (m_mode == Mode::Live) {
        // Every retained frame on one strip under the plots: it shows the range and picks it.
        m_overview = new OverviewStrip(this);
        m_workspace->setBottomWidget(m_overview);
        connect(this, &ChartPanel::shownRangeChanged, m_overview, &OverviewStrip::setShownRange);
        connect(this, &ChartPanel::snapshotApplied, m_overview,
                [this](const ChartSnapshot &snapshot) {
                    m_overview->setLoadProgress(snapshot.loadDone, snapshot.loadTotal);
                });
        connect(m_overview, &OverviewStrip::cancelRequested, m_feed, &ChartFeed::cancelLoading);
        connect(m_overview, &OverviewStrip::rangeChosen, this,
                [this](qint64 from, qint64 to, bool follow) {
                    if (follow)
                        setWindowMs(to - from); // a window that ends now, and follows
                    else
                        setManualRange(from, to);
                });
    }
    auto *rates = new QTimer(this);
    rates->setInterval(1000);
    connect(rates, &QTimer::timeout, this, &ChartPanel::updateRates);
    if (m_mode == Mode::Live)
        rates->start();
    applyPalette();
    sendRequest();
}

ChartPanel::~ChartPanel()
{
    disconnect(m_activity);
}

void ChartPanel::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    m_feed->setEngine(engine);
    m_workspace->setEngine(engine);
    if (m_overview)
        m_overview->setEngine(engine);
    disconnect(m_activity);
    m_engine = engine;
    if (engine) {
        m_activity = connect(
            engine.get(), &Engine::EngineApi::activity, this,
            [this](const QList<Engine::ChannelActivity> &channels) {
                for (const Engine::ChannelActivity &a : channels)
                    m_eventCounts[a.channel] += a.events;
            },
            Qt::QueuedConnection);
    }
    // After a start over retained frames the charts open on their last hour, once; a window the
    // user or a layout chose stays.
    if (engine && m_mode == Mode::Live && !m_windowChosen) {
        const Engine::FrameIndex index = engine->index();
        if (index && !index->isEmpty()) {
            m_windowChosen = true;
            setWindowMs(kHistoryWindowMs);
        }
    }
}

void ChartPanel::updateRates()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_rateSince > 0 && now > m_rateSince) {
        for (auto it = m_eventCounts.cbegin(); it != m_eventCounts.cend(); ++it)
            m_tree->setRate(it.key(), double(it.value()) * 1000.0 / double(now - m_rateSince));
    }
    for (qint64 &count : m_eventCounts)
        count = 0;
    m_rateSince = now;
}

void ChartPanel::setFrame(const TimeFrame::FrameView &view)
{
    // The panes stay as they are from frame to frame; the tree follows the new frame.
    m_tree->reset();
    m_frameFrom = view.startAt();
    m_frameTo = std::max(view.endAt(), view.startAt() + 1);
    m_feed->setFrame(view);
    m_workspace->setFrame(view);
    const double seconds = double(m_frameTo - m_frameFrom) / 1000.0;
    m_eventCounts.clear();
    for (qsizetype c = 0; c < view.channelCount(); ++c)
        m_eventCounts.insert(view.channel(c).id, view.channel(c).itemCount);
    m_rateSince = 0;
    QTimer::singleShot(0, this, [this, seconds] {
        for (auto it = m_eventCounts.cbegin(); it != m_eventCounts.cend(); ++it)
            m_tree->setRate(it.key(), double(it.value()) / seconds);
    });
    setManualRange(m_frameFrom, m_frameTo);
}

void ChartPanel::onCatalog(const QList<Series::ChannelInfo> &channels)
{
    m_tree->setCatalog(channels);
    m_tree->showChecked(m_workspace->keys());
    m_workspace->setChannelTypes(m_tree->channelTypes());
    if (m_mode == Mode::Frame) {
        for (const Series::ChannelInfo &info : channels)
            m_eventCounts.insert(info.id, m_eventCounts.value(info.id));
    }
    m_treeView->expandAll();
    // The first-run default: the first numeric leaf of the first channel that has one, in the
    // first pane, once; never after the user or a layout chose.
    if (m_defaultPending) {
        for (const Series::ChannelInfo &info : channels) {
            if (!info.leaves.isEmpty()) {
                m_defaultPending = false;
                m_workspace->panes().value(0)->addSeries(Series::key(info.id, info.leaves.first()));
                break;
            }
        }
    }
}

void ChartPanel::setWindowMs(qint64 windowMs)
{
    m_request.windowMs = windowMs;
    const int index = m_window->findData(windowMs);
    if (index >= 0 && index != m_window->currentIndex())
        m_window->setCurrentIndex(index);
    resetView();
}

void ChartPanel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pause->setChecked(paused);
    if (paused) {
        m_request.follow = false;
        m_request.from = m_shownFrom;
        m_request.to = m_shownTo;
    } else {
        m_request.follow = m_mode == Mode::Live;
    }
    sendRequest();
    Q_EMIT shownRangeChanged(m_shownFrom, m_shownTo, m_request.follow);
}

void ChartPanel::resetView()
{
    if (m_mode == Mode::Frame) {
        setManualRange(m_frameFrom, m_frameTo);
        return;
    }
    m_paused = false;
    m_pause->setChecked(false);
    m_request.follow = true;
    sendRequest();
    Q_EMIT shownRangeChanged(m_shownFrom, m_shownTo, true);
}

void ChartPanel::setShown(qint64 from, qint64 to)
{
    m_timelineX->setRange(TimeText::toDateTime(from), TimeText::toDateTime(to));
    m_timelineX->setFormat(timeAxisFormat(to - from));
    m_timelineX->setTickCount(timeAxisTicks(m_timelineView->width()));
    m_timelineView->setShownRange(from, to);
    const bool changed = from != m_shownFrom || to != m_shownTo;
    m_shownFrom = from;
    m_shownTo = to;
    if (changed)
        Q_EMIT shownRangeChanged(from, to, m_request.follow);
}

void ChartPanel::setManualRange(qint64 from, qint64 to)
{
    if (to <= from)
        return;
    // Zooming and panning freeze the view, as a pause does; Reset follows again.
    m_paused = m_mode == Mode::Live;
    m_pause->setChecked(m_paused);
    m_request.follow = false;
    m_request.from = from;
    m_request.to = to;
    // Move the axes at once; the data for the new range follows with the next snapshot.
    m_workspace->setRange(from, to);
    setShown(from, to);
    sendRequest();
}

void ChartPanel::sendRequest()
{
    int width = 100;
    for (PlotPane *pane : m_workspace->panes())
        width = std::max(width, int(pane->chart()->plotArea().width()));
    m_request.width = width;
    m_request.series = m_workspace->keys();
    m_feed->setRequest(m_request);
}

QLineSeries *ChartPanel::lineSeries(const QString &key) const
{
    for (PlotPane *pane : m_workspace->panes()) {
        const QList<QLineSeries *> segments = pane->segments(key);
        if (!segments.isEmpty())
            return segments.first();
    }
    return nullptr;
}

void ChartPanel::rebuildLaneAxis(const QList<ChartLane> &lanes)
{
    for (const QString &label : m_laneAxis->categoriesLabels())
        m_laneAxis->remove(label);
    const qsizetype count = lanes.size();
    m_laneAxis->setStartValue(-0.15);
    for (qsizetype lane = count - 1; lane >= 0; --lane)
        m_laneAxis->append(lanes.at(lane).channel, double(count - 1 - lane) + 0.85);
    const double max = std::max(double(count) - 0.15, 0.85);
    m_laneAxis->setRange(-0.15, max);
    QStringList names;
    for (const ChartLane &lane : lanes)
        names.append(lane.channel);
    m_timelineView->setLaneLabels(names, -0.15, max);
    // Every lane keeps a readable height: past the room there is, the timeline scrolls.
    const int needed = int(count) * m_timelineView->minimumLaneHeight() + 60;
    m_timelineView->setMinimumHeight(needed);
    m_timelineScroll->setMinimumHeight(std::min(needed, 220));
}

void ChartPanel::applySnapshot(const ChartSnapshot &snapshot)
{
    // Lanes: one series per channel, appearing in the feed's order.
    QStringList order;
    for (const ChartLane &lane : snapshot.lanes)
        order.append(lane.channel);
    if (order != m_laneOrder) {
        m_laneOrder = order;
        rebuildLaneAxis(snapshot.lanes);
    }
    for (qsizetype i = 0; i < snapshot.lanes.size(); ++i) {
        const ChartLane &lane = snapshot.lanes.at(i);
        QLineSeries *series = m_lanes.value(lane.channel);
        if (!series) {
            series = new QLineSeries(m_timeline);
            series->setName(lane.channel);
            series->setPen(QPen(seriesColour(i), 1.0));
            m_timeline->addSeries(series);
            series->attachAxis(m_timelineX);
            series->attachAxis(m_laneAxis);
            m_lanes.insert(lane.channel, series);
        }
        series->replace(lane.pulses);
    }

    // A paused or zoomed view keeps its range, even for a snapshot computed before it froze.
    const qint64 from = m_request.follow ? snapshot.from : m_request.from;
    const qint64 to = m_request.follow ? snapshot.to : m_request.to;
    m_workspace->applySnapshot(snapshot, from, to);
    setShown(from, to);
    m_feed->snapshotTaken();
    Q_EMIT snapshotApplied(snapshot);
}

void ChartPanel::applyPalette()
{
    applyChartPalette(m_timeline, palette());
    // setTheme() recolours the series: give them back their palette colours.
    qsizetype i = 0;
    for (const QString &channel : std::as_const(m_laneOrder)) {
        if (QLineSeries *lane = m_lanes.value(channel))
            lane->setPen(QPen(seriesColour(i), 1.0));
        ++i;
    }
    for (PlotPane *pane : m_workspace->panes())
        pane->applyPalette();
}

void ChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    sendRequest();
}

void ChartPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}
