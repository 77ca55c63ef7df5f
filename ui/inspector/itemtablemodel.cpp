// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector/itemtablemodel.h"

#include "common/timetext.h"
#include "inspector/itempreview.h"

#include <QLocale>

ItemTableModel::ItemTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ItemTableModel::setFrame(const TimeFrame::FrameView &view)
{
    beginResetModel();
    m_view = view;
    endResetModel();
}

void ItemTableModel::clear()
{
    setFrame({});
}

std::pair<qsizetype, qsizetype> ItemTableModel::locate(int row) const
{
    // Channels hold consecutive runs of the item table, in channel order.
    for (qsizetype c = 0; c < m_view.channelCount(); ++c) {
        const auto &channel = m_view.channel(c);
        if (row < channel.firstItem + channel.itemCount)
            return {c, row - channel.firstItem};
    }
    return {0, 0};
}

QString ItemTableModel::preview(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const auto [c, i] = locate(row);
    return ItemPreview::full(m_view.channel(c).type, m_view.itemData(c, i));
}

int ItemTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_view.itemCount());
}

int ItemTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ItemTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto [c, i] = locate(index.row());
    const auto &channel = m_view.channel(c);
    const auto &item = m_view.item(c, i);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ChannelColumn:
            return channel.id;
        case TimestampColumn:
            return TimeText::time(item.timestamp);
        case SizeColumn:
            return QLocale().toString(item.size);
        case PreviewColumn:
            return ItemPreview::line(channel.type, m_view.itemData(c, i));
        default:
            return {};
        }
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case ChannelColumn:
            return channel.id;
        case TimestampColumn:
            return item.timestamp;
        case SizeColumn:
            return item.size;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == TimestampColumn)
        return tr("%1 (%2 ms)").arg(TimeText::dateTime(item.timestamp)).arg(item.timestamp);
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ItemTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChannelColumn:
        return tr("Channel");
    case TimestampColumn:
        return tr("Time (%1)").arg(TimeText::zoneName());
    case SizeColumn:
        return tr("Bytes");
    case PreviewColumn:
        return tr("Preview");
    default:
        return {};
    }
}
