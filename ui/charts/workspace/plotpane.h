// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/chartfeed.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QChart;
class QPalette;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
class TimeChartView;

// One plot of the workspace: any series, each on the left Y axis or on a second one on the
// right; the time axis is the workspace's (every pane shows the same range). A series line is
// split where the feed marks a gap (a point with y NaN), one QLineSeries per segment.
class PlotPane : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString key; // Series::key()
        bool right = false; // on the right Y axis
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    explicit PlotPane(QWidget *parent = nullptr);

    TimeChartView *view() const { return m_view; }
    QChart *chart() const { return m_chart; }
    QList<Entry> entries() const { return m_entries; }
    QStringList keys() const;
    bool contains(const QString &key) const;
    bool addSeries(const QString &key, bool right = false); // false where already there
    bool removeSeries(const QString &key);
    void setRightAxis(const QString &key, bool right);
    // Names series in the legend and the menu.
    void setLabeler(std::function<QString(const QString &)> labeler);
    // Lines of this pane's series; others are ignored. Keys missing keep their series empty.
    void applyLines(const QList<ChartLine> &lines, qint64 from, qint64 to);
    void setRange(qint64 from, qint64 to);
    // The drawn segments of a series (tests): one QLineSeries per run without a gap.
    QList<QLineSeries *> segments(const QString &key) const;
    QValueAxis *leftAxis() const { return m_left; }
    QValueAxis *rightAxis() const { return m_right; }
    void applyPalette();

Q_SIGNALS:
    void entriesChanged();
    void activated(); // the user worked in this pane: it becomes the current one
    void menuRequested(const QPoint &globalPos, qint64 time);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayoutAxes();
    void rebuildSeries();
    QLineSeries *newSegment(const Entry &entry, int colourIndex, bool first);

    QChart *m_chart = nullptr;
    TimeChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_left = nullptr;
    QValueAxis *m_right = nullptr;
    QList<Entry> m_entries;
    QHash<QString, QList<QLineSeries *>> m_segments;
    std::function<QString(const QString &)> m_labeler;
};

// The time axes' label format for a shown span (the panes and the timeline alike).
QString timeAxisFormat(qint64 spanMs);
// Ticks on a time axis of that width in pixels: room for each label.
int timeAxisTicks(double widthPx);

// Series colours chosen to read on light and dark backgrounds alike (panes and timeline lanes).
QColor seriesColour(qsizetype i);
// A chart in the widget palette's colours: theme, background, legend and axes (panes and the
// timeline alike). setTheme() recolours the series: the caller gives them theirs again.
void applyChartPalette(QChart *chart, const QPalette &palette);
