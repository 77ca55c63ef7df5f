// SPDX-License-Identifier: GPL-3.0-or-later
#include "timechartview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRubberBand(QChartView::NoRubberBand); // our own band: it selects time, not axes
    setRenderHint(QPainter::Antialiasing, false); // thousands of segments at 30 Hz
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Wheel or +/-: zoom · drag: zoom into a range · middle drag or ←/→: pan · "
                  "Home: reset"));
}

void TimeChartView::setShownRange(qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(to, from + 1);
}

double TimeChartView::fractionAt(const QPointF &pos) const
{
    const QRectF area = chart()->plotArea();
    if (area.width() <= 0)
        return 0.5;
    return std::clamp((pos.x() - area.left()) / area.width(), 0.0, 1.0);
}

void TimeChartView::zoom(double factor, double anchorFraction)
{
    const double span = double(m_to - m_from);
    const double anchor = double(m_from) + span * anchorFraction;
    const double newSpan = std::max(span * factor, 10.0); // 10 ms at most zoomed in
    const qint64 from = qint64(std::llround(anchor - newSpan * anchorFraction));
    Q_EMIT rangeRequested(from, from + qint64(std::llround(newSpan)));
}

void TimeChartView::pan(double fraction)
{
    const qint64 delta = qint64(std::llround(double(m_to - m_from) * fraction));
    Q_EMIT rangeRequested(m_from + delta, m_to + delta);
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoom(std::pow(0.8, steps), fractionAt(event->position()));
    event->accept();
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_bandStart = event->position();
        if (!m_band)
            m_band = new QRubberBand(QRubberBand::Rectangle, viewport());
        const QRectF area = chart()->plotArea();
        m_band->setGeometry(QRect(int(m_bandStart.x()), int(area.top()), 1, int(area.height())));
        m_band->show();
        event->accept();
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panStart = event->position();
        m_panFrom = m_from;
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const double width = std::max(chart()->plotArea().width(), 1.0);
        const qint64 span = m_to - m_from;
        const qint64 delta =
            qint64(std::llround((m_panStart.x() - event->position().x()) / width * double(span)));
        Q_EMIT rangeRequested(m_panFrom + delta, m_panFrom + delta + span);
        event->accept();
        return;
    }
    if (m_band && m_band->isVisible()) {
        const QRectF area = chart()->plotArea();
        const double left = std::min(m_bandStart.x(), event->position().x());
        const double right = std::max(m_bandStart.x(), event->position().x());
        m_band->setGeometry(
            QRect(int(left), int(area.top()), int(right - left) + 1, int(area.height())));
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == Qt::MiddleButton) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        // Qt Charts zooms out on a right click; here it means one step out around the centre.
        zoom(2.0, 0.5);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && m_band && m_band->isVisible()) {
        m_band->hide();
        event->accept();
        const double a = fractionAt(m_bandStart);
        const double b = fractionAt(event->position());
        const double span = double(m_to - m_from);
        const qint64 from = m_from + qint64(std::llround(span * std::min(a, b)));
        const qint64 to = m_from + qint64(std::llround(span * std::max(a, b)));
        if (to - from >= 10)
            Q_EMIT rangeRequested(from, to);
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        pan(-0.1);
        break;
    case Qt::Key_Right:
        pan(0.1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(0.8, 0.5);
        break;
    case Qt::Key_Minus:
        zoom(1.25, 0.5);
        break;
    case Qt::Key_Home:
        Q_EMIT resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}
