// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

// A list of frames, newest on top: the engine's retained frames with the open frame as a "live"
// first row, or the frames imported from files. Updates insert and remove rows (never reset),
// so views keep their selection and scroll position.
class FrameListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        StartColumn,
        EndColumn,
        ChannelsColumn,
        ItemsColumn,
        SizeColumn,
        ColumnCount
    };
    static constexpr int FrameIdRole = Qt::UserRole; // qint64
    static constexpr int LiveRole = Qt::UserRole + 1; // bool
    static constexpr int RawValueRole = Qt::UserRole + 2;
    static constexpr int FileNameRole = Qt::UserRole + 3; // imported frames

    struct Row
    {
        qint64 id = 0;
        qint64 startAt = 0;
        qint64 endAt = 0;
        int channels = 0;
        qint64 items = 0;
        qint64 size = 0;
        bool live = false;
        QString fileName; // imported frames: where it came from
    };

    explicit FrameListModel(QObject *parent = nullptr);

    // Engine frames: the whole retained index (inserts the new, removes the gone).
    void setIndex(const QList<Engine::FrameSummary> &frames);
    // The open frame's row; nullopt removes it.
    void setLive(const std::optional<Row> &live);
    // Imported frames: appended on top.
    void addImported(const Row &row);
    void clear();
    // The window's time zone changed: the Start and End cells are written anew.
    void refreshTimes();

    const Row &row(int i) const { return m_rows[size_t(i)]; }
    QList<Row> rows() const { return {m_rows.begin(), m_rows.end()}; }
    int rowOf(qint64 id, bool live) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void insertRowAt(int position, const Row &row);
    void updateRow(int position, const Row &row);

    std::vector<Row> m_rows;
};
