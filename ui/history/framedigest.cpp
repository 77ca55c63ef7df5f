// SPDX-License-Identifier: GPL-3.0-or-later
#include "framedigest.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>

namespace History {

namespace {

void accumulate(SeriesDigest &d, qint64 t, double v)
{
    if (d.count == 0) {
        d.min = d.max = v;
        d.first = d.last = t;
    } else {
        d.min = std::min(d.min, v);
        d.max = std::max(d.max, v);
        d.first = std::min(d.first, t);
        d.last = std::max(d.last, t);
    }
    ++d.count;
}

} // namespace

const SeriesDigest *FrameDigest::find(qint32 s) const
{
    const auto it = std::lower_bound(series.begin(), series.end(), s,
                                     [](const SeriesDigest &d, qint32 v) { return d.series < v; });
    return it != series.end() && it->series == s ? &*it : nullptr;
}

DigestDraft digestFrame(const TimeFrame::FrameView &view)
{
    DigestDraft draft;
    draft.id = view.startAt();
    draft.startAt = view.startAt();
    draft.endAt = view.endAt();
    draft.size = view.bytes().size();
    draft.items = view.itemCount();
    for (qsizetype c = 0; c < view.channelCount(); ++c) {
        const auto &record = view.channel(c);
        DigestDraft::Channel channel {record.id, record.type, {}};
        channel.series.append({Series::kSizePath, {}});
        const bool json = Series::isJsonType(record.type);
        QHash<QString, qsizetype> leafIndex;
        for (qsizetype i = 0; i < record.itemCount; ++i) {
            const qint64 t = view.item(c, i).timestamp;
            const QByteArrayView data = view.itemData(c, i);
            accumulate(channel.series[0].second, t, double(data.size()));
            if (!json)
                continue;
            for (const auto &[path, value] :
                 Series::numericLeaves(data, Series::Store::kMaxLeavesPerChannel)) {
                auto found = leafIndex.constFind(path);
                if (found == leafIndex.cend()) {
                    if (leafIndex.size() >= Series::Store::kMaxLeavesPerChannel)
                        continue;
                    found = leafIndex.insert(path, channel.series.size());
                    channel.series.append({path, {}});
                }
                accumulate(channel.series[*found].second, t, value);
            }
        }
        draft.channels.append(std::move(channel));
    }
    return draft;
}

QByteArray serialize(const DigestDraft &draft)
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << draft.id << draft.startAt << draft.endAt << draft.size << draft.items
           << qint32(draft.channels.size());
    for (const DigestDraft::Channel &channel : draft.channels) {
        stream << channel.id << channel.type << qint32(channel.series.size());
        for (const auto &[path, d] : channel.series)
            stream << path << d.count << d.min << d.max << d.first << d.last;
    }
    return out;
}

std::optional<DigestDraft> deserialize(QByteArrayView bytes)
{
    const QByteArray data = QByteArray::fromRawData(bytes.data(), bytes.size());
    QDataStream stream(data);
    stream.setVersion(QDataStream::Qt_6_4);
    DigestDraft draft;
    qint32 channels = 0;
    stream >> draft.id >> draft.startAt >> draft.endAt >> draft.size >> draft.items >> channels;
    if (stream.status() != QDataStream::Ok || channels < 0 || channels > 1'000'000)
        return std::nullopt;
    draft.channels.reserve(channels);
    for (qint32 c = 0; c < channels; ++c) {
        DigestDraft::Channel channel;
        qint32 series = 0;
        stream >> channel.id >> channel.type >> series;
        if (stream.status() != QDataStream::Ok || series < 0 || series > 1'000'000)
            return std::nullopt;
        channel.series.reserve(series);
        for (qint32 s = 0; s < series; ++s) {
            QString path;
            SeriesDigest d;
            stream >> path >> d.count >> d.min >> d.max >> d.first >> d.last;
            channel.series.append({path, d});
        }
        if (stream.status() != QDataStream::Ok)
            return std::nullopt;
        draft.channels.append(std::move(channel));
    }
    if (!stream.atEnd())
        return std::nullopt;
    return draft;
}

} // namespace History
