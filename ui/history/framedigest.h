// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "format/frameview.h"
#include "seriesstore.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

// What the charts need of a frame to draw it from far away, without its items: per series the
// range of values, how many items and when the first and the last fell. Computed once per frame
// (when it finishes, or lazily for old frames), kept in memory and in a cache file.
namespace History {

struct SeriesDigest
{
    qint32 series = 0; // index into the DigestCache's keys
    qint32 count = 0;
    double min = 0;
    double max = 0;
    qint64 first = 0; // timestamps of the first and last item
    qint64 last = 0;
};

struct FrameDigest
{
    qint64 id = 0;
    qint64 startAt = 0;
    qint64 endAt = 0;
    qint64 size = 0; // encoded bytes: a digest only stands for a frame of that size
    qint64 items = 0;
    std::vector<SeriesDigest> series; // sorted by series

    const SeriesDigest *find(qint32 series) const;
    qint64 heapBytes() const { return qint64(series.capacity() * sizeof(SeriesDigest)); }
};

// A digest as it is computed and stored: series named by channel and path.
struct DigestDraft
{
    struct Channel
    {
        QString id;
        QString type;
        QList<std::pair<QString, SeriesDigest>> series; // path ("#size", a JSON leaf), digest
    };
    qint64 id = 0;
    qint64 startAt = 0;
    qint64 endAt = 0;
    qint64 size = 0;
    qint64 items = 0;
    QList<Channel> channels;
};

// Every series of a frame: the size of each item, and the numeric JSON leaves of JSON channels
// (the same leaves, with the same limits, as Series::Store).
DigestDraft digestFrame(const TimeFrame::FrameView &view);

// The record of a draft in the cache file, and back; nullopt for a damaged record.
QByteArray serialize(const DigestDraft &draft);
std::optional<DigestDraft> deserialize(QByteArrayView bytes);

} // namespace History
