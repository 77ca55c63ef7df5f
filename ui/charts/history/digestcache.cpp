// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/history/digestcache.h"

#include "engine/crc32c.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace History {

namespace {

constexpr char kMagic[8] = {'S', 'S', 'D', 'G', 'S', 'T', '0', '1'};

void appendRecord(QByteArray *out, const QByteArray &payload)
{
    char head[8];
    qToLittleEndian(quint32(payload.size()), head);
    qToLittleEndian(Engine::crc32c(payload), head + 4);
    out->append(head, 8);
    out->append(payload);
}

} // namespace

DigestCache::~DigestCache()
{
    flush();
}

QString DigestCache::defaultFile(const QString &dataDir)
{
    if (dataDir.isEmpty())
        return {};
    const QByteArray canonical = QFileInfo(dataDir).absoluteFilePath().toUtf8();
    const QString name = QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().left(24));
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/history/"_L1 + name
        + ".digests"_L1;
}

void DigestCache::clear()
{
    flush();
    m_file.clear();
    m_digests.clear();
    m_dropped.clear();
    m_channels.clear();
    m_channelIndex.clear();
    m_seriesIndex.clear();
    m_keys.clear();
    m_entries = 0;
    ++m_catalogRevision;
}

void DigestCache::open(const QString &file, const QList<Engine::FrameSummary> &retained)
{
    clear();
    m_file = file;
    if (file.isEmpty())
        return;
    QHash<qint64, qint64> sizes;
    for (const Engine::FrameSummary &f : retained)
        sizes.insert(f.id, f.size);
    QFile in(file);
    QHash<QByteArray, QList<qint32>> seriesOfNames;
    qsizetype records = 0;
    qsizetype kept = 0;
    qint64 goodEnd = sizeof kMagic;
    if (in.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = in.readAll();
        in.close();
        if (bytes.startsWith(QByteArrayView(kMagic, sizeof kMagic))) {
            qint64 pos = sizeof kMagic;
            while (pos + 8 <= bytes.size()) {
                const quint32 length = qFromLittleEndian<quint32>(bytes.constData() + pos);
                const quint32 crc = qFromLittleEndian<quint32>(bytes.constData() + pos + 4);
                if (pos + 8 + qint64(length) > bytes.size())
                    break;
                const QByteArrayView payload(bytes.constData() + pos + 8, length);
                if (Engine::crc32c(payload) != crc)
                    break;
                const auto parts = splitRecord(payload);
                if (!parts)
                    break;
                // Frames mostly share their names block: each distinct one is interned once.
                auto series = seriesOfNames.constFind(
                    QByteArray::fromRawData(parts->names.data(), parts->names.size()));
                if (series == seriesOfNames.cend()) {
                    const auto channels = readNames(parts->names);
                    if (!channels)
                        break;
                    series = seriesOfNames.insert(parts->names.toByteArray(), intern(*channels));
                }
                if (series->size() * kNumberBytes != parts->numbers.size())
                    break;
                pos += 8 + length;
                goodEnd = pos;
                ++records;
                const auto size = sizes.constFind(parts->id);
                if (size != sizes.cend() && *size == parts->size && !find(parts->id)) {
                    FrameDigest digest {parts->id,   parts->startAt, parts->endAt,
                                        parts->size, parts->items,   {}};
                    digest.series.reserve(size_t(series->size()));
                    for (qsizetype i = 0; i < series->size(); ++i) {
                        if (series->at(i) < 0)
                            continue;
                        SeriesDigest d = readNumbers(parts->numbers, i);
                        d.series = series->at(i);
                        digest.series.push_back(d);
                    }
                    insert(std::move(digest));
                    ++kept;
                }
            }
            if (goodEnd == bytes.size() && records - kept <= std::max<qsizetype>(64, kept / 4))
                return; // the file is sound and mostly current: appends go on at its end
        }
    }
    // No file, a damaged one, or one mostly of frames gone: written anew from what was kept.
    if (m_digests.empty()) {
        QFile::remove(file);
        return;
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return;
    QByteArray all(kMagic, sizeof kMagic);
    out.write(all);
    all.clear();
    // The records are rewritten from the digests kept, through their drafts.
    for (const auto &[id, digest] : m_digests) {
        DigestDraft draft {digest.id, digest.startAt, digest.endAt, digest.size, digest.items, {}};
        QHash<qsizetype, qsizetype> channelOf;
        for (const SeriesDigest &s : digest.series) {
            const QString &key = m_keys.at(s.series);
            const qsizetype channel = m_channelIndex.value(Series::channelOfKey(key), -1);
            if (channel < 0)
                continue;
            auto c = channelOf.constFind(channel);
            if (c == channelOf.cend()) {
                c = channelOf.insert(channel, draft.channels.size());
                draft.channels.append({m_channels.at(channel).id, m_channels.at(channel).type, {}});
            }
            draft.channels[*c].series.append({Series::pathOfKey(key), s});
        }
        appendRecord(&all, serialize(draft));
        if (all.size() > (1 << 20)) {
            out.write(all);
            all.clear();
        }
    }
    out.write(all);
    out.commit();
}

void DigestCache::retain(const QList<Engine::FrameSummary> &retained)
{
    QSet<qint64> ids;
    ids.reserve(retained.size());
    for (const Engine::FrameSummary &f : retained)
        ids.insert(f.id);
    for (auto it = m_digests.begin(); it != m_digests.end();) {
        if (ids.contains(it->first)) {
            ++it;
            continue;
        }
        m_entries -= qint64(it->second.series.size());
        it = m_digests.erase(it);
    }
}

void DigestCache::add(const DigestDraft &draft, bool persist)
{
    if (find(draft.id))
        return;
    const QList<qint32> series = intern(draft.channels);
    FrameDigest digest {draft.id, draft.startAt, draft.endAt, draft.size, draft.items, {}};
    qsizetype i = 0;
    for (const DigestDraft::Channel &channel : draft.channels) {
        for (const auto &entry : channel.series) {
            if (series.at(i) >= 0) {
                SeriesDigest d = entry.second;
                d.series = series.at(i);
                digest.series.push_back(d);
            }
            ++i;
        }
    }
    insert(std::move(digest));
    if (persist && !m_file.isEmpty())
        appendRecord(&m_pending, serialize(draft));
}

void DigestCache::flush()
{
    if (m_pending.isEmpty() || m_file.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QFile out(m_file);
    if (out.open(QIODevice::ReadWrite)) {
        if (out.size() < qint64(sizeof kMagic)) {
            out.resize(0);
            out.write(kMagic, sizeof kMagic);
        }
        out.seek(out.size());
        out.write(m_pending);
    }
    m_pending.clear();
}

const FrameDigest *DigestCache::find(qint64 id) const
{
    const auto it = m_digests.find(id);
    return it == m_digests.end() ? nullptr : &it->second;
}

QList<qint32> DigestCache::intern(const QList<DigestDraft::Channel> &channels)
{
    QList<qint32> out;
    for (const DigestDraft::Channel &channel : channels) {
        auto c = m_channelIndex.constFind(channel.id);
        if (c == m_channelIndex.cend() && m_channels.size() < Series::Store::kMaxChannels) {
            c = m_channelIndex.insert(channel.id, m_channels.size());
            m_channels.append({channel.id, channel.type, {}});
            ++m_catalogRevision;
        }
        for (const auto &entry : channel.series) {
            if (c == m_channelIndex.cend()) {
                out.append(-1); // over kMaxChannels
                continue;
            }
            const QString &path = entry.first;
            const QString key = Series::key(channel.id, path);
            auto s = m_seriesIndex.constFind(key);
            if (s == m_seriesIndex.cend()) {
                Series::ChannelInfo &info = m_channels[*c];
                if (path != Series::kSizePath) {
                    if (info.leaves.size() >= Series::Store::kMaxLeavesPerChannel) {
                        out.append(-1);
                        continue;
                    }
                    info.leaves.append(path);
                    ++m_catalogRevision;
                }
                s = m_seriesIndex.insert(key, qint32(m_keys.size()));
                m_keys.append(key);
            }
            out.append(*s);
        }
    }
    return out;
}

void DigestCache::insert(FrameDigest digest)
{
    std::sort(digest.series.begin(), digest.series.end(),
              [](const SeriesDigest &a, const SeriesDigest &b) { return a.series < b.series; });
    digest.series.shrink_to_fit();
    m_entries += qint64(digest.series.size());
    m_dropped.remove(digest.id);
    const qint64 id = digest.id;
    m_digests.insert_or_assign(id, std::move(digest));
    while (m_entries > kMaxEntries && m_digests.size() > 1)
        dropOldest();
}

void DigestCache::dropOldest()
{
    auto oldest = std::min_element(m_digests.begin(), m_digests.end(),
                                   [](const auto &a, const auto &b) { return a.first < b.first; });
    m_entries -= qint64(oldest->second.series.size());
    m_dropped.insert(oldest->first);
    m_digests.erase(oldest);
}

} // namespace History
