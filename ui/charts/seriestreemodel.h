// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/data/seriesstore.h"

#include <QStandardItemModel>

// The channel tree of the charts: one node per channel ("sensor · json · 20/s": its content type
// and rate; the tooltip has the type in full), under
// it one checkable row per series (numeric JSON leaves, item size, event rate). A checked row is
// a series shown in a pane of the workspace; nothing is checked on its own here. Rows drag as
// TimeChartView::kSeriesMimeType.
class SeriesTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    static constexpr int KeyRole = Qt::UserRole + 1; // Series::key() of a series row
    static constexpr int SortRole = Qt::UserRole + 2; // channels by id, leaves before bytes, rate
    static constexpr int TypeRole = Qt::UserRole + 3; // of a channel row: its content type

    explicit SeriesTreeModel(QObject *parent = nullptr);

    // Adds the channels and series not shown yet; keeps check states.
    void setCatalog(const QList<Series::ChannelInfo> &channels);
    void reset();
    QStringList checkedKeys() const;
    QStringList allKeys() const;
    QHash<QString, QString> channelTypes() const;
    QString label(const QString &key) const; // "sensor: celsius"
    bool setChecked(const QString &key, bool checked);
    // The check states to match exactly `keys`, without checkedChanged.
    void showChecked(const QStringList &keys);
    // Events per second of a channel, as measured by the owner.
    void setRate(const QString &channel, double eventsPerSecond);

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

Q_SIGNALS:
    // The user checked or unchecked `key`.
    void checkToggled(const QString &key, bool checked);

private:
    void updateChannelText(QStandardItem *channel, const QString &rate);
    QStandardItem *addSeries(QStandardItem *channel, const QString &channelId, const QString &path,
                             const QString &text);

    QHash<QString, QStandardItem *> m_channels;
    QHash<QString, QStandardItem *> m_series;
    bool m_updating = false;
};
