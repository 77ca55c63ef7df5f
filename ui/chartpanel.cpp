// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartpanel.h"

#include "history/overviewstrip.h"
#include "seriestreemodel.h"
#include "timechartview.h"
#include "timetext.h"
#include "workspace/plotpane.h"
#include "workspace/workspace.h"

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

QWidget *ChartPanel::createTree()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(box);
    m_filter->setPlaceholderText(tr("Filter series"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter series"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_tree);
    m_proxy->setSortRole(SeriesTreeModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setDynamicSortFilter(true);
    m_proxy->sort(0);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_treeView->expandAll();
    });
    m_treeView = new QTreeView(box);
    m_treeView->setModel(m_proxy);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAccessibleName(tr("Series"));
    m_treeView->setDragEnabled(true);
    m_treeView->setDragDropMode(QAbstractItemView::DragOnly);
    m_treeView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_filter);
    layout->addWidget(m_treeView, 1);
    return box;
}

QWidget *ChartPanel::createToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_window = new QComboBox(bar);
    m_window->addItem(tr("10 s"), qint64(10'000));
    m_window->addItem(tr("1 min"), qint64(60'000));
    m_window->addItem(tr("5 min"), qint64(300'000));
    m_window->addItem(tr("1 h"), kHistoryWindowMs);
    m_window->addItem(tr("Whole history"), qint64(0));
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("How much of the recent past the charts show"));
    auto *windowLabel = new QLabel(tr("&Window:"), bar);
    windowLabel->setBuddy(m_window);
    connect(m_window, &QComboBox::activated, this, [this] { m_windowChosen = true; });
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { setWindowMs(m_window->currentData().toLongLong()); });

    m_pause = new QToolButton(bar);
    m_pause->setText(tr("&Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the view; data keeps arriving"));
    connect(m_pause, &QToolButton::toggled, this, &ChartPanel::setPaused);
    auto *reset = new QToolButton(bar);
    reset->setText(tr("&Reset view"));
    reset->setToolTip(tr("Follow now with the chosen window (Home)"));
    connect(reset, &QToolButton::clicked, this, &ChartPanel::resetView);
    auto *addPane = new QToolButton(bar);
    addPane->setText(tr("Add p&lot"));
    addPane->setToolTip(tr("A new plot pane under the current one (split it from a plot's "
                           "menu)"));
    connect(addPane, &QToolButton::clicked, this,
            [this] { m_workspace->splitPane(nullptr, Qt::Vertical); });

    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addWidget(m_pause);
    layout->addWidget(reset);
    layout->addWidget(addPane);
    layout->addStretch(1);
    if (m_mode == Mode::Frame) {
        windowLabel->hide();
        m_window->hide();
        m_pause->hide();
    }
    return bar;
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

void ChartPanel::fillAddMenu(QMenu *menu, PlotPane *pane)
{
    QMap<QString, QStringList> byChannel;
    for (const QString &key : m_tree->allKeys()) {
        if (!pane->contains(key))
            byChannel[Series::channelOfKey(key)].append(key);
    }
    for (auto it = byChannel.begin(); it != byChannel.end(); ++it) {
        QMenu *channel = menu->addMenu(it.key());
        QStringList keys = it.value();
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys))
            channel->addAction(m_tree->label(key), pane, [pane, key] { pane->addSeries(key); });
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

QJsonObject ChartPanel::layoutJson() const
{
    return {{u"version"_s, 1},
            {u"panes"_s, m_workspace->toJson()},
            {u"time"_s,
             QJsonObject {{u"follow"_s, m_request.follow},
                          {u"windowMs"_s, double(m_request.windowMs)},
                          {u"from"_s, double(m_request.from)},
                          {u"to"_s, double(m_request.to)}}},
            {u"filter"_s, m_filter->text()}};
}

QStringList ChartPanel::applyLayout(const QJsonObject &layout)
{
    m_defaultPending = false;
    const QStringList known = m_tree->allKeys();
    const QStringList missing = m_workspace->fromJson(layout.value(u"panes"_s).toObject(),
                                                      QSet<QString>(known.begin(), known.end()));
    m_filter->setText(layout.value(u"filter"_s).toString());
    const QJsonObject time = layout.value(u"time"_s).toObject();
    const qint64 windowMs = qint64(time.value(u"windowMs"_s).toDouble(double(m_request.windowMs)));
    if (m_window->findData(windowMs) >= 0) {
        m_request.windowMs = windowMs;
        m_windowChosen = true;
    }
    m_window->setCurrentIndex(std::max(0, m_window->findData(m_request.windowMs)));
    const qint64 from = qint64(time.value(u"from"_s).toDouble());
    const qint64 to = qint64(time.value(u"to"_s).toDouble());
    if (m_mode == Mode::Live && !time.value(u"follow"_s).toBool(true) && to > from)
        setManualRange(from, to);
    else
        resetView();
    for (PlotPane *pane : m_workspace->panes())
        pane->applyPalette();
    return missing;
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
