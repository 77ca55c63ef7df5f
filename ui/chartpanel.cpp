// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartpanel.h"

#include "seriestreemodel.h"
#include "timechartview.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

// Series colours chosen to read on light and dark backgrounds alike.
const QColor kPalette[] = {
    QColor(0x3b, 0x8b, 0xeb), QColor(0xe8, 0x74, 0x3b), QColor(0x19, 0xa9, 0x79),
    QColor(0xed, 0x4a, 0x7b), QColor(0x94, 0x5e, 0xcf), QColor(0x13, 0xa4, 0xb4),
    QColor(0xd6, 0xa3, 0x19), QColor(0x8f, 0x9b, 0xa8),
};

QColor paletteColor(qsizetype i)
{
    return kPalette[size_t(i) % std::size(kPalette)];
}

QChart *makeChart()
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

} // namespace

ChartPanel::ChartPanel(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_feed(new ChartFeed(this))
    , m_tree(new SeriesTreeModel(this))
{
    m_timeline = makeChart();
    m_timeline->legend()->hide();
    m_timelineX = new QDateTimeAxis(m_timeline);
    m_laneAxis = new QCategoryAxis(m_timeline);
    m_laneAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_timeline->addAxis(m_timelineX, Qt::AlignBottom);
    m_timeline->addAxis(m_laneAxis, Qt::AlignLeft);

    m_values = makeChart();
    m_valuesX = new QDateTimeAxis(m_values);
    m_valuesY = new QValueAxis(m_values);
    m_values->addAxis(m_valuesX, Qt::AlignBottom);
    m_values->addAxis(m_valuesY, Qt::AlignLeft);

    m_timelineView = new TimeChartView(m_timeline, this);
    m_valuesView = new TimeChartView(m_values, this);
    m_timelineView->setAccessibleName(tr("Timeline"));
    m_valuesView->setAccessibleName(tr("Values"));

    auto *treeView = new QTreeView(this);
    treeView->setModel(m_tree);
    treeView->setHeaderHidden(false);
    treeView->setUniformRowHeights(true);
    treeView->setAccessibleName(tr("Series"));

    auto *chartsSplit = new QSplitter(Qt::Vertical, this);
    chartsSplit->setObjectName(u"chartsSplitter"_s);
    chartsSplit->addWidget(m_timelineView);
    chartsSplit->addWidget(m_valuesView);
    chartsSplit->setStretchFactor(0, 2);
    chartsSplit->setStretchFactor(1, 3);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(createToolbar());
    rightLayout->addWidget(chartsSplit, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(u"seriesSplitter"_s);
    split->addWidget(treeView);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({180, 700});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_feed, &ChartFeed::snapshotReady, this, &ChartPanel::applySnapshot);
    connect(m_feed, &ChartFeed::catalogChanged, this,
            [this, treeView](const QList<Series::ChannelInfo> &channels) {
                m_tree->setCatalog(channels);
                treeView->expandAll();
            });
    connect(m_tree, &SeriesTreeModel::checkedChanged, this, &ChartPanel::sendRequest);
    for (TimeChartView *view : {m_timelineView, m_valuesView}) {
        connect(view, &TimeChartView::rangeRequested, this, &ChartPanel::setManualRange);
        connect(view, &TimeChartView::resetRequested, this, &ChartPanel::resetView);
    }
    applyPalette();
    sendRequest();
}

ChartPanel::~ChartPanel() = default;

QWidget *ChartPanel::createToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_window = new QComboBox(bar);
    m_window->addItem(tr("10 s"), qint64(10'000));
    m_window->addItem(tr("1 min"), qint64(60'000));
    m_window->addItem(tr("5 min"), qint64(300'000));
    m_window->addItem(tr("Whole history"), qint64(0));
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("How much of the recent past the charts show"));
    auto *windowLabel = new QLabel(tr("&Window:"), bar);
    windowLabel->setBuddy(m_window);
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

    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addWidget(m_pause);
    layout->addWidget(reset);
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
}

void ChartPanel::setFrame(const TimeFrame::FrameView &view)
{
    m_tree->reset();
    m_frameFrom = view.startAt();
    m_frameTo = std::max(view.endAt(), view.startAt() + 1);
    m_feed->setFrame(view);
    setManualRange(m_frameFrom, m_frameTo);
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
    for (QDateTimeAxis *axis : {m_timelineX, m_valuesX})
        axis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    m_timelineView->setShownRange(from, to);
    m_valuesView->setShownRange(from, to);
    m_shownFrom = from;
    m_shownTo = to;
    sendRequest();
}

void ChartPanel::sendRequest()
{
    m_request.width = std::max(int(m_values->plotArea().width()), 100);
    m_request.series = m_tree->checkedKeys();
    m_feed->setRequest(m_request);
}

QLineSeries *ChartPanel::ensureLine(const QString &key)
{
    if (QLineSeries *line = m_lines.value(key))
        return line;
    auto *line = new QLineSeries(m_values);
    line->setName(m_tree->label(key));
    QPen pen(paletteColor(m_lines.size()));
    pen.setWidthF(1.5);
    line->setPen(pen);
    m_values->addSeries(line);
    line->attachAxis(m_valuesX);
    line->attachAxis(m_valuesY);
    m_lines.insert(key, line);
    return line;
}

void ChartPanel::rebuildLaneAxis(const QList<ChartLane> &lanes)
{
    for (const QString &label : m_laneAxis->categoriesLabels())
        m_laneAxis->remove(label);
    const qsizetype count = lanes.size();
    m_laneAxis->setStartValue(-0.15);
    for (qsizetype lane = count - 1; lane >= 0; --lane)
        m_laneAxis->append(lanes.at(lane).channel, double(count - 1 - lane) + 0.85);
    m_laneAxis->setRange(-0.15, std::max(double(count) - 0.15, 0.85));
    m_laneAxis->setGridLineVisible(false);
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
            series->setPen(QPen(paletteColor(i), 1.0));
            m_timeline->addSeries(series);
            series->attachAxis(m_timelineX);
            series->attachAxis(m_laneAxis);
            m_lanes.insert(lane.channel, series);
        }
        series->replace(lane.pulses);
    }

    // Lines: the checked series; unchecked ones go.
    QSet<QString> wanted;
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (const ChartLine &line : snapshot.lines) {
        wanted.insert(line.key);
        ensureLine(line.key)->replace(line.points);
        for (const QPointF &p : line.points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (!wanted.contains(it.key())) {
            m_values->removeSeries(it.value());
            delete it.value();
            it = m_lines.erase(it);
        } else {
            ++it;
        }
    }
    if (lo <= hi) {
        const double margin = hi > lo ? (hi - lo) * 0.05 : std::max(std::abs(hi) * 0.05, 1.0);
        m_valuesY->setRange(lo - margin, hi + margin);
    }

    // A paused or zoomed view keeps its range, even for a snapshot computed before it froze.
    const qint64 from = m_request.follow ? snapshot.from : m_request.from;
    const qint64 to = m_request.follow ? snapshot.to : m_request.to;
    for (QDateTimeAxis *axis : {m_timelineX, m_valuesX}) {
        axis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
        axis->setFormat(to - from > 3'600'000    ? u"HH:mm"_s
                            : to - from > 20'000 ? u"HH:mm:ss"_s
                                                 : u"HH:mm:ss.zzz"_s);
    }
    m_timelineView->setShownRange(from, to);
    m_valuesView->setShownRange(from, to);
    m_shownFrom = from;
    m_shownTo = to;
    m_feed->snapshotTaken();
    Q_EMIT snapshotApplied(snapshot);
}

void ChartPanel::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    for (QChart *chart : {m_timeline, m_values}) {
        chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        chart->setBackgroundBrush(pal.brush(QPalette::Base));
        chart->setPlotAreaBackgroundVisible(false);
        chart->legend()->setLabelColor(pal.color(QPalette::Text));
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsColor(pal.color(QPalette::Text));
            axis->setGridLineColor(pal.color(QPalette::Mid));
            axis->setLinePenColor(pal.color(QPalette::Mid));
        }
    }
    // setTheme() recolours the series: give them back their palette colours.
    qsizetype i = 0;
    for (const QString &channel : std::as_const(m_laneOrder)) {
        if (QLineSeries *lane = m_lanes.value(channel))
            lane->setPen(QPen(paletteColor(i), 1.0));
        ++i;
    }
    i = 0;
    for (QLineSeries *line : std::as_const(m_lines)) {
        QPen pen(paletteColor(i++));
        pen.setWidthF(1.5);
        line->setPen(pen);
    }
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
