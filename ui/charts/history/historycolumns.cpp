// SPDX-License-Identifier: GPL-3.0-or-later
// What the retained frames read so far give the charts: columns, intervals, the span held.
#include "charts/history/historyreader.h"

#include "format/contenttype.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace History {

std::vector<Series::Column> Reader::columns(const QString &key, qint64 from, qint64 to, int width,
                                            qint64 cutoff) const
{
    width = std::max(width, 1);
    std::vector<Series::Column> out(static_cast<size_t>(width));
    if (!m_engine || to <= from)
        return out;
    const double span = double(to - from);
    const auto columnOf = [&](qint64 t) {
        return std::clamp(int(double(t - from) * width / span), 0, width - 1);
    };
    const auto columnStart = [&](int c) {
        return from + qint64(double(c) * span / width);
    };
    const qint32 series = m_cache.seriesIndex(key);
    const auto [first, last] = framesIn(from, to);
    for (qsizetype i = first; i < last; ++i) {
        const Engine::FrameSummary &frame = m_frames[size_t(i)];
        if (frame.startAt >= cutoff)
            break;
        const auto raw = m_raw.constFind(frame.id);
        if (raw != m_raw.cend() && raw->grid == m_grid) {
            const auto buckets = raw->buckets.constFind(key);
            if (buckets != raw->buckets.cend()) {
                for (const Bucket &b : *buckets) {
                    if (b.column.first < from || b.column.first >= std::min(to, cutoff))
                        continue;
                    out[size_t(columnOf(b.column.first))].add(b.column);
                }
                continue;
            }
        }
        const FrameDigest *digest = series >= 0 ? m_cache.find(frame.id) : nullptr;
        const SeriesDigest *d = digest ? digest->find(series) : nullptr;
        if (!d || d->count == 0 || d->first >= cutoff || d->last < from || d->first >= to)
            continue;
        // A frame wider than a column (not read yet): its range over the columns it spans, its
        // count shared by time.
        const int c0 = columnOf(std::max(d->first, from));
        const int c1 = columnOf(std::min(d->last, to - 1));
        const double duration = double(d->last - d->first + 1);
        qint64 left = d->count;
        for (int c = c0; c <= c1; ++c) {
            const qint64 a = c == c0 ? d->first : columnStart(c);
            const qint64 b = c == c1 ? d->last : columnStart(c + 1) - 1;
            const qint64 n =
                c == c1 ? left : qint64(double(d->count) * double(b - a + 1) / duration);
            left -= n;
            out[size_t(c)].add(d->min, d->max, n, a, b);
        }
    }
    return out;
}

qint64 Reader::typicalInterval(const QString &key, qint64 from, qint64 to) const
{
    const qint32 series = m_cache.seriesIndex(key);
    if (series < 0)
        return 0;
    const auto [first, last] = framesIn(from, to);
    const qsizetype n = last - first;
    std::vector<qint64> intervals;
    const qsizetype samples = std::min<qsizetype>(n, 64);
    for (qsizetype s = 0; s < samples; ++s) {
        const FrameDigest *digest = m_cache.find(m_frames[size_t(first + s * n / samples)].id);
        const SeriesDigest *d = digest ? digest->find(series) : nullptr;
        if (d && d->count >= 2)
            intervals.push_back((d->last - d->first) / (d->count - 1));
    }
    if (intervals.empty())
        return 0;
    auto middle = intervals.begin() + qsizetype(intervals.size() / 2);
    std::nth_element(intervals.begin(), middle, intervals.end());
    return *middle;
}

qint64 Reader::firstTime() const
{
    return m_frames.empty() ? 0 : m_frames.front().startAt;
}

qint64 Reader::lastTime() const
{
    return m_frames.empty() ? 0 : m_frames.back().endAt;
}

qint64 Reader::heldBucketBytes() const
{
    qint64 bytes = 0;
    for (const RawFrame &raw : m_raw) {
        for (const auto &buckets : raw.buckets)
            bytes += qint64(buckets.capacity() * sizeof(Bucket));
    }
    return bytes;
}

} // namespace History
