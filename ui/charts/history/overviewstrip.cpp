// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/history/overviewstrip.h"

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace {

constexpr int kClickPixels = 3; // a press and release closer than this is a click
constexpr int kFollowPixels = 3; // a right edge this close to now follows

} // namespace

OverviewStrip::OverviewStrip(QWidget *parent)
    : QWidget(parent)
    , m_clock(new QTimer(this))
    , m_progressDelay(new QTimer(this))
    , m_cancel(new QToolButton(this))
{
    setToolTip(tr("Every retained frame: drag to choose the range shown"));
    setMouseTracking(false);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    m_progressDelay->setSingleShot(true);
    m_progressDelay->setInterval(kProgressDelayMs);
    connect(m_progressDelay, &QTimer::timeout, this, [this] {
        m_progressDue = true;
        updateProgressVisibility();
    });
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop reading the frames of this range"));
    m_cancel->setAutoRaise(true);
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, this, &OverviewStrip::cancelRequested);
}

OverviewStrip::~OverviewStrip()
{
    disconnect(m_finishedConnection);
}

void OverviewStrip::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    disconnect(m_finishedConnection);
    m_engine = engine;
    if (engine) {
        m_finishedConnection = connect(engine.get(), &Engine::EngineApi::frameFinished, this,
                                       &OverviewStrip::reloadIndex, Qt::QueuedConnection);
        m_clock->start();
    } else {
        m_clock->stop();
    }
    reloadIndex();
}

void OverviewStrip::reloadIndex()
{
    m_index = m_engine ? m_engine->index() : Engine::FrameIndex();
    m_first = m_last = 0;
    if (m_index && !m_index->isEmpty()) {
        m_first = m_index->last().startAt; // newest first
        m_last = m_index->first().endAt;
        for (const Engine::FrameSummary &f : *m_index) {
            m_first = std::min(m_first, f.startAt);
            m_last = std::max(m_last, f.endAt);
        }
    }
    update();
}

void OverviewStrip::setShownRange(qint64 from, qint64 to, bool following)
{
    m_shownFrom = from;
    m_shownTo = std::max(to, from + 1);
    m_following = following;
    update();
}

void OverviewStrip::setLoadProgress(qint64 done, qint64 total)
{
    const bool loading = total > 0 && done < total;
    const bool wasLoading = m_loadTotal > 0 && m_loadDone < m_loadTotal;
    m_loadDone = done;
    m_loadTotal = total;
    if (loading && !wasLoading) {
        m_progressDue = false;
        m_progressDelay->start();
    }
    updateProgressVisibility();
    update();
}

bool OverviewStrip::isProgressShown() const
{
    return m_loadTotal > 0 && m_loadDone < m_loadTotal && m_progressDue;
}

void OverviewStrip::updateProgressVisibility()
{
    m_cancel->setVisible(isProgressShown());
    update();
}

qint64 OverviewStrip::spanFrom() const
{
    qint64 from = m_first;
    if (m_shownTo > m_shownFrom)
        from = from == 0 ? m_shownFrom : std::min(from, m_shownFrom);
    return from;
}

qint64 OverviewStrip::spanTo() const
{
    qint64 to = std::max(m_last, m_shownTo);
    if (m_engine)
        to = std::max(to, QDateTime::currentMSecsSinceEpoch());
    return std::max(to, spanFrom() + 1);
}

QRect OverviewStrip::barArea() const
{
    QRect r = rect().adjusted(1, 1, -1, -1);
    if (m_cancel->isVisible())
        r.setRight(m_cancel->geometry().left() - 4);
    return r;
}

qint64 OverviewStrip::timeAt(double x) const
{
    const QRect area = barArea();
    const double f = std::clamp((x - area.left()) / std::max(1, area.width()), 0.0, 1.0);
    return spanFrom() + qint64(f * double(spanTo() - spanFrom()));
}

double OverviewStrip::xOf(qint64 t) const
{
    const QRect area = barArea();
    return area.left() + double(t - spanFrom()) * area.width() / double(spanTo() - spanFrom());
}

