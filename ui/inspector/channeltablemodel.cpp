// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector/channeltablemodel.h"

#include "common/timetext.h"

#include <QLocale>

ChannelTableModel::ChannelTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ChannelTableModel::setFrame(const TimeFrame::FrameView &view)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(size_t(view.channelCount()));
    for (qsizetype i = 0; i < view.channelCount(); ++i) {
        const TimeFrame::FrameView::ChannelRecord &channel = view.channel(i);
        Row row {channel.id, channel.type, channel.itemCount, channel.payloadBytes, {}, {}};
        if (channel.itemCount > 0) {
            row.first = view.item(i, 0).timestamp;
            row.last = view.item(i, channel.itemCount - 1).timestamp;
        }
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

void ChannelTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ChannelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChannelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChannelTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case RawValueRole:
        return rawValue(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == FirstItemColumn && row.first)
            return tr("%1 (%2 ms)").arg(TimeText::dateTime(*row.first)).arg(*row.first);
        if (index.column() == LastItemColumn && row.last)
            return tr("%1 (%2 ms)").arg(TimeText::dateTime(*row.last)).arg(*row.last);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ItemsColumn || index.column() == BytesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ChannelTableModel::display(const Row &row, int column) const
{
    const QLocale locale;
    const QString none = tr("none");
    switch (column) {
    case IdColumn:
        return row.id;
    case TypeColumn:
        return row.type;
    case ItemsColumn:
        return locale.toString(row.items);
    case BytesColumn:
        return locale.toString(row.bytes);
    case FirstItemColumn:
        return row.first ? TimeText::time(*row.first) : none;
    case LastItemColumn:
        return row.last ? TimeText::time(*row.last) : none;
    default:
        return {};
    }
}

QVariant ChannelTableModel::rawValue(const Row &row, int column) const
{
    switch (column) {
    case IdColumn:
        return row.id;
    case TypeColumn:
        return row.type;
    case ItemsColumn:
        return row.items;
    case BytesColumn:
        return row.bytes;
    case FirstItemColumn:
        return row.first ? QVariant(*row.first) : QVariant();
    case LastItemColumn:
        return row.last ? QVariant(*row.last) : QVariant();
    default:
        return {};
    }
}

QVariant ChannelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Channel");
    case TypeColumn:
        return tr("Type");
    case ItemsColumn:
        return tr("Items");
    case BytesColumn:
        return tr("Bytes");
    case FirstItemColumn:
        return tr("First item (%1)").arg(TimeText::zoneName());
    case LastItemColumn:
        return tr("Last item (%1)").arg(TimeText::zoneName());
    default:
        return {};
    }
}
