// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriestreemodel.h"

using namespace Qt::StringLiterals;

SeriesTreeModel::SeriesTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Series")});
    connect(this, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_updating || !item->isCheckable())
            return;
        m_userChose = true;
        Q_EMIT checkedChanged();
    });
}

QStandardItem *SeriesTreeModel::addSeries(QStandardItem *channel, const QString &channelId,
                                          const QString &path, const QString &text)
{
    const QString key = Series::key(channelId, path);
    if (QStandardItem *existing = m_series.value(key))
        return existing;
    auto *item = new QStandardItem(text);
    item->setCheckable(true);
    item->setCheckState(Qt::Unchecked);
    item->setEditable(false);
    item->setData(key, KeyRole);
    item->setToolTip(tr("%1 of channel %2").arg(text, channelId));
    channel->appendRow(item);
    m_series.insert(key, item);
    return item;
}

void SeriesTreeModel::setCatalog(const QList<Series::ChannelInfo> &channels)
{
    m_updating = true;
    bool autoChecked = false;
    for (const Series::ChannelInfo &info : channels) {
        QStandardItem *channel = m_channels.value(info.id);
        if (!channel) {
            channel = new QStandardItem(info.id);
            channel->setEditable(false);
            channel->setToolTip(info.type);
            appendRow(channel);
            m_channels.insert(info.id, channel);
        }
        for (const QString &leaf : info.leaves) {
            const bool isNew = !m_series.contains(Series::key(info.id, leaf));
            QStandardItem *item = addSeries(channel, info.id, leaf, leaf);
            if (isNew && !m_userChose && checkedKeys().size() < kAutoChecked) {
                item->setCheckState(Qt::Checked);
                autoChecked = true;
            }
        }
        // Short: the tree is narrow, and the tooltip names the channel and the series in full.
        addSeries(channel, info.id, Series::kSizePath, tr("bytes"));
        addSeries(channel, info.id, Series::kRatePath, tr("events/s"));
    }
    m_updating = false;
    if (autoChecked)
        Q_EMIT checkedChanged();
}

void SeriesTreeModel::reset()
{
    clear();
    setHorizontalHeaderLabels({tr("Series")});
    m_channels.clear();
    m_series.clear();
    m_userChose = false;
    Q_EMIT checkedChanged();
}

QStringList SeriesTreeModel::checkedKeys() const
{
    QStringList keys;
    for (int c = 0; c < rowCount(); ++c) {
        const QStandardItem *channel = item(c);
        for (int r = 0; r < channel->rowCount(); ++r) {
            if (channel->child(r)->checkState() == Qt::Checked)
                keys.append(channel->child(r)->data(KeyRole).toString());
        }
    }
    return keys;
}

QString SeriesTreeModel::label(const QString &key) const
{
    const QStandardItem *item = m_series.value(key);
    return tr("%1: %2").arg(Series::channelOfKey(key),
                            item ? item->text() : Series::pathOfKey(key));
}

bool SeriesTreeModel::setChecked(const QString &key, bool checked)
{
    QStandardItem *item = m_series.value(key);
    if (!item)
        return false;
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return true;
}
