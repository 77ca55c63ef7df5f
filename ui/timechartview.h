// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>

class QRubberBand;

// A chart view over a time axis: wheel zoom around the cursor, rubber-band zoom (left button),
// pan (middle button drag, or Left/Right), +/- to zoom and Home to reset, all announced through
// rangeRequested() so that the owner keeps several views and the data in step.
class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

    // The range shown, as the owner last set it (UNIX ms).
    void setShownRange(qint64 from, qint64 to);

Q_SIGNALS:
    void rangeRequested(qint64 from, qint64 to);
    void resetRequested();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void zoom(double factor, double anchorFraction);
    void pan(double fraction);
    double fractionAt(const QPointF &pos) const;

    qint64 m_from = 0;
    qint64 m_to = 1;
    QRubberBand *m_band = nullptr;
    QPointF m_bandStart;
    bool m_panning = false;
    QPointF m_panStart;
    qint64 m_panFrom = 0;
};
