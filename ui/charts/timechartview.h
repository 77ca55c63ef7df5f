// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QStringList>

#include <limits>

class QRubberBand;

// A chart view over a time axis: wheel zoom around the mouse, rubber-band zoom (left button),
// pan (middle button drag, or Left/Right), +/- to zoom and Home to reset, all announced through
// rangeRequested() so that the owner keeps several views and the data in step. It also draws the
// shared cursor and the markers A and B, takes series dropped from the series tree, and, for the
// timeline, draws the lane names itself (elided in the middle, the full name as a tooltip).
class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    // The mime type of series dragged from the tree: Series::key()s, one per line (UTF-8).
    static constexpr auto kSeriesMimeType = "application/x-syncstreamer-series";
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

    // The range shown, as the owner last set it (UNIX ms).
    void setShownRange(qint64 from, qint64 to);
    qint64 shownFrom() const { return m_from; }
    qint64 shownTo() const { return m_to; }
    // kNoTime hides them.
    void setCursorTime(qint64 t);
    void setMarkers(qint64 a, qint64 b);
    // Lane names top to bottom over a lane axis from laneMin to laneMax (the timeline).
    void setLaneLabels(const QStringList &labels, double laneMin, double laneMax);
    QStringList laneLabels() const { return m_laneLabels; }
    QString laneLabelShown(int lane) const; // elided as drawn
    static constexpr int kLaneLabelWidth = 120;
    int minimumLaneHeight() const;
    // The time at a position of the viewport (clamped to the plot area).
    qint64 timeAt(const QPointF &pos) const;

Q_SIGNALS:
    void rangeRequested(qint64 from, qint64 to);
    void resetRequested();
    void cursorRequested(qint64 t); // the mouse moved over the plot
    void markerRequested(int marker, qint64 t); // 0: A, 1: B; kNoTime clears
    void timeActivated(qint64 t); // double click
    void seriesDropped(const QStringList &keys);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    bool viewportEvent(QEvent *event) override;

private:
    void zoom(double factor, double anchorFraction);
    void pan(double fraction);
    double fractionAt(const QPointF &pos) const;
    QRectF plotRect() const; // in viewport coordinates
    double xOf(qint64 t) const;
    int laneAt(const QPointF &pos) const;
    double laneCentreY(int lane) const;

    qint64 m_from = 0;
    qint64 m_to = 1;
    qint64 m_cursor = kNoTime;
    qint64 m_markerA = kNoTime;
    qint64 m_markerB = kNoTime;
    QStringList m_laneLabels;
    double m_laneMin = 0;
    double m_laneMax = 1;
    QRubberBand *m_band = nullptr;
    QPointF m_bandStart;
    bool m_panning = false;
    QPointF m_panStart;
    qint64 m_panFrom = 0;
};
