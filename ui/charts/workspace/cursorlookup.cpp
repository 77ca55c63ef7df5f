// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/workspace/cursorlookup.h"

#include "charts/data/seriesstore.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {

// The index of the last item at or before time in a channel, -1 for none (items are in time
// order inside a channel).
qsizetype lastAtOrBefore(const TimeFrame::FrameView &view, qsizetype channel, qint64 time)
{
    qsizetype lo = 0;
    qsizetype hi = view.itemCount(channel);
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (view.item(channel, mid).timestamp <= time)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

QByteArray payload(const TimeFrame::FrameView &view, qsizetype channel, qsizetype item)
{
    const QByteArrayView data = view.itemData(channel, item);
    return data.first(std::min(data.size(), CursorLookup::kMaxData)).toByteArray();
}

} // namespace

CursorLookup::CursorLookup(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<CursorReading>();
}

// A lookup still running when the object goes is dropped: its continuation has this as context.
CursorLookup::~CursorLookup() = default;

void CursorLookup::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    m_engine = engine;
    m_frame.reset();
}

void CursorLookup::setFrame(const TimeFrame::FrameView &view)
{
    m_engine.reset();
    m_frame = view;
}

QList<TimeFrame::FrameView> CursorLookup::framesFor(const Engine::EngineApi &engine, qint64 time,
                                                    const QStringList &keys)
{
    // The frame holding the time first; older ones only while a series has no item yet.
    QList<TimeFrame::FrameView> frames; // oldest first
    const auto complete = [&] {
        const CursorReading reading = read(frames, time, keys, {});
        return std::all_of(reading.values.cbegin(), reading.values.cend(),
                           [](const CursorValue &v) { return v.found; });
    };
    int tried = 0;
    const Engine::Status status = engine.status();
    if (status.openFrameId > 0 && time >= status.openFrameId) {
        ++tried;
        if (auto view = TimeFrame::FrameView::index(engine.openFrameBytes(), std::nullopt))
            frames.prepend(*view);
        if (complete())
            return frames;
    }
    const Engine::FrameIndex index = engine.index();
    if (!index)
        return frames;
    for (const Engine::FrameSummary &summary : *index) { // newest first
        if (summary.startAt > time)
            continue;
        if (tried++ > kFramesBack)
            break;
        if (const auto bytes = engine.frameBytes(summary.id)) {
            if (auto view = TimeFrame::FrameView::index(*bytes, std::nullopt))
                frames.prepend(*view);
        }
        if (complete())
            break;
    }
    return frames;
}

CursorReading CursorLookup::read(const QList<TimeFrame::FrameView> &frames, qint64 time,
                                 const QStringList &keys, const QStringList &aroundChannels)
{
    CursorReading reading;
    reading.time = time;
    for (const QString &key : keys) {
        CursorValue value;
        value.key = key;
        const QString channel = Series::channelOfKey(key);
        const QString path = Series::pathOfKey(key);
        // Newest frame first: the last item at or before the time.
        for (auto f = frames.crbegin(); f != frames.crend() && !value.found; ++f) {
            const qsizetype c = f->channelIndex(channel);
            if (c < 0)
                continue;
            const qsizetype i = lastAtOrBefore(*f, c, time);
            if (i < 0)
                continue;
            value.found = true;
            value.frameId = f->startAt();
            value.channelIndex = c;
            value.itemIndex = i;
            value.timestamp = f->item(c, i).timestamp;
            value.type = f->channel(c).type;
            const QByteArrayView data = f->itemData(c, i);
            value.data = payload(*f, c, i);
            if (path == Series::kSizePath || path == Series::kRatePath) {
                value.value = double(data.size());
                value.hasValue = true;
            } else {
                for (const auto &[leaf, v] : Series::numericLeaves(data)) {
                    if (leaf == path) {
                        value.value = v;
                        value.hasValue = true;
                        break;
                    }
                }
            }
        }
        reading.values.append(value);
    }
    for (const QString &channel : aroundChannels) {
        CursorItems items;
        items.channel = channel;
        // The items of every frame given, in time order, trimmed to kAround either side.
        QList<std::pair<qint64, QByteArray>> all;
        int at = -1;
        for (const TimeFrame::FrameView &f : frames) {
            const qsizetype c = f.channelIndex(channel);
            if (c < 0)
                continue;
            items.type = f.channel(c).type;
            const qsizetype last = lastAtOrBefore(f, c, time);
            const qsizetype begin = std::max<qsizetype>(0, last - kAround);
            const qsizetype end = std::min(f.itemCount(c), last + 1 + kAround);
            for (qsizetype i = begin; i < end; ++i) {
                if (i <= last)
                    at = int(all.size());
                all.append({f.item(c, i).timestamp, payload(f, c, i)});
            }
        }
        const int first = std::max(0, at - kAround);
        const int stop = std::min(int(all.size()), (at < 0 ? 0 : at) + 1 + kAround);
        for (int i = first; i < stop; ++i) {
            items.timestamps.append(all.at(i).first);
            items.payloads.append(all.at(i).second);
        }
        items.atCursor = at < 0 ? -1 : at - first;
        reading.around.append(items);
    }
    return reading;
}

void CursorLookup::lookup(qint64 time, const QStringList &keys, const QStringList &aroundChannels)
{
    const quint64 generation = ++m_generation;
    const std::shared_ptr<Engine::EngineApi> engine = m_engine;
    const std::optional<TimeFrame::FrameView> frame = m_frame;
    auto future = QtConcurrent::run([=] {
        QList<TimeFrame::FrameView> frames;
        if (engine)
            frames = framesFor(*engine, time, keys);
        else if (frame)
            frames.append(*frame);
        return read(frames, time, keys, aroundChannels);
    });
    future.then(this, [this, generation](const CursorReading &reading) {
        if (generation == m_generation)
            Q_EMIT readingReady(reading);
    });
}
