// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/workspace/workspace.h"

#include "charts/data/seriesstore.h"
#include "charts/timechartview.h"
#include "common/timetext.h"
#include "format/contenttype.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNoTime = TimeChartView::kNoTime;

const CursorValue *valueOf(const CursorReading &reading, const QString &key)
{
    for (const CursorValue &v : reading.values) {
        if (v.key == key)
            return &v;
    }
    return nullptr;
}

} // namespace

Workspace::Workspace(QWidget *parent)
    : QWidget(parent)
{
    m_times.fill(kNoTime);
    m_activateAt = kNoTime;
    m_labeler = [](const QString &key) -> QString {
        return Series::channelOfKey(key) % u": "_s % Series::pathOfKey(key);
    };
    for (CursorLookup *&lookup : m_lookups) {
        lookup = new CursorLookup(this);
        const int which = int(&lookup - m_lookups.data());
        connect(lookup, &CursorLookup::readingReady, this,
                [this, which](const CursorReading &reading) {
                    if (reading.time != m_times[size_t(which)])
                        return; // superseded
                    m_readings[size_t(which)] = reading;
                    if (which == 0 && m_activateAt == reading.time) {
                        m_activateAt = kNoTime;
                        const QStringList keys =
                            m_activatePane ? m_activatePane->keys() : QStringList();
                        for (const QString &key : keys + this->keys()) {
                            const CursorValue *v = valueOf(reading, key);
                            if (v && v->found) {
                                Q_EMIT itemActivated(v->frameId, Series::channelOfKey(key),
                                                     v->itemIndex);
                                break;
                            }
                        }
                    }
                    updateReadout();
                    if (which == 0)
                        updateLog();
                });
    }

    m_cursorTimer = new QTimer(this);
    m_cursorTimer->setSingleShot(true);
    m_cursorTimer->setInterval(kLookupMs);
    connect(m_cursorTimer, &QTimer::timeout, this, [this] { requestLookups(0); });

    m_root = new QSplitter(Qt::Vertical, this);
    m_root->setObjectName(u"paneSplitter"_s);
    m_root->setChildrenCollapsible(false);
    m_root->addWidget(createPane());

    auto *plots = new QWidget(this);
    m_plotsLayout = new QVBoxLayout(plots);
    m_plotsLayout->setContentsMargins(0, 0, 0, 0);
    m_plotsLayout->addWidget(m_root, 1);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(details);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout = new QTreeWidget(details);
    m_readout->setRootIsDecorated(false);
    m_readout->setUniformRowHeights(true);
    m_readout->setAccessibleName(tr("Values at the cursor"));
    m_readout->setHeaderLabels({tr("Series"), tr("Cursor"), tr("A"), tr("B"), tr("Δ (B − A)")});
    m_log = new QPlainTextEdit(details);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setAccessibleName(tr("Items at the cursor"));
    m_log->setPlaceholderText(
        tr("Items of text and binary channels in the panes, around the cursor."));
    auto *detailSplit = new QSplitter(Qt::Horizontal, details);
    detailSplit->addWidget(m_readout);
    detailSplit->addWidget(m_log);
    detailSplit->setStretchFactor(0, 3);
    detailSplit->setStretchFactor(1, 2);
    detailsLayout->addWidget(m_header);
    detailsLayout->addWidget(detailSplit, 1);

    m_outer = new QSplitter(Qt::Vertical, this);
    m_outer->setObjectName(u"workspaceSplitter"_s);
    m_outer->addWidget(plots);
    m_outer->addWidget(details);
    m_outer->setStretchFactor(0, 4);
    m_outer->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_outer);
    updateReadout();
}

