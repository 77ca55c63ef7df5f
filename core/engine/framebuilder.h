// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"
#include "format/timeframe.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace Engine {

// Where each event of a checked batch goes; made by FrameBuilder::plan(), applied by apply().
struct IngestPlan
{
    struct NewChannel
    {
        QString id;
        QString type;
    };
    struct Placement
    {
        qsizetype channel = 0; // index in the frame once the new channels are added
        qint64 timestamp = 0;
    };
    QList<NewChannel> newChannels; // in order of first appearance
    std::vector<Placement> placements;
};

// The open frame [startAt, endAt): its channels in order of first appearance, each with its
// items already in their encoded form, so finishing a frame is a concatenation.
class FrameBuilder
{
public:
    // Items are kept in chunks of this size: a snapshot of the open frame shares the full chunks
    // instead of copying the whole frame under the ingest lock.
    static constexpr qsizetype kChunkSize = 64 * 1024;

    struct Channel
    {
        QString id;
        QString type;
        QList<QByteArray> chunks;
        qint64 items = 0;
        qint64 dataBytes = 0; // encoded items: 16 bytes each plus the record data
    };

    FrameBuilder(qint64 startAt, qint64 endAt)
        : m_startAt(startAt)
        , m_endAt(endAt)
    { }

    qint64 startAt() const { return m_startAt; }
    qint64 endAt() const { return m_endAt; } // exclusive
    qint64 id() const { return m_startAt; }
    bool contains(qint64 timestamp) const { return timestamp >= m_startAt && timestamp < m_endAt; }

    qsizetype channelCount() const { return m_channels.size(); }
    const Channel &channel(qsizetype i) const { return m_channels[i]; }
    qsizetype channelIndex(const QString &id) const { return m_channelIndex.value(id, -1); }
    qint64 itemCount() const { return m_items; }
    // The latest item timestamp (items need not arrive in order); nullopt without items.
    std::optional<qint64> newestTimestamp() const
    {
        return m_items > 0 ? std::optional<qint64>(m_newest) : std::nullopt;
    }

    // What the frame holds at one moment: rollBack() returns to it, dropping every channel and
    // item added since (a batch whose journal sync failed after it was applied).
    struct Mark
    {
        struct ChannelState
        {
            qsizetype chunks = 0;
            qsizetype lastChunkSize = 0;
            qint64 items = 0;
            qint64 dataBytes = 0;
        };
        QList<ChannelState> channels;
        qint64 items = 0;
        qint64 newest = 0;
    };
    Mark mark() const;
    void rollBack(const Mark &mark);

    // Ends the frame early at endAt (exclusive): startAt < endAt <= endAt(), and every item
    // stays inside, newestTimestamp() < endAt.
    void cutAt(qint64 endAt);

    // Checks a batch against the frame's rules without changing anything: channel names, one
    // type per channel, producer timestamps inside the frame. Events without a timestamp get
    // receiveTime, kept inside the frame. On failure, names the event (index) and the reason.
    std::optional<IngestFailure> plan(const QList<Event> &events, qint64 receiveTime,
                                      IngestPlan *out) const;
    // Adds a planned batch; the plan must come from plan() on this builder with no change since.
    void apply(const IngestPlan &plan, const QList<Event> &events);

    // Replay: adds one channel or item as recorded in the journal.
    qsizetype addChannel(const QString &id, const QString &type);
    void addItem(qsizetype channel, qint64 timestamp, QByteArrayView data);

    // The frame as TimeFrame bytes through the format's writer, endAt = the frame's end; the
    // array's capacity is its size. Fails where the writer does (channel records over 4 GiB).
    TimeFrame::Result<QByteArray> encode(TimeFrame::Layout layout) const;
    FrameSummary summary(qint64 encodedBytes) const;

    // An empty channel type is stored as this, like an HTTP body without a Content-Type.
    static QString defaultType();

private:
    qint64 m_startAt;
    qint64 m_endAt;
    QList<Channel> m_channels;
    QHash<QString, qsizetype> m_channelIndex;
    qint64 m_items = 0;
    qint64 m_newest = 0; // valid while m_items > 0
};

} // namespace Engine
