// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/history/framedigest.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <unordered_map>

// The digests of the retained frames, in memory and in a cache file. Not thread-safe: the chart
// feed's thread owns it.
//
// The file (QStandardPaths::CacheLocation/history/<hash of the data directory>.digests) is a
// header and appended records, each with its length and CRC-32C; a damaged tail is cut off at
// the first bad record. A record only stands for the frame of that id and encoded size in the
// index; records of frames retention removed are dropped when the file is compacted at open.
namespace History {

class DigestCache
{
public:
    // Series digests held in memory at most (about 40 bytes each): past it, the oldest frames'
    // digests are dropped and their frames draw from nothing at far zoom.
    static constexpr qint64 kMaxEntries = 4'000'000;

    DigestCache() = default;
    ~DigestCache();
    DigestCache(const DigestCache &) = delete;
    DigestCache &operator=(const DigestCache &) = delete;

    static QString defaultFile(const QString &dataDir);

    // Reads the file (an empty name: memory only) and keeps the digests of the frames retained.
    void open(const QString &file, const QList<Engine::FrameSummary> &retained);
    void clear();
    // Forgets digests of frames no longer retained.
    void retain(const QList<Engine::FrameSummary> &retained);

    // Interns the draft's series, keeps it and appends it to the file (at flush()).
    void add(const DigestDraft &draft, bool persist = true);
    void flush();

    const FrameDigest *find(qint64 id) const;
    bool isDropped(qint64 id) const { return m_dropped.contains(id); }
    qint32 seriesIndex(const QString &key) const { return m_seriesIndex.value(key, -1); }
    const QList<Series::ChannelInfo> &channels() const { return m_channels; }
    int catalogRevision() const { return m_catalogRevision; }
    qsizetype frameCount() const { return qsizetype(m_digests.size()); }
    QString fileName() const { return m_file; }

private:
    // Series indices of the channels' series in order, -1 past the catalog's limits.
    QList<qint32> intern(const QList<DigestDraft::Channel> &channels);
    void insert(FrameDigest digest);
    void dropOldest();

    QString m_file;
    QByteArray m_pending;
    std::unordered_map<qint64, FrameDigest> m_digests;
    QSet<qint64> m_dropped;
    QList<Series::ChannelInfo> m_channels;
    QHash<QString, qsizetype> m_channelIndex;
    QHash<QString, qint32> m_seriesIndex;
    QStringList m_keys; // by series index
    qint64 m_entries = 0;
    int m_catalogRevision = 0;
};

} // namespace History
