// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/seriestreemodel.h"

#include "charts/timechartview.h"

#include <QLocale>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace {

QString sortKey(const QString &path)
{
    if (path == Series::kSizePath)
        return u"1"_s;
    if (path == Series::kRatePath)
        return u"2"_s;
    return u"0"_s + path;
}

} // namespace

SeriesTreeModel::SeriesTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    reset();
    connect(this, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_updating || !item->isCheckable())
            return;
        Q_EMIT checkToggled(item->data(KeyRole).toString(), item->checkState() == Qt::Checked);
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
    item->setDragEnabled(true);
    item->setData(key, KeyRole);
    item->setData(sortKey(path), SortRole);
    item->setToolTip(tr("%1 of channel %2 (drag it onto a plot)").arg(text, channelId));
    channel->appendRow(item);
    m_series.insert(key, item);
    return item;
}

void SeriesTreeModel::setCatalog(const QList<Series::ChannelInfo> &channels)
{
    m_updating = true;
    for (const Series::ChannelInfo &info : channels) {
        QStandardItem *channel = m_channels.value(info.id);
        if (!channel) {
            channel = new QStandardItem(info.id);
            channel->setEditable(false);
            channel->setDragEnabled(false);
            channel->setData(info.id, SortRole);
            channel->setData(info.type, TypeRole);
            channel->setToolTip(tr("%1 (%2)").arg(info.id, info.type));
            updateChannelText(channel, QString());
            appendRow(channel);
            m_channels.insert(info.id, channel);
        }
        for (const QString &leaf : info.leaves)
            addSeries(channel, info.id, leaf, leaf);
        // Short: the tree is narrow, and the tooltip names the channel and the series in full.
        addSeries(channel, info.id, Series::kSizePath, tr("bytes"));
        addSeries(channel, info.id, Series::kRatePath, tr("events/s"));
    }
    m_updating = false;
}

void SeriesTreeModel::updateChannelText(QStandardItem *channel, const QString &rate)
{
    // Short: "json", "plain", "octet-stream" (the tooltip has the whole type).
    const QString type = channel->data(TypeRole).toString();
    QStringList parts {channel->data(SortRole).toString(), type.section(u'/', -1)};
    if (!rate.isEmpty())
        parts.append(rate);
    channel->setText(parts.join(u" · "_s));
}

void SeriesTreeModel::reset()
{
    clear();
    setHorizontalHeaderLabels({tr("Series")});
    m_channels.clear();
    m_series.clear();
}

QStringList SeriesTreeModel::checkedKeys() const
{
    QStringList keys;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        if (it.value()->checkState() == Qt::Checked)
            keys.append(it.key());
    }
    keys.sort();
    return keys;
}

QStringList SeriesTreeModel::allKeys() const
{
    return m_series.keys();
}

QHash<QString, QString> SeriesTreeModel::channelTypes() const
{
    QHash<QString, QString> types;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
        types.insert(it.key(), it.value()->data(TypeRole).toString());
    return types;
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

void SeriesTreeModel::showChecked(const QStringList &keys)
{
    m_updating = true;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        it.value()->setCheckState(keys.contains(it.key()) ? Qt::Checked : Qt::Unchecked);
    m_updating = false;
}

void SeriesTreeModel::setRate(const QString &channel, double eventsPerSecond)
{
    QStandardItem *node = m_channels.value(channel);
    if (!node)
        return;
    updateChannelText(
        node,
        tr("%1/s").arg(QLocale().toString(eventsPerSecond, 'f', eventsPerSecond < 10 ? 1 : 0)));
}

QStringList SeriesTreeModel::mimeTypes() const
{
    return {QString::fromLatin1(TimeChartView::kSeriesMimeType)};
}

QMimeData *SeriesTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList keys;
    for (const QModelIndex &index : indexes) {
        const QString key = index.data(KeyRole).toString();
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(TimeChartView::kSeriesMimeType), keys.join(u'\n').toUtf8());
    return mime;
}
