// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/history/framedigest.h"

#include "format/contenttype.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

#include <algorithm>
#include <cstring>

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
        const bool json = ContentType::isJson(record.type);
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

// A record: id, startAt, endAt, size, items (qint64 each), the length of the names block
// (quint32), the names block (QDataStream: per channel its id, type and series paths), and per
// series in the same order its numbers (kNumberBytes each). All little-endian. Consecutive frames
// mostly have the same names block: a reader interns each distinct block once.
namespace {

constexpr qsizetype kHeadBytes = 5 * 8 + 4;

} // namespace

QByteArray serialize(const DigestDraft &draft)
{
    QByteArray names;
    QDataStream stream(&names, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << qint32(draft.channels.size());
    qsizetype series = 0;
    for (const DigestDraft::Channel &channel : draft.channels) {
        stream << channel.id << channel.type << qint32(channel.series.size());
        for (const auto &entry : channel.series)
            stream << entry.first;
        series += channel.series.size();
    }
    QByteArray out(kHeadBytes + names.size() + series * kNumberBytes, Qt::Uninitialized);
    char *p = out.data();
    for (const qint64 v : {draft.id, draft.startAt, draft.endAt, draft.size, draft.items}) {
        qToLittleEndian(v, p);
        p += 8;
    }
    qToLittleEndian(quint32(names.size()), p);
    p += 4;
    memcpy(p, names.constData(), size_t(names.size()));
    p += names.size();
    for (const DigestDraft::Channel &channel : draft.channels) {
        for (const auto &entry : channel.series) {
            const SeriesDigest &d = entry.second;
            qToLittleEndian(d.count, p);
            qToLittleEndian(d.min, p + 4);
            qToLittleEndian(d.max, p + 12);
            qToLittleEndian(d.first, p + 20);
            qToLittleEndian(d.last, p + 28);
            p += kNumberBytes;
        }
    }
    return out;
}

std::optional<RecordParts> splitRecord(QByteArrayView bytes)
{
    if (bytes.size() < kHeadBytes)
        return std::nullopt;
    RecordParts parts;
    const char *p = bytes.data();
    qint64 *fields[] = {&parts.id, &parts.startAt, &parts.endAt, &parts.size, &parts.items};
    for (qint64 *field : fields) {
        *field = qFromLittleEndian<qint64>(p);
        p += 8;
    }
    const quint32 namesLength = qFromLittleEndian<quint32>(p);
    if (qint64(namesLength) > bytes.size() - kHeadBytes)
        return std::nullopt;
    parts.names = bytes.sliced(kHeadBytes, namesLength);
    parts.numbers = bytes.sliced(kHeadBytes + namesLength);
    if (parts.numbers.size() % kNumberBytes != 0)
        return std::nullopt;
    return parts;
}

std::optional<QList<DigestDraft::Channel>> readNames(QByteArrayView names)
{
    const QByteArray data = QByteArray::fromRawData(names.data(), names.size());
    QDataStream stream(data);
    stream.setVersion(QDataStream::Qt_6_4);
    qint32 channels = 0;
    stream >> channels;
    if (stream.status() != QDataStream::Ok || channels < 0 || channels > names.size())
        return std::nullopt;
    QList<DigestDraft::Channel> out;
    out.reserve(channels);
    for (qint32 c = 0; c < channels; ++c) {
        DigestDraft::Channel channel;
        qint32 series = 0;
        stream >> channel.id >> channel.type >> series;
        if (stream.status() != QDataStream::Ok || series < 0 || series > names.size())
            return std::nullopt;
        for (qint32 i = 0; i < series; ++i) {
            QString path;
            stream >> path;
            channel.series.append({path, {}});
        }
        if (stream.status() != QDataStream::Ok)
            return std::nullopt;
        out.append(std::move(channel));
    }
    if (!stream.atEnd())
        return std::nullopt;
    return out;
}

SeriesDigest readNumbers(QByteArrayView numbers, qsizetype i)
{
    const char *p = numbers.data() + i * kNumberBytes;
    SeriesDigest d;
    d.count = qFromLittleEndian<qint32>(p);
    d.min = qFromLittleEndian<double>(p + 4);
    d.max = qFromLittleEndian<double>(p + 12);
    d.first = qFromLittleEndian<qint64>(p + 20);
    d.last = qFromLittleEndian<qint64>(p + 28);
    return d;
}

} // namespace History
