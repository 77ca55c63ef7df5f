// SPDX-License-Identifier: GPL-3.0-or-later
#include "frames/framelistview.h"

#include "frames/framelistmodel.h"

#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>
#include <QStyle>

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

int FrameListView::sizeHintForColumn(int column) const
{
    const int hint = QTableView::sizeHintForColumn(column);
    if (column != FrameListModel::SizeColumn)
        return hint;
    // The widest a size can be written: three digits and two decimals in the largest unit of
    // each kind, measured as the delegate would draw it.
    int widest = 0;
    const QLocale locale;
    QFont bold = font(); // the live row's
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    for (qint64 size :
         {qint64(1023) << 10 | 1023, (qint64(1023) << 20) + (qint64(1023) << 10),
          (qint64(1023) << 30) + (qint64(1023) << 20), (qint64(1023) << 40) + (qint64(1023) << 30)})
        widest = std::max(widest, metrics.horizontalAdvance(locale.formattedDataSize(size)));
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1;
    return std::max(hint, widest + 2 * margin + (showGrid() ? 1 : 0));
}
