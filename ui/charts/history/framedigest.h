// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/data/seriesstore.h"
#include "engine/engineapi.h"
#include "format/frameview.h"

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

// The record of a draft in the cache file (the format is in framedigest.cpp), and its parts
// back: the frame's fields, its names block (channels and series paths) and its numbers.
QByteArray serialize(const DigestDraft &draft);

struct RecordParts
{
    qint64 id = 0;
    qint64 startAt = 0;
    qint64 endAt = 0;
    qint64 size = 0;
    qint64 items = 0;
    QByteArrayView names;
    QByteArrayView numbers;
};
inline constexpr qsizetype kNumberBytes = 4 + 8 + 8 + 8 + 8; // count, min, max, first, last

std::optional<RecordParts> splitRecord(QByteArrayView bytes);
// The channels with their series paths (digests empty); nullopt for a damaged block.
std::optional<QList<DigestDraft::Channel>> readNames(QByteArrayView names);
// The numbers of the i-th series of a record (its series field is 0).
SeriesDigest readNumbers(QByteArrayView numbers, qsizetype i);

} // namespace History
