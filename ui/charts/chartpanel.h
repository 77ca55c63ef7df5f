// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/chartfeed.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCategoryAxis;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLineEdit;
class QLineSeries;
class QMenu;
class QScrollArea;
class QSortFilterProxyModel;
class QToolButton;
class QTreeView;
class OverviewStrip;
class PlotPane;
class SeriesTreeModel;
class TimeChartView;
class Workspace;

// The charts: the series tree (sorted, filtered), a timeline with one lane per channel and a
// pulse per item (like a logic analyser), and under it the workspace of plot panes on the same
// time axis. The data comes decimated from a ChartFeed; the GUI only swaps point lists, at most
// ChartFeed::kRefreshMs apart.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Live, Frame };
    // The window the charts open on after a start over retained frames.
    static constexpr qint64 kHistoryWindowMs = 3'600'000;
    explicit ChartPanel(Mode mode, QWidget *parent = nullptr);
    ~ChartPanel() override;

    ChartFeed *feed() const { return m_feed; }
    SeriesTreeModel *seriesModel() const { return m_tree; }
    Workspace *workspace() const { return m_workspace; }
    OverviewStrip *overview() const { return m_overview; } // Live mode only
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *treeView() const { return m_treeView; }
    TimeChartView *timelineView() const { return m_timelineView; }
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void setFrame(const TimeFrame::FrameView &view); // Frame mode

    // Rolling window; 0: the whole history.
    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_request.windowMs; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void resetView();
    // A fixed range (zoom, pan, a layout or the overview strip); following stops.
    void setManualRange(qint64 from, qint64 to);

    // The layout: panes, their series and axes, the time window and the tree's filter. Applying
    // returns the labels of the series the data does not hold (yet); they stay in their panes.
    QJsonObject layoutJson() const;
    QStringList applyLayout(const QJsonObject &layout);

    // What is drawn, for tests: the first segment of a key in any pane, the lanes' series.
    QLineSeries *lineSeries(const QString &key) const;
    QList<QLineSeries *> laneSeries() const { return m_lanes.values(); }
    // The range shown, and whether it follows now (for an overview of all retained time).
    QPair<qint64, qint64> shownRange() const { return {m_shownFrom, m_shownTo}; }
    bool isFollowing() const { return m_request.follow; }

Q_SIGNALS:
    void snapshotApplied(const ChartSnapshot &snapshot);
    // The shown range or the following state changed (overview strips follow it).
    void shownRangeChanged(qint64 from, qint64 to, bool following);
    // Double click on a plot: the item at or before that time.
    void itemActivated(qint64 frameId, const QString &channel, qsizetype itemIndex);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *createToolbar();
    QWidget *createTree();
    void applySnapshot(const ChartSnapshot &snapshot);
    void applyPalette();
    void sendRequest();
    void rebuildLaneAxis(const QList<ChartLane> &lanes);
    void setShown(qint64 from, qint64 to);
    void onCatalog(const QList<Series::ChannelInfo> &channels);
    void fillAddMenu(QMenu *menu, PlotPane *pane);
    void updateRates();

    Mode m_mode;
    ChartFeed *m_feed = nullptr;
    SeriesTreeModel *m_tree = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_treeView = nullptr;
    QLineEdit *m_filter = nullptr;
    Workspace *m_workspace = nullptr;
    OverviewStrip *m_overview = nullptr; // Live mode
    QChart *m_timeline = nullptr;
    TimeChartView *m_timelineView = nullptr;
    QScrollArea *m_timelineScroll = nullptr;
    QDateTimeAxis *m_timelineX = nullptr;
    QCategoryAxis *m_laneAxis = nullptr;
    QComboBox *m_window = nullptr;
    QToolButton *m_pause = nullptr;
    QHash<QString, QLineSeries *> m_lanes;
    QStringList m_laneOrder;
    std::shared_ptr<Engine::EngineApi> m_engine;
    QMetaObject::Connection m_activity;
    QHash<QString, qint64> m_eventCounts; // per channel since the last rate update
    qint64 m_rateSince = 0;
    bool m_windowChosen = false; // by the user or a layout: a start over history keeps it
    bool m_defaultPending = true; // the first-run default series is still to be added

    ChartRequest m_request;
    bool m_paused = false;
    qint64 m_shownFrom = 0;
    qint64 m_shownTo = 0;
    qint64 m_frameFrom = 0; // Frame mode: the frame's range
    qint64 m_frameTo = 0;
};
