// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

// A table of frames that stays where the user scrolled when new frames arrive on top.
class FrameListView : public QTableView
{
    Q_OBJECT
public:
    explicit FrameListView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

protected:
    // Wide enough for any value the column can take (a size of 1023.99 TiB, a live label), not
    // only those on screen now: a live row that grows is never cut off.
    int sizeHintForColumn(int column) const override;
};
