// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "seriesstore.h"

#include <QStandardItemModel>

// The channel tree of the charts: one node per channel, under it one checkable row per series
// (numeric JSON leaves, item size, event rate). Checked rows are the plotted series.
class SeriesTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    static constexpr int KeyRole = Qt::UserRole + 1; // Series::key() of a series row
    // Leaves checked on their own until the user checks or unchecks one.
    static constexpr int kAutoChecked = 3;

    explicit SeriesTreeModel(QObject *parent = nullptr);

    // Adds the channels and series not shown yet; keeps check states.
    void setCatalog(const QList<Series::ChannelInfo> &channels);
    void reset();
    QStringList checkedKeys() const;
    QString label(const QString &key) const; // "sensor: celsius"
    bool setChecked(const QString &key, bool checked);

Q_SIGNALS:
    void checkedChanged();

private:
    QStandardItem *addSeries(QStandardItem *channel, const QString &channelId, const QString &path,
                             const QString &text);

    QHash<QString, QStandardItem *> m_channels;
    QHash<QString, QStandardItem *> m_series;
    bool m_userChose = false;
    bool m_updating = false;
};
