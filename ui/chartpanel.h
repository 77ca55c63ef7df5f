// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chartfeed.h"

#include <QHash>
#include <QWidget>

class QCategoryAxis;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QToolButton;
class QValueAxis;
class SeriesTreeModel;
class TimeChartView;

// Live charts: a timeline with one lane per channel and a pulse per item (like a logic
// analyser), and the numeric series picked in the channel tree. The data comes decimated from a
// ChartFeed; the GUI only swaps point lists, at most ChartFeed::kRefreshMs apart.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Live, Frame };
    explicit ChartPanel(Mode mode, QWidget *parent = nullptr);
    ~ChartPanel() override;

    ChartFeed *feed() const { return m_feed; }
    SeriesTreeModel *seriesModel() const { return m_tree; }
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void setFrame(const TimeFrame::FrameView &view); // Frame mode

    // Rolling window; 0: the whole history.
    void setWindowMs(qint64 windowMs);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void resetView();

    // What is drawn, for tests: the line series of a key, the lanes' series.
    QLineSeries *lineSeries(const QString &key) const { return m_lines.value(key); }
    QList<QLineSeries *> laneSeries() const { return m_lanes.values(); }
    QPair<qint64, qint64> shownRange() const { return {m_shownFrom, m_shownTo}; }

Q_SIGNALS:
    void snapshotApplied(const ChartSnapshot &snapshot);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *createToolbar();
    void applySnapshot(const ChartSnapshot &snapshot);
    void applyPalette();
    void sendRequest();
    void setManualRange(qint64 from, qint64 to);
    void rebuildLaneAxis(const QList<ChartLane> &lanes);
    QLineSeries *ensureLine(const QString &key);

    Mode m_mode;
    ChartFeed *m_feed = nullptr;
    SeriesTreeModel *m_tree = nullptr;
    QChart *m_timeline = nullptr;
    QChart *m_values = nullptr;
    TimeChartView *m_timelineView = nullptr;
    TimeChartView *m_valuesView = nullptr;
    QDateTimeAxis *m_timelineX = nullptr;
    QCategoryAxis *m_laneAxis = nullptr;
    QDateTimeAxis *m_valuesX = nullptr;
    QValueAxis *m_valuesY = nullptr;
    QComboBox *m_window = nullptr;
    QToolButton *m_pause = nullptr;
    QHash<QString, QLineSeries *> m_lanes;
    QStringList m_laneOrder;
    QHash<QString, QLineSeries *> m_lines;

    ChartRequest m_request;
    bool m_paused = false;
    qint64 m_shownFrom = 0;
    qint64 m_shownTo = 0;
    qint64 m_frameFrom = 0; // Frame mode: the frame's range
    qint64 m_frameTo = 0;
};
