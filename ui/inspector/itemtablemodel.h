// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/frameview.h"

#include <QAbstractTableModel>

// The items of a frame, straight from its FrameView (zero-copy: payloads are read in place):
// channel, timestamp, size and a one-line preview.
class ItemTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ChannelColumn, TimestampColumn, SizeColumn, PreviewColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole;

    explicit ItemTableModel(QObject *parent = nullptr);

    void setFrame(const TimeFrame::FrameView &view);
    void clear();
    // The full preview (pretty JSON, text or hex dump) of a row.
    QString preview(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::pair<qsizetype, qsizetype> locate(int row) const; // (channel, item)

    TimeFrame::FrameView m_view;
};