PlotPane *Workspace::createPane()
{
    auto *pane = new PlotPane(this);
    pane->setLabeler(m_labeler);
    pane->setRange(m_from, m_to);
    pane->view()->setCursorTime(m_times[0]);
    pane->view()->setMarkers(m_times[1], m_times[2]);
    if (!m_current)
        m_current = pane;
    connect(pane, &PlotPane::entriesChanged, this, [this] {
        updateReadout();
        Q_EMIT keysChanged();
        requestLookups(0);
        requestLookups(1);
        requestLookups(2);
    });
    connect(pane, &PlotPane::activated, this, [this, pane] { m_current = pane; });
    connect(pane, &PlotPane::menuRequested, this,
            [this, pane](const QPoint &pos, qint64 t) { showMenu(pane, pos, t); });
    TimeChartView *view = pane->view();
    connect(view, &TimeChartView::rangeRequested, this, &Workspace::rangeRequested);
    connect(view, &TimeChartView::resetRequested, this, &Workspace::resetRequested);
    connect(view, &TimeChartView::cursorRequested, this, &Workspace::setCursorTime);
    connect(view, &TimeChartView::markerRequested, this, &Workspace::setMarker);
    connect(view, &TimeChartView::timeActivated, this, [this, pane](qint64 t) {
        m_activatePane = pane;
        m_activateAt = t;
        m_times[0] = kNoTime; // the same time again still looks up
        setCursorTime(t);
    });
    pane->applyPalette();
    return pane;
}

QStringList Workspace::keys() const
{
    QStringList out;
    for (const PlotPane *pane : panes()) {
        for (const QString &key : pane->keys()) {
            if (!out.contains(key))
                out.append(key);
        }
    }
    return out;
}

QStringList Workspace::logChannels() const
{
    QStringList out;
    for (const QString &key : keys()) {
        const QString channel = Series::channelOfKey(key);
        const QString type = m_types.value(channel);
        if (!type.isEmpty() && !ContentType::isJson(type) && !out.contains(channel))
            out.append(channel);
    }
    return out;
}

void Workspace::setLabeler(std::function<QString(const QString &)> labeler)
{
    m_labeler = std::move(labeler);
    for (PlotPane *pane : panes())
        pane->setLabeler(m_labeler);
    updateReadout();
}

void Workspace::setChannelTypes(const QHash<QString, QString> &types)
{
    m_types = types;
}

void Workspace::applySnapshot(const ChartSnapshot &snapshot, qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(to, from + 1);
    for (PlotPane *pane : panes())
        pane->applyLines(snapshot.lines, m_from, m_to);
}

void Workspace::setRange(qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(to, from + 1);
    for (PlotPane *pane : panes())
        pane->setRange(m_from, m_to);
}

void Workspace::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    for (CursorLookup *lookup : m_lookups)
        lookup->setEngine(engine);
}

void Workspace::setFrame(const TimeFrame::FrameView &view)
{
    for (CursorLookup *lookup : m_lookups)
        lookup->setFrame(view);
    for (int which = 0; which < 3; ++which)
        requestLookups(which);
}

void Workspace::setCursorTime(qint64 t)
{
    if (m_times[0] == t)
        return;
    m_times[0] = t;
    updateViews();
    // The line moves at once; the lookup at most every kLookupMs while the mouse moves.
    if (!m_cursorTimer->isActive())
        m_cursorTimer->start();
}

void Workspace::setMarker(int marker, qint64 t)
{
    if (marker < 0 || marker > 1)
        return;
    m_times[size_t(marker) + 1] = t;
    if (t == kNoTime)
        m_readings[size_t(marker) + 1] = {};
    updateViews();
    requestLookups(marker + 1);
    updateReadout();
}

void Workspace::updateViews()
{
    for (PlotPane *pane : panes()) {
        pane->view()->setCursorTime(m_times[0]);
        pane->view()->setMarkers(m_times[1], m_times[2]);
    }
}

void Workspace::requestLookups(int which)
{
    const qint64 t = m_times[size_t(which)];
    if (t == kNoTime)
        return;
    m_lookups[size_t(which)]->lookup(t, keys(), which == 0 ? logChannels() : QStringList());
}

QString Workspace::formatValue(const CursorValue &value) const
{
    if (!value.found)
        return tr("no item");
    if (!value.hasValue)
        return tr("— (%1)").arg(TimeText::time(value.timestamp));
    return tr("%1 (%2)").arg(QString::number(value.value, 'g', 10),
                             TimeText::time(value.timestamp));
}

QString Workspace::readoutHeader() const
{
    return m_header->text();
}

