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
};
