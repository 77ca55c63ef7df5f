// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/chartfeed.h"
#include "charts/workspace/cursorlookup.h"
#include "charts/workspace/plotpane.h"

#include <QJsonObject>
#include <QWidget>

#include <array>

class QLabel;
class QMenu;
class QPlainTextEdit;
class QSplitter;
class QTimer;
class QTreeWidget;
class QVBoxLayout;

// The plots of the charts: panes in nested splitters (split horizontally or vertically, added,
// removed, resized), all on one time axis; a cursor across every pane with the exact value of
// each series at its time (read from the raw items by CursorLookup), markers A and B with Δt and
// each series' Δvalue, and the items of text and binary channels around the cursor.
class Workspace : public QWidget
{
    Q_OBJECT
public:
    enum ReadoutColumn { SeriesColumn, CursorColumn, AColumn, BColumn, DeltaColumn };
    static constexpr int kLookupMs = 30; // at most one cursor lookup this often

    explicit Workspace(QWidget *parent = nullptr);

    QList<PlotPane *> panes() const;
    PlotPane *currentPane() const;
    // A new pane beside `besides` (the current pane where null), split in `orientation`.
    PlotPane *splitPane(PlotPane *besides, Qt::Orientation orientation);
    void removePane(PlotPane *pane); // the last pane stays (emptied)
    QSplitter *rootSplitter() const { return m_root; }
    // Every series of every pane, each once, in pane order.
    QStringList keys() const;
    // Channels whose items the log list shows (text and binary channels with a series here).
    QStringList logChannels() const;
    void setLabeler(std::function<QString(const QString &)> labeler);
    void setChannelTypes(const QHash<QString, QString> &types); // channel -> content type

    void applySnapshot(const ChartSnapshot &snapshot, qint64 from, qint64 to);
    void setRange(qint64 from, qint64 to);

    CursorLookup *lookup() const { return m_lookups[0]; }
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void setFrame(const TimeFrame::FrameView &view);
    void setCursorTime(qint64 t);
    void setMarker(int marker, qint64 t); // 0: A, 1: B; TimeChartView::kNoTime clears
    qint64 marker(int marker) const { return m_times[size_t(marker) + 1]; }
    // The readings last received for the cursor, A and B (tests and the readout).
    const CursorReading &reading(int which) const { return m_readings[size_t(which)]; }
    QTreeWidget *readout() const { return m_readout; }
    QString readoutHeader() const;
    QString logText() const;

    // A widget under the plots, across their width (the overview strip of all retained time).
    void setBottomWidget(QWidget *widget);

    // The panes and their series as a layout names them (channel and field, never an index).
    QJsonObject toJson() const;
    // Replaces the panes; returns the series the catalog does not know (kept in their panes:
    // they fill when their channel appears).
    QStringList fromJson(const QJsonObject &panes, const QSet<QString> &knownKeys);

Q_SIGNALS:
    void keysChanged();
    void rangeRequested(qint64 from, qint64 to);
    void resetRequested();
    // Double click: the item at or before that time, of the clicked pane's first series.
    void itemActivated(qint64 frameId, const QString &channel, qsizetype itemIndex);
    // The pane's menu is open: fill `menu` with the series that can be added to `pane`.
    void addMenuRequested(QMenu *menu, PlotPane *pane);

private:
    PlotPane *createPane();
    void showMenu(PlotPane *pane, const QPoint &globalPos, qint64 time);
    void requestLookups(int which);
    void updateReadout();
    void updateLog();
    void updateViews();
    QJsonObject toJson(QWidget *node) const;
    QWidget *fromJson(const QJsonObject &node, QStringList &missing,
                      const QSet<QString> &knownKeys);
    QString formatValue(const CursorValue &value) const;

    QVBoxLayout *m_plotsLayout = nullptr;
    QSplitter *m_root = nullptr;
    QSplitter *m_outer = nullptr;
    PlotPane *m_current = nullptr;
    QLabel *m_header = nullptr;
    QTreeWidget *m_readout = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QWidget *m_bottom = nullptr;
    QTimer *m_cursorTimer = nullptr;
    std::array<CursorLookup *, 3> m_lookups {}; // cursor, A, B
    std::array<qint64, 3> m_times;
    std::array<CursorReading, 3> m_readings;
    qint64 m_activateAt;
    PlotPane *m_activatePane = nullptr;
    std::function<QString(const QString &)> m_labeler;
    QHash<QString, QString> m_types;
    qint64 m_from = 0;
    qint64 m_to = 1;
};