void Workspace::updateReadout()
{
    QStringList parts;
    if (m_times[0] != kNoTime)
        parts.append(tr("Cursor %1").arg(TimeText::time(m_times[0])));
    if (m_times[1] != kNoTime)
        parts.append(tr("A %1").arg(TimeText::time(m_times[1])));
    if (m_times[2] != kNoTime)
        parts.append(tr("B %1").arg(TimeText::time(m_times[2])));
    if (m_times[1] != kNoTime && m_times[2] != kNoTime)
        parts.append(tr("Δt %1").arg(TimeText::duration(m_times[2] - m_times[1])));
    m_header->setText(parts.isEmpty()
                          ? tr("Move the mouse over a plot for the values; A and B set markers.")
                          : parts.join(u"  ·  "_s));

    const QStringList all = keys();
    m_readout->clear();
    for (const QString &key : all) {
        auto *row = new QTreeWidgetItem(m_readout);
        row->setText(SeriesColumn, m_labeler(key));
        row->setData(SeriesColumn, Qt::UserRole, key);
        const CursorValue *at[3] = {valueOf(m_readings[0], key), valueOf(m_readings[1], key),
                                    valueOf(m_readings[2], key)};
        for (int which = 0; which < 3; ++which) {
            if (m_times[size_t(which)] != kNoTime && at[which])
                row->setText(CursorColumn + which, formatValue(*at[which]));
        }
        if (at[1] && at[2] && at[1]->hasValue && at[2]->hasValue)
            row->setText(DeltaColumn, QString::number(at[2]->value - at[1]->value, 'g', 10));
    }
    for (int c = 0; c < m_readout->columnCount(); ++c)
        m_readout->resizeColumnToContents(c);
}

void Workspace::updateLog()
{
    QStringList lines;
    for (const CursorItems &items : std::as_const(m_readings[0].around)) {
        const bool text = ContentType::isText(items.type);
        lines.append(u"── "_s % items.channel % u" (" % items.type % u')');
        for (qsizetype i = 0; i < items.timestamps.size(); ++i) {
            const QByteArray &bytes = items.payloads.at(i);
            const QString body = text ? QString::fromUtf8(bytes).simplified()
                                      : tr("%n byte(s)", nullptr, int(bytes.size()))
                    + (i == items.atCursor
                           ? u"  "_s
                               + QString::fromLatin1(
                                   bytes.first(std::min<qsizetype>(bytes.size(), 64)).toHex(' '))
                           : QString());
            lines.append((i == items.atCursor ? u"▶ "_s : u"  "_s)
                         % TimeText::time(items.timestamps.at(i)) % u"  "_s % body);
        }
    }
    m_log->setPlainText(lines.join(u'\n'));
}

QString Workspace::logText() const
{
    return m_log->toPlainText();
}

void Workspace::showMenu(PlotPane *pane, const QPoint &globalPos, qint64 time)
{
    QMenu menu(this);
    menu.addAction(tr("Set marker &A here"), this, [this, time] { setMarker(0, time); });
    menu.addAction(tr("Set marker &B here"), this, [this, time] { setMarker(1, time); });
    menu.addAction(tr("&Clear markers"), this, [this] {
        setMarker(0, kNoTime);
        setMarker(1, kNoTime);
    });
    menu.addSeparator();
    if (!pane->entries().isEmpty()) {
        QMenu *remove = menu.addMenu(tr("&Remove series"));
        QMenu *axis = menu.addMenu(tr("Right &axis"));
        for (const PlotPane::Entry &e : pane->entries()) {
            const QString key = e.key;
            remove->addAction(m_labeler(key), pane, [pane, key] { pane->removeSeries(key); });
            QAction *right = axis->addAction(m_labeler(key));
            right->setCheckable(true);
            right->setChecked(e.right);
            connect(right, &QAction::toggled, pane,
                    [pane, key](bool on) { pane->setRightAxis(key, on); });
        }
    }
    // Adding: every series the window knows, by channel.
    QMenu *add = menu.addMenu(tr("A&dd series"));
    Q_EMIT addMenuRequested(add, pane);
    add->setEnabled(!add->isEmpty());
    menu.addSeparator();
    menu.addAction(tr("Split &horizontally"), this,
                   [this, pane] { splitPane(pane, Qt::Horizontal); });
    menu.addAction(tr("Split &vertically"), this, [this, pane] { splitPane(pane, Qt::Vertical); });
    menu.addAction(tr("Close &pane"), this, [this, pane] { removePane(pane); })
        ->setEnabled(panes().size() > 1);
    menu.exec(globalPos);
}

void Workspace::setBottomWidget(QWidget *widget)
{
    if (m_bottom) {
        m_plotsLayout->removeWidget(m_bottom);
        m_bottom->deleteLater();
    }
    m_bottom = widget;
    if (widget)
        m_plotsLayout->addWidget(widget);
}