QSize OverviewStrip::sizeHint() const
{
    return {600, fontMetrics().height() * 2 + 6};
}

QSize OverviewStrip::minimumSizeHint() const
{
    return {100, fontMetrics().height() + 6};
}

void OverviewStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const QSize hint = m_cancel->sizeHint();
    m_cancel->setGeometry(width() - hint.width() - 1, (height() - hint.height()) / 2, hint.width(),
                          hint.height());
}

void OverviewStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QRect area = barArea();
    const int columns = std::max(1, area.width());

    // Items per second of the frames in each pixel column (each frame in the column of its
    // start), so that a steady stream is a flat band however the frames fall on the columns.
    std::vector<double> items(size_t(columns), 0);
    std::vector<double> seconds(size_t(columns), 0);
    if (m_index) {
        for (const Engine::FrameSummary &f : *m_index) {
            const size_t c = size_t(std::clamp(int(xOf(f.startAt)) - area.left(), 0, columns - 1));
            items[c] += double(std::max<qint64>(0, f.items));
            seconds[c] += double(std::max<qint64>(1, f.endAt - f.startAt)) / 1000.0;
        }
    }
    std::vector<double> density(size_t(columns), 0);
    for (size_t c = 0; c < density.size(); ++c)
        density[c] = seconds[c] > 0 ? items[c] / seconds[c] : 0;
    const double peak = *std::max_element(density.begin(), density.end());
    QColor bar = pal.color(QPalette::Highlight);
    bar.setAlpha(160);
    if (peak > 0) {
        for (int c = 0; c < columns; ++c) {
            if (density[size_t(c)] == 0)
                continue;
            const int h = std::max(1, int(double(area.height()) * density[size_t(c)] / peak));
            p.fillRect(area.left() + c, area.bottom() - h + 1, 1, h, bar);
        }
    }

    // The range shown (or the one being dragged).
    double x0 = xOf(m_shownFrom);
    double x1 = xOf(m_shownTo);
    if (m_dragStart) {
        x0 = std::min(*m_dragStart, m_dragX);
        x1 = std::max(*m_dragStart, m_dragX);
    }
    const QRectF shown(QPointF(x0, area.top()), QPointF(std::max(x1, x0 + 2), area.bottom()));
    QColor fill = pal.color(QPalette::Text);
    fill.setAlpha(40);
    p.fillRect(shown, fill);
    p.setPen(QPen(pal.color(QPalette::Text), 1));
    p.drawRect(shown);

    if (isProgressShown()) {
        const double f = double(m_loadDone) / double(m_loadTotal);
        const QRect track(area.left(), area.bottom() - 2, area.width(), 3);
        p.fillRect(track, pal.color(QPalette::Mid));
        p.fillRect(QRect(track.left(), track.top(), int(track.width() * f), track.height()),
                   pal.color(QPalette::Highlight));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
}

void OverviewStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragStart = event->position().x();
    m_dragX = *m_dragStart;
    update();
}

void OverviewStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragStart)
        return QWidget::mouseMoveEvent(event);
    m_dragX = event->position().x();
    update();
}

void OverviewStrip::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragStart || event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const double start = *m_dragStart;
    const double end = event->position().x();
    m_dragStart.reset();
    update();
    const double right = barArea().right();
    if (std::abs(end - start) < kClickPixels) {
        // A click: the range shown keeps its length and centres there.
        const qint64 length = std::max<qint64>(1, m_shownTo - m_shownFrom);
        qint64 from = timeAt(end) - length / 2;
        from = std::clamp(from, spanFrom(), std::max(spanFrom(), spanTo() - length));
        const bool follow = xOf(from + length) >= right - kFollowPixels && m_engine;
        Q_EMIT rangeChosen(follow ? spanTo() - length : from, follow ? spanTo() : from + length,
                           follow);
        return;
    }
    const double lo = std::min(start, end);
    const double hi = std::max(start, end);
    const bool follow = hi >= right - kFollowPixels;
    Q_EMIT rangeChosen(timeAt(lo), follow ? spanTo() : timeAt(hi), follow);
}
