// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>
#include <vector>

// Per-channel and per-JSON-leaf time series with bounded memory, decimated on demand.
// Not thread-safe: one thread owns a store (the chart feed's thread, or a worker for a frame).
namespace Series {

// The special paths beside JSON leaves: every channel has a size series, and its rate is derived
// from the same points (events per second per pixel column).
inline const QString kSizePath = QStringLiteral("#size");
inline const QString kRatePath = QStringLiteral("#rate");

QString key(const QString &channel, const QString &path); // "channel\x1fpath"
QString channelOfKey(const QString &key);
QString pathOfKey(const QString &key);

// Every numeric leaf of a JSON document as (path, value): "celsius", "pos.x", "v[2]".
// At most maxLeaves leaves, depth-first in document order; booleans count as 0/1.
QList<std::pair<QString, double>> numericLeaves(QByteArrayView json, int maxLeaves = 32);

// One pixel column of a decimated series.
struct Column
{
    double min = 0;
    double max = 0;
    qint64 count = 0; // points (or events) that fell into the column
    qint64 first = 0; // time of the column's first and last point (of a bucket: its bounds)
    qint64 last = 0;

    // Merges a point or a summary of count points from first to last.
    void add(double lo, double hi, qint64 n, qint64 firstAt, qint64 lastAt);
    void add(const Column &other)
    {
        add(other.min, other.max, other.count, other.first, other.last);
    }
};

// Three levels of one series: recent raw points, fine buckets and coarse buckets, each capped,
// so that a series never holds more than about 1 MB however long it runs.
class Buffer
{
public:
    static constexpr qsizetype kRawCap = 16'384;
    static constexpr qint64 kFineMs = 25;
    static constexpr qsizetype kFineCap = 12'000; // 5 minutes
    static constexpr qint64 kCoarseMs = 2'000;
    static constexpr qsizetype kCoarseCap = 10'800; // 6 hours

    void append(qint64 t, double v);
    // Min, max and count per column over [from, to), width columns (width >= 1).
    std::vector<Column> columns(qint64 from, qint64 to, int width) const;
    qint64 firstTime() const; // of the coarsest data held, 0 when empty
    // The median interval between the latest raw points (up to 256 of them); 0 with fewer than 2.
    qint64 typicalInterval() const;
    qint64 lastTime() const { return m_last; }
    qint64 totalCount() const { return m_total; }
    bool isEmpty() const { return m_total == 0; }

private:
    struct Point
    {
        qint64 t;
        double v;
    };
    struct Bucket
    {
        qint64 start;
        double min;
        double max;
        qint64 count;
    };
    static void addToBuckets(std::deque<Bucket> &buckets, qint64 width, qsizetype cap, qint64 t,
                             double v);

    std::deque<Point> m_raw;
    std::deque<Bucket> m_fine;
    std::deque<Bucket> m_coarse;
    bool m_rawDropped = false;
    bool m_fineDropped = false;
    qint64 m_last = 0;
    qint64 m_total = 0;
};

// What a store knows about one channel.
struct ChannelInfo
{
    QString id;
    QString type;
    QStringList leaves; // JSON paths seen, in order of first appearance
};

// All series of a stream of events: one size series per channel, one per numeric JSON leaf.
class Store
{
public:
    static constexpr int kMaxChannels = 64;
    static constexpr int kMaxLeavesPerChannel = 32;

    // Returns true where a channel or a leaf appeared (the catalog changed).
    bool add(const QString &channel, const QString &type, qint64 timestamp, QByteArrayView data);
    // Makes a channel known without an item (a frame's empty channel still gets a lane).
    bool declare(const QString &channel, const QString &type);
    void clear();

    const QList<ChannelInfo> &channels() const { return m_channels; }
    const Buffer *buffer(const QString &key) const;
    qint64 firstTime() const;
    qint64 lastTime() const { return m_last; }

private:
    QList<ChannelInfo> m_channels;
    QHash<QString, qsizetype> m_channelIndex;
    QHash<QString, Buffer> m_buffers;
    qint64 m_last = 0;
};

} // namespace Series
