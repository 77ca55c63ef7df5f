// SPDX-License-Identifier: GPL-3.0-or-later
#include "framelistview.h"

#include <QHeaderView>
#include <QScrollBar>

FrameListView::FrameListView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
}

void FrameListView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    // Rows inserted above the first visible one push it down: scroll by as many rows.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                QScrollBar *bar = verticalScrollBar();
                if (bar->value() > 0 && first <= bar->value())
                    bar->setValue(bar->value() + (last - first + 1));
            });
}
