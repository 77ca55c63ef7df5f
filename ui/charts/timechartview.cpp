// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/timechartview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRubberBand(QChartView::NoRubberBand); // our own band: it selects time, not axes
    setRenderHint(QPainter::Antialiasing, false); // thousands of segments at 30 Hz
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAcceptDrops(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setToolTip(tr("Wheel or +/-: zoom · drag: zoom into a range · middle drag or ←/→: pan · "
                  "Home: reset · A/B: markers at the cursor · double click: open the item · "
                  "right click: menu"));
}

void TimeChartView::setShownRange(qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(to, from + 1);
    viewport()->update();
}

void TimeChartView::setCursorTime(qint64 t)
{
    if (m_cursor == t)
        return;
    m_cursor = t;
    viewport()->update();
}

void TimeChartView::setMarkers(qint64 a, qint64 b)
{
    m_markerA = a;
    m_markerB = b;
    viewport()->update();
}

void TimeChartView::setLaneLabels(const QStringList &labels, double laneMin, double laneMax)
{
    m_laneLabels = labels;
    m_laneMin = laneMin;
    m_laneMax = std::max(laneMax, laneMin + 1e-9);
    viewport()->update();
}

int TimeChartView::minimumLaneHeight() const
{
    return fontMetrics().height() + 2;
}

QString TimeChartView::laneLabelShown(int lane) const
{
    return fontMetrics().elidedText(m_laneLabels.value(lane), Qt::ElideMiddle, kLaneLabelWidth);
}

QRectF TimeChartView::plotRect() const
{
    return mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect();
}

double TimeChartView::fractionAt(const QPointF &pos) const
{
    const QRectF area = plotRect();
    if (area.width() <= 0)
        return 0.5;
    return std::clamp((pos.x() - area.left()) / area.width(), 0.0, 1.0);
}

qint64 TimeChartView::timeAt(const QPointF &pos) const
{
    return m_from + qint64(std::llround(double(m_to - m_from) * fractionAt(pos)));
}

double TimeChartView::xOf(qint64 t) const
{
    const QRectF area = plotRect();
    return area.left() + area.width() * double(t - m_from) / double(m_to - m_from);
}

double TimeChartView::laneCentreY(int lane) const
{
    // Lane 0 at the top: its base is at count - 1, its pulses reach 0.7 above it.
    const QRectF area = plotRect();
    const double value = double(m_laneLabels.size() - 1 - lane) + 0.35;
    return area.top() + area.height() * (m_laneMax - value) / (m_laneMax - m_laneMin);
}

int TimeChartView::laneAt(const QPointF &pos) const
{
    const QRectF area = plotRect();
    if (m_laneLabels.isEmpty() || pos.x() >= area.left() || area.height() <= 0)
        return -1;
    const double value =
        m_laneMax - (pos.y() - area.top()) / area.height() * (m_laneMax - m_laneMin);
    const int lane = int(m_laneLabels.size()) - 1 - int(std::floor(value + 0.15));
    return lane >= 0 && lane < m_laneLabels.size() ? lane : -1;
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
        const QRectF area = plotRect();
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
        const double width = std::max(plotRect().width(), 1.0);
        const qint64 span = m_to - m_from;
        const qint64 delta =
            qint64(std::llround((m_panStart.x() - event->position().x()) / width * double(span)));
        Q_EMIT rangeRequested(m_panFrom + delta, m_panFrom + delta + span);
        event->accept();
        return;
    }
    if (m_band && m_band->isVisible()) {
        const QRectF area = plotRect();
        const double left = std::min(m_bandStart.x(), event->position().x());
        const double right = std::max(m_bandStart.x(), event->position().x());
        m_band->setGeometry(
            QRect(int(left), int(area.top()), int(right - left) + 1, int(area.height())));
        event->accept();
        return;
    }
    if (plotRect().contains(event->position()))
        Q_EMIT cursorRequested(timeAt(event->position()));
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
    if (event->button() == Qt::LeftButton && m_band && m_band->isVisible()) {
        m_band->hide();
        event->accept();
        const double a = fractionAt(m_bandStart);
        const double b = fractionAt(event->position());
        const double span = double(m_to - m_from);
        const qint64 from = m_from + qint64(std::llround(span * std::min(a, b)));
        const qint64 to = m_from + qint64(std::llround(span * std::max(a, b)));
        if (to - from >= 10 && std::abs(m_bandStart.x() - event->position().x()) >= 3)
            Q_EMIT rangeRequested(from, to);
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && plotRect().contains(event->position())) {
        if (m_band)
            m_band->hide();
        Q_EMIT timeActivated(timeAt(event->position()));
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
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
    case Qt::Key_A:
    case Qt::Key_B:
        if (m_cursor == kNoTime)
            return QChartView::keyPressEvent(event);
        Q_EMIT markerRequested(event->key() == Qt::Key_A ? 0 : 1, m_cursor);
        break;
    case Qt::Key_Escape:
        Q_EMIT markerRequested(0, kNoTime);
        Q_EMIT markerRequested(1, kNoTime);
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimeChartView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1StringView(kSeriesMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void TimeChartView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1StringView(kSeriesMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void TimeChartView::dropEvent(QDropEvent *event)
{
    const QByteArray payload = event->mimeData()->data(QLatin1StringView(kSeriesMimeType));
    const QStringList keys = QString::fromUtf8(payload).split(u'\n', Qt::SkipEmptyParts);
    if (keys.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    Q_EMIT seriesDropped(keys);
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    // Painted in viewport coordinates: undo the scene transform.
    painter->save();
    painter->resetTransform();
    const QRectF area = plotRect();
    const auto line = [&](qint64 t, const QColor &colour, const QString &tag) {
        if (t == kNoTime || t < m_from || t > m_to)
            return;
        const double x = xOf(t);
        painter->setPen(QPen(colour, 1.0));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        if (!tag.isEmpty())
            painter->drawText(QPointF(x + 3, area.top() + fontMetrics().ascent()), tag);
    };
    line(m_markerA, palette().color(QPalette::Link), u"A"_s);
    line(m_markerB, palette().color(QPalette::Link), u"B"_s);
    line(m_cursor, palette().color(QPalette::Text), QString());
    if (!m_laneLabels.isEmpty()) {
        painter->setPen(palette().color(QPalette::Text));
        const int h = fontMetrics().height();
        for (int lane = 0; lane < m_laneLabels.size(); ++lane) {
            const QRectF box(area.left() - kLaneLabelWidth - 6, laneCentreY(lane) - h / 2.0,
                             kLaneLabelWidth, h);
            painter->drawText(box, Qt::AlignRight | Qt::AlignVCenter, laneLabelShown(lane));
        }
    }
    painter->restore();
}

bool TimeChartView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int lane = laneAt(help->pos());
        if (lane >= 0) {
            QToolTip::showText(help->globalPos(), m_laneLabels.at(lane), viewport());
            return true;
        }
    }
    return QChartView::viewportEvent(event);
}
