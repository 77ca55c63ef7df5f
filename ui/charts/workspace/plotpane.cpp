// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/workspace/plotpane.h"

#include "charts/timechartview.h"
#include "common/timetext.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

const QColor kPalette[] = {
    QColor(0x3b, 0x8b, 0xeb), QColor(0xe8, 0x74, 0x3b), QColor(0x19, 0xa9, 0x79),
    QColor(0xed, 0x4a, 0x7b), QColor(0x94, 0x5e, 0xcf), QColor(0x13, 0xa4, 0xb4),
    QColor(0xd6, 0xa3, 0x19), QColor(0x8f, 0x9b, 0xa8),
};

void fitAxis(QValueAxis *axis, double lo, double hi)
{
    if (lo > hi)
        return;
    const double margin = hi > lo ? (hi - lo) * 0.05 : std::max(std::abs(hi) * 0.05, 1.0);
    axis->setRange(lo - margin, hi + margin);
}

} // namespace

QString timeAxisFormat(qint64 spanMs)
{
    return spanMs > 3'600'000 ? u"HH:mm"_s : spanMs > 2'000 ? u"HH:mm:ss"_s : u"HH:mm:ss.zzz"_s;
}

int timeAxisTicks(double widthPx)
{
    return std::clamp(int(widthPx / 110.0), 2, 10);
}

QColor seriesColour(qsizetype i)
{
    return kPalette[size_t(i) % std::size(kPalette)];
}

PlotPane::PlotPane(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QDateTimeAxis(m_chart);
    m_left = new QValueAxis(m_chart);
    m_right = new QValueAxis(m_chart);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_left, Qt::AlignLeft);
    m_chart->addAxis(m_right, Qt::AlignRight);
    m_right->hide();
    m_view = new TimeChartView(m_chart, this);
    m_view->setAccessibleName(tr("Plot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_labeler = [](const QString &key) {
        return key;
    };

    connect(m_view, &TimeChartView::seriesDropped, this, [this](const QStringList &keys) {
        for (const QString &key : keys)
            addSeries(key);
        Q_EMIT activated();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT activated();
        Q_EMIT menuRequested(m_view->mapToGlobal(pos), m_view->timeAt(pos));
    });
}

QStringList PlotPane::keys() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out.append(e.key);
    return out;
}

bool PlotPane::contains(const QString &key) const
{
    return keys().contains(key);
}

bool PlotPane::addSeries(const QString &key, bool right)
{
    if (contains(key))
        return false;
    m_entries.append({key, right});
    rebuildSeries();
    Q_EMIT entriesChanged();
    return true;
}

bool PlotPane::removeSeries(const QString &key)
{
    const auto removed = m_entries.removeIf([&](const Entry &e) { return e.key == key; });
    if (removed == 0)
        return false;
    rebuildSeries();
    Q_EMIT entriesChanged();
    return true;
}

void PlotPane::setRightAxis(const QString &key, bool right)
{
    for (Entry &e : m_entries) {
        if (e.key == key && e.right != right) {
            e.right = right;
            rebuildSeries();
            Q_EMIT entriesChanged();
            return;
        }
    }
}

void PlotPane::setLabeler(std::function<QString(const QString &)> labeler)
{
    m_labeler = std::move(labeler);
    rebuildSeries();
}

QLineSeries *PlotPane::newSegment(const Entry &entry, int colourIndex, bool first)
{
    auto *line = new QLineSeries(m_chart);
    line->setName(m_labeler(entry.key) + (entry.right ? tr(" (right)") : QString()));
    QPen pen(seriesColour(colourIndex));
    pen.setWidthF(1.5);
    line->setPen(pen);
    m_chart->addSeries(line);
    line->attachAxis(m_x);
    line->attachAxis(entry.right ? m_right : m_left);
    // One legend entry per series, not per segment.
    if (!first) {
        for (QLegendMarker *marker : m_chart->legend()->markers(line))
            marker->setVisible(false);
    }
    return line;
}

void PlotPane::rebuildSeries()
{
    for (const QList<QLineSeries *> &segments : std::as_const(m_segments)) {
        for (QLineSeries *line : segments) {
            m_chart->removeSeries(line);
            delete line;
        }
    }
    m_segments.clear();
    bool anyRight = false;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        m_segments[m_entries.at(i).key].append(newSegment(m_entries.at(i), int(i), true));
        anyRight = anyRight || m_entries.at(i).right;
    }
    m_right->setVisible(anyRight);
}

void PlotPane::applyLines(const QList<ChartLine> &lines, qint64 from, qint64 to)
{
    double lo[2] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
    double hi[2] = {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry &entry = m_entries.at(i);
        const auto line = std::find_if(lines.begin(), lines.end(),
                                       [&](const ChartLine &l) { return l.key == entry.key; });
        QList<QList<QPointF>> runs {{}};
        if (line != lines.end()) {
            for (const QPointF &p : line->points) {
                if (std::isnan(p.y())) {
                    if (!runs.back().isEmpty())
                        runs.append(QList<QPointF>());
                    continue;
                }
                runs.back().append(p);
                lo[entry.right] = std::min(lo[entry.right], p.y());
                hi[entry.right] = std::max(hi[entry.right], p.y());
            }
        }
        if (runs.size() > 1 && runs.back().isEmpty())
            runs.removeLast();
        QList<QLineSeries *> &segments = m_segments[entry.key];
        while (segments.size() < runs.size())
            segments.append(newSegment(entry, int(i), segments.isEmpty()));
        while (segments.size() > runs.size()) {
            QLineSeries *extra = segments.takeLast();
            m_chart->removeSeries(extra);
            delete extra;
        }
        for (qsizetype r = 0; r < runs.size(); ++r)
            segments.at(r)->replace(runs.at(r));
    }
    fitAxis(m_left, lo[0], hi[0]);
    fitAxis(m_right, lo[1], hi[1]);
    setRange(from, to);
}

void PlotPane::setRange(qint64 from, qint64 to)
{
    m_x->setRange(TimeText::toDateTime(from), TimeText::toDateTime(to));
    m_x->setFormat(timeAxisFormat(to - from));
    m_view->setShownRange(from, to);
}

QList<QLineSeries *> PlotPane::segments(const QString &key) const
{
    return m_segments.value(key);
}

void applyChartPalette(QChart *chart, const QPalette &pal)
{
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
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

void PlotPane::applyPalette()
{
    applyChartPalette(m_chart, palette());
    // setTheme() recolours the series: give them back their colours.
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        for (QLineSeries *line : m_segments.value(m_entries.at(i).key)) {
            QPen pen(seriesColour(i));
            pen.setWidthF(1.5);
            line->setPen(pen);
        }
    }
}

void PlotPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_x->setTickCount(timeAxisTicks(width()));
}

void PlotPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    relayoutAxes();
}

void PlotPane::relayoutAxes()
{
    // Qt Charts sizes an axis for its labels when the chart is laid out; laid out while hidden
    // (the inspector's tab, a pane being built), the labels stay elided to "..." at their first
    // real size until an axis changes. A visibility change has every axis measured anew.
    for (QAbstractAxis *axis : m_chart->axes()) {
        if (axis->isVisible()) {
            axis->setVisible(false);
            axis->setVisible(true);
        }
    }
}
