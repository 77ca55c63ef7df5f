// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/frameview.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

// One row per channel of a frame: id, type, item count, bytes of item data, first and last item.
class ChannelTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TypeColumn,
        ItemsColumn,
        BytesColumn,
        FirstItemColumn,
        LastItemColumn,
        ColumnCount
    };
    // The raw value behind a cell (counts and UNIX ms as qint64), for sorting and tests.
    static constexpr int RawValueRole = Qt::UserRole;

    explicit ChannelTableModel(QObject *parent = nullptr);

    void setFrame(const TimeFrame::FrameView &view);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString id;
        QString type;
        qint64 items = 0;
        qint64 bytes = 0;
        std::optional<qint64> first; // timestamps, none for a channel without items
        std::optional<qint64> last;
    };

    QVariant display(const Row &row, int column) const;
    QVariant rawValue(const Row &row, int column) const;

    std::vector<Row> m_rows;
};
