// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/data/seriesstore.h"

#include "format/contenttype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Series {

namespace {

constexpr QChar kSeparator = QChar(0x1f);

void collect(const QJsonValue &value, const QString &path, int depth, int maxLeaves,
             QList<std::pair<QString, double>> &out)
{
    if (out.size() >= maxLeaves || depth > 8)
        return;
    switch (value.type()) {
    case QJsonValue::Double:
        out.append({path.isEmpty() ? u"value"_s : path, value.toDouble()});
        break;
    case QJsonValue::Bool:
        out.append({path.isEmpty() ? u"value"_s : path, value.toBool() ? 1.0 : 0.0});
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end() && out.size() < maxLeaves; ++it)
            collect(it.value(), path.isEmpty() ? it.key() : path % u'.' % it.key(), depth + 1,
                    maxLeaves, out);
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && out.size() < maxLeaves; ++i)
            collect(array.at(i), path % u'[' % QString::number(i) % u']', depth + 1, maxLeaves,
                    out);
        break;
    }
    default:
        break;
    }
}

} // namespace

QString key(const QString &channel, const QString &path)
{
    return channel % kSeparator % path;
}

QString channelOfKey(const QString &key)
{
    return key.section(kSeparator, 0, 0);
}

QString pathOfKey(const QString &key)
{
    return key.section(kSeparator, 1);
}

QList<std::pair<QString, double>> numericLeaves(QByteArrayView json, int maxLeaves)
{
    QList<std::pair<QString, double>> out;
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return out;
    if (document.isObject())
        collect(document.object(), QString(), 0, maxLeaves, out);
    else if (document.isArray())
        collect(document.array(), QString(), 0, maxLeaves, out);
    return out;
}

void Buffer::addToBuckets(std::deque<Bucket> &buckets, qint64 width, qsizetype cap, qint64 t,
                          double v)
{
    const qint64 start = t - (((t % width) + width) % width);
    if (buckets.empty() || start > buckets.back().start) {
        buckets.push_back({start, v, v, 1});
        if (qsizetype(buckets.size()) > cap)
            buckets.pop_front();
        return;
    }
    // Late points (producer timestamps out of order) merge into their bucket, or the first one.
    auto it = std::upper_bound(buckets.begin(), buckets.end(), start,
                               [](qint64 s, const Bucket &b) { return s < b.start; });
    Bucket &bucket = it == buckets.begin() ? buckets.front() : *std::prev(it);
    bucket.min = std::min(bucket.min, v);
    bucket.max = std::max(bucket.max, v);
    ++bucket.count;
}

void Buffer::append(qint64 t, double v)
{
    if (m_raw.empty() || t >= m_raw.back().t) {
        m_raw.push_back({t, v});
    } else {
        auto it = std::upper_bound(m_raw.begin(), m_raw.end(), t,
                                   [](qint64 time, const Point &p) { return time < p.t; });
        m_raw.insert(it, {t, v});
    }
    if (qsizetype(m_raw.size()) > kRawCap) {
        m_raw.pop_front();
        m_rawDropped = true;
    }
    if (qsizetype(m_fine.size()) == kFineCap)
        m_fineDropped = true;
    addToBuckets(m_fine, kFineMs, kFineCap, t, v);
    addToBuckets(m_coarse, kCoarseMs, kCoarseCap, t, v);
    m_last = std::max(m_last, t);
    ++m_total;
}

qint64 Buffer::firstTime() const
{
    if (!m_coarse.empty())
        return m_coarse.front().start;
    return m_raw.empty() ? 0 : m_raw.front().t;
}

