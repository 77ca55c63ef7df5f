// SPDX-License-Identifier: GPL-3.0-or-later
// The chart panel's controls: the series tree, the toolbar and the menu that adds a series to a
// pane.
#include "charts/chartpanel.h"

#include "charts/history/overviewstrip.h"
#include "charts/seriestreemodel.h"
#include "charts/timechartview.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "common/timetext.h"

#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

QWidget *ChartPanel::createTree()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(box);
    m_filter->setPlaceholderText(tr("Filter series"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter series"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_tree);
    m_proxy->setSortRole(SeriesTreeModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setDynamicSortFilter(true);
    m_proxy->sort(0);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_treeView->expandAll();
    });
    m_treeView = new QTreeView(box);
    m_treeView->setModel(m_proxy);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAccessibleName(tr("Series"));
    m_treeView->setDragEnabled(true);
    m_treeView->setDragDropMode(QAbstractItemView::DragOnly);
    m_treeView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_filter);
    layout->addWidget(m_treeView, 1);
    return box;
}

QWidget *ChartPanel::createToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_window = new QComboBox(bar);
    m_window->addItem(tr("10 s"), qint64(10'000));
    m_window->addItem(tr("1 min"), qint64(60'000));
    m_window->addItem(tr("5 min"), qint64(300'000));
    m_window->addItem(tr("1 h"), kHistoryWindowMs);
    m_window->addItem(tr("Whole history"), qint64(0));
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("How much of the recent past the charts show"));
    auto *windowLabel = new QLabel(tr("&Window:"), bar);
    windowLabel->setBuddy(m_window);
    connect(m_window, &QComboBox::activated, this, [this] { m_windowChosen = true; });
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this] { setWindowMs(m_window->currentData().toLongLong()); });

    m_pause = new QToolButton(bar);
    m_pause->setText(tr("&Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the view; data keeps arriving"));
    connect(m_pause, &QToolButton::toggled, this, &ChartPanel::setPaused);
    auto *reset = new QToolButton(bar);
    reset->setText(tr("&Reset view"));
    reset->setToolTip(tr("Follow now with the chosen window (Home)"));
    connect(reset, &QToolButton::clicked, this, &ChartPanel::resetView);
    auto *addPane = new QToolButton(bar);
    addPane->setText(tr("Add p&lot"));
    addPane->setToolTip(tr("A new plot pane under the current one (split it from a plot's "
                           "menu)"));
    connect(addPane, &QToolButton::clicked, this,
            [this] { m_workspace->splitPane(nullptr, Qt::Vertical); });

    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addWidget(m_pause);
    layout->addWidget(reset);
    layout->addWidget(addPane);
    layout->addStretch(1);
    if (m_mode == Mode::Frame) {
        windowLabel->hide();
        m_window->hide();
        m_pause->hide();
    }
    return bar;
}

void ChartPanel::fillAddMenu(QMenu *menu, PlotPane *pane)
{
    QMap<QString, QStringList> byChannel;
    for (const QString &key : m_tree->allKeys()) {
        if (!pane->contains(key))
            byChannel[Series::channelOfKey(key)].append(key);
    }
    for (auto it = byChannel.begin(); it != byChannel.end(); ++it) {
        QMenu *channel = menu->addMenu(it.key());
        QStringList keys = it.value();
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys))
            channel->addAction(m_tree->label(key), pane, [pane, key] { pane->addSeries(key); });
    }
}
