// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "format/frameview.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// The exact value of every series at a time, read from the raw items (never from the decimated
// lines): for each series the last item at or before the time, with the frame and item index
// that hold it, so that the inspector can open it.
struct CursorValue
{
    QString key; // Series::key()
    bool found = false;
    double value = 0; // the leaf (Series::numericLeaves), the item's size for #size and #rate
    bool hasValue = false; // false for a leaf the item does not hold
    qint64 timestamp = 0; // of the item
    qint64 frameId = 0;
    qsizetype channelIndex = -1; // inside the frame
    qsizetype itemIndex = -1; // inside the channel
    QString type; // of the channel
    QByteArray data; // the item's payload (at most kMaxData bytes)
};

// Items of a channel around the time, for a text channel's log or a binary channel's hex.
struct CursorItems
{
    QString channel;
    QString type;
    QList<qint64> timestamps;
    QList<QByteArray> payloads; // each at most CursorValue::kMaxData bytes
    int atCursor = -1; // index of the last item at or before the time, -1 for none
};

struct CursorReading
{
    qint64 time = 0;
    QList<CursorValue> values; // in the order of the keys asked for
    QList<CursorItems> around; // one per channel asked for
};

class CursorLookup : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxData = 4096;
    static constexpr int kAround = 8; // items before and after the cursor in CursorItems
    static constexpr int kFramesBack = 4; // frames searched before the one holding the time

    explicit CursorLookup(QObject *parent = nullptr);
    ~CursorLookup() override;

    // The source: an engine (its index and open frame), or one frame (the inspector).
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void setFrame(const TimeFrame::FrameView &view);

    // Starts a lookup off the GUI thread; readingReady follows. A newer request supersedes an
    // older one still running (only the newest is reported).
    void lookup(qint64 time, const QStringList &keys, const QStringList &aroundChannels = {});

    // The reading over frames ordered oldest first; pure, for any thread.
    static CursorReading read(const QList<TimeFrame::FrameView> &frames, qint64 time,
                              const QStringList &keys, const QStringList &aroundChannels);
    // The frames to search for a time, oldest first, from an engine: the one holding the time,
    // and older ones (at most kFramesBack) only while a key has no item at or before the time.
    // Runs on any thread.
    static QList<TimeFrame::FrameView> framesFor(const Engine::EngineApi &engine, qint64 time,
                                                 const QStringList &keys);

Q_SIGNALS:
    void readingReady(const CursorReading &reading);

private:
    std::shared_ptr<Engine::EngineApi> m_engine;
    std::optional<TimeFrame::FrameView> m_frame;
    quint64 m_generation = 0;
};

Q_DECLARE_METATYPE(CursorReading)