std::vector<Column> Buffer::columns(qint64 from, qint64 to, int width) const
{
    width = std::max(width, 1);
    std::vector<Column> out(static_cast<size_t>(width));
    if (to <= from || m_total == 0)
        return out;
    const double span = double(to - from);
    const auto columnOf = [&](qint64 t) {
        return std::clamp(int(double(t - from) * width / span), 0, width - 1);
    };
    const auto add = [&](int c, double lo, double hi, qint64 n, qint64 firstAt, qint64 lastAt) {
        out[size_t(c)].add(lo, hi, n, firstAt, lastAt);
    };

    // The finest level that still holds the start of the range; a coarser one where the columns
    // are wider than twice its buckets (fewer entries to visit, same picture).
    const double columnMs = span / width;
    const bool rawCovers = !m_rawDropped || (!m_raw.empty() && m_raw.front().t <= from);
    const bool fineCovers = !m_fineDropped || (!m_fine.empty() && m_fine.front().start <= from);
    int level = rawCovers ? 0 : fineCovers ? 1 : 2;
    if (level == 0 && fineCovers && columnMs >= 2.0 * kFineMs)
        level = 1;
    if (level == 1 && columnMs >= 2.0 * kCoarseMs)
        level = 2;

    if (level == 0) {
        auto it = std::lower_bound(m_raw.begin(), m_raw.end(), from,
                                   [](const Point &p, qint64 time) { return p.t < time; });
        for (; it != m_raw.end() && it->t < to; ++it)
            add(columnOf(it->t), it->v, it->v, 1, it->t, it->t);
        return out;
    }
    const std::deque<Bucket> &buckets = level == 1 ? m_fine : m_coarse;
    const qint64 bucketMs = level == 1 ? kFineMs : kCoarseMs;
    auto it = std::lower_bound(buckets.begin(), buckets.end(), from - bucketMs + 1,
                               [](const Bucket &b, qint64 time) { return b.start < time; });
    for (; it != buckets.end() && it->start < to; ++it)
        add(columnOf(std::max(it->start, from)), it->min, it->max, it->count, it->start,
            it->start + bucketMs - 1);
    return out;
}

qint64 Buffer::typicalInterval() const
{
    const qsizetype n = std::min<qsizetype>(qsizetype(m_raw.size()), 257);
    if (n < 2)
        return 0;
    std::vector<qint64> intervals;
    intervals.reserve(size_t(n - 1));
    for (auto it = m_raw.end() - n; std::next(it) != m_raw.end(); ++it)
        intervals.push_back(std::next(it)->t - it->t);
    auto middle = intervals.begin() + qsizetype(intervals.size() / 2);
    std::nth_element(intervals.begin(), middle, intervals.end());
    return *middle;
}

void Column::add(double lo, double hi, qint64 n, qint64 firstAt, qint64 lastAt)
{
    if (count == 0) {
        min = lo;
        max = hi;
        first = firstAt;
        last = lastAt;
    } else {
        min = std::min(min, lo);
        max = std::max(max, hi);
        first = std::min(first, firstAt);
        last = std::max(last, lastAt);
    }
    count += n;
}

bool Store::declare(const QString &channel, const QString &type)
{
    if (m_channelIndex.contains(channel) || m_channels.size() >= kMaxChannels)
        return false;
    m_channelIndex.insert(channel, m_channels.size());
    m_channels.append({channel, type, {}});
    return true;
}

bool Store::add(const QString &channel, const QString &type, qint64 timestamp, QByteArrayView data)
{
    bool changed = declare(channel, type);
    const auto found = m_channelIndex.constFind(channel);
    if (found == m_channelIndex.cend())
        return false; // over kMaxChannels
    m_buffers[key(channel, kSizePath)].append(timestamp, double(data.size()));
    ChannelInfo &info = m_channels[*found];
    if (ContentType::isJson(info.type)) {
        for (const auto &[path, value] : numericLeaves(data, kMaxLeavesPerChannel)) {
            if (!info.leaves.contains(path)) {
                if (info.leaves.size() >= kMaxLeavesPerChannel)
                    continue;
                info.leaves.append(path);
                changed = true;
            }
            m_buffers[key(channel, path)].append(timestamp, value);
        }
    }
    m_last = std::max(m_last, timestamp);
    return changed;
}

void Store::clear()
{
    m_channels.clear();
    m_channelIndex.clear();
    m_buffers.clear();
    m_last = 0;
}

const Buffer *Store::buffer(const QString &key) const
{
    const auto it = m_buffers.constFind(key);
    return it == m_buffers.cend() ? nullptr : &it.value();
}

qint64 Store::firstTime() const
{
    qint64 first = std::numeric_limits<qint64>::max();
    for (const Buffer &buffer : m_buffers) {
        if (!buffer.isEmpty())
            first = std::min(first, buffer.firstTime());
    }
    return first == std::numeric_limits<qint64>::max() ? 0 : first;
}

} // namespace Series
