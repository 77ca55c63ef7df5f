// SPDX-License-Identifier: GPL-3.0-or-later
#include "frames/framelistmodel.h"

#include "common/timetext.h"

#include <QFileInfo>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <set>

FrameListModel::FrameListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int FrameListModel::rowOf(qint64 id, bool live) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id && m_rows[i].live == live)
            return int(i);
    }
    return -1;
}

void FrameListModel::insertRowAt(int position, const Row &row)
{
    beginInsertRows({}, position, position);
    m_rows.insert(m_rows.begin() + position, row);
    endInsertRows();
}

void FrameListModel::updateRow(int position, const Row &row)
{
    Row &current = m_rows[size_t(position)];
    if (current.id == row.id && current.channels == row.channels && current.items == row.items
        && current.size == row.size && current.endAt == row.endAt)
        return;
    current = row;
    Q_EMIT dataChanged(index(position, 0), index(position, ColumnCount - 1));
}

void FrameListModel::setIndex(const QList<Engine::FrameSummary> &frames)
{
    std::set<qint64> wanted;
    for (const Engine::FrameSummary &frame : frames)
        wanted.insert(frame.id);
    // Remove frames that retention dropped, from the bottom up.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!m_rows[size_t(i)].live && !wanted.contains(m_rows[size_t(i)].id)) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    // Insert or update the others at their place: live row first, then newest first.
    for (const Engine::FrameSummary &frame : frames) {
        const Row row {frame.id,    frame.startAt, frame.endAt, frame.channels,
                       frame.items, frame.size,    false,       {}};
        const int existing = rowOf(frame.id, false);
        if (existing >= 0) {
            updateRow(existing, row);
            continue;
        }
        int position = 0;
        while (position < int(m_rows.size())
               && (m_rows[size_t(position)].live || m_rows[size_t(position)].id > frame.id))
            ++position;
        insertRowAt(position, row);
    }
}

void FrameListModel::setLive(const std::optional<Row> &live)
{
    const bool has = !m_rows.empty() && m_rows.front().live;
    if (!live) {
        if (has) {
            beginRemoveRows({}, 0, 0);
            m_rows.erase(m_rows.begin());
            endRemoveRows();
        }
        return;
    }
    Row row = *live;
    row.live = true;
    if (has)
        updateRow(0, row);
    else
        insertRowAt(0, row);
}

void FrameListModel::addImported(const Row &row)
{
    insertRowAt(0, row);
}

void FrameListModel::clear()
{
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

void FrameListModel::refreshTimes()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, StartColumn), index(int(m_rows.size()) - 1, EndColumn),
                           {Qt::DisplayRole});
}

int FrameListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FrameListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FrameListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            if (row.live)
                return tr("● live");
            return row.fileName.isEmpty() ? QString::number(row.id)
                                          : QFileInfo(row.fileName).fileName();
        case StartColumn:
            return TimeText::dateTime(row.startAt);
        case EndColumn:
            return TimeText::dateTime(row.endAt);
        case ChannelsColumn:
            return locale.toString(row.channels);
        case ItemsColumn:
            return locale.toString(row.items);
        case SizeColumn:
            return locale.formattedDataSize(row.size);
        default:
            return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case IdColumn:
            return row.id;
        case StartColumn:
            return row.startAt;
        case EndColumn:
            return row.endAt;
        case ChannelsColumn:
            return row.channels;
        case ItemsColumn:
            return row.items;
        case SizeColumn:
            return row.size;
        default:
            return {};
        }
    case FrameIdRole:
        return row.id;
    case LiveRole:
        return row.live;
    case FileNameRole:
        return row.fileName;
    case Qt::ToolTipRole:
        if (row.live)
            return tr("The open frame %1, still collecting events").arg(row.id);
        if (!row.fileName.isEmpty())
            return row.fileName;
        return tr("Frame %1").arg(row.id);
    case Qt::FontRole:
        if (row.live) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= ChannelsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant FrameListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Frame");
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case ChannelsColumn:
        return tr("Channels");
    case ItemsColumn:
        return tr("Items");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}
