// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

// The narrow interface between the engine and its users (HTTP server, GUI, tests).
// Every method is safe to call from any thread and never waits on disk or on the GUI.
namespace Engine {

// One event as a producer posted it.
struct Event
{
    QString channel;
    QString type; // MIME type without parameters
    QByteArray data; // the record's bytes
    std::optional<qint64> timestamp; // producer's timestamp (UNIX ms); none: receive time
    // A timestamp outside the open frame becomes the receive time instead of refusing the
    // event (items of a recorded TimeFrame posted again).
    bool receiveTimeWhenOutside = false;
};

// What an accepted event became.
struct Ack
{
    QString channel;
    qint64 frameId = 0;
    qint64 timestamp = 0;
};

} // namespace Engine
// Qt's implicitly shared types and integers: a growing list moves them as bytes.
Q_DECLARE_TYPEINFO(Engine::Ack, Q_RELOCATABLE_TYPE);
namespace Engine {

enum class IngestError {
    InvalidChannel, // empty, over 128 bytes, control characters
    TypeConflict, // the channel has another type in the open frame (names both)
    OutsideOpenFrame, // a producer timestamp outside the open frame
    StorageUnavailable, // the journal cannot keep it: refused, never acknowledged
    Stopped, // the engine is not running
};

struct IngestFailure
{
    IngestError error = IngestError::Stopped;
    QString message; // translated, names what is wrong (both types for a conflict)
    qsizetype index = -1; // for a batch: which event was refused
};

struct IngestResult
{
    std::optional<IngestFailure> failure; // set: nothing of the request was accepted
    QList<Ack> acks; // one per event, in order, when accepted
    bool ok() const { return !failure.has_value(); }
};

// One line of the index: a finished frame that is retained (in memory, on disk or both).
struct FrameSummary
{
    qint64 id = 0; // == startAt
    qint64 startAt = 0;
    qint64 endAt = 0;
    int channels = 0;
    qint64 items = 0;
    qint64 size = 0; // encoded bytes
    bool inMemory = false;
    bool onDisk = false; // archived as <id>.tf in the data directory
};

// Immutable, shared between threads; newest frame first.
using FrameIndex = std::shared_ptr<const QList<FrameSummary>>;

enum class StorageState { Ok, Unavailable };

struct Status
{
    StorageState storage = StorageState::Ok;
    QString storageDetail; // why storage is unavailable, translated
    qint64 openFrameId = 0;
    // Where the open frame ends (exclusive), at a period boundary; 0 where not known. A frame
    // that starts inside its period (the one a stop cut short ended there) is shorter than the
    // frame duration.
    qint64 openFrameEndAt = 0;
    qint64 framesRetained = 0;
    qint64 bytesOnDisk = 0;
    qint64 eventsAccepted = 0; // since start
};

// An accepted event as live subscribers see it.
struct LiveEvent
{
    QString channel;
    QString type;
    qint64 timestamp = 0;
    qint64 frameId = 0;
    QByteArray data;
};

} // namespace Engine
// Qt's implicitly shared types and integers: a growing list moves them as bytes.
Q_DECLARE_TYPEINFO(Engine::LiveEvent, Q_RELOCATABLE_TYPE);
namespace Engine {

// What one channel accepted since the previous batch: the cheap form of liveEvents, for
// statistics that do not need the events themselves.
struct ChannelActivity
{
    QString channel;
    QString type;
    qint64 events = 0;
    qint64 lastTimestamp = 0; // the newest of their timestamps
};

class EngineApi : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~EngineApi() override = default;

    // All or nothing: either every event is journaled and acknowledged, or none is.
    virtual IngestResult ingest(const QList<Event> &events) = 0;
    IngestResult ingest(const Event &event) { return ingest(QList<Event> {event}); }

    virtual FrameIndex index() const = 0;
    // The encoded bytes of a retained frame, from memory or from disk; nullopt if unknown.
    virtual std::optional<QByteArray> frameBytes(qint64 id) const = 0;
    // The open frame encoded as it stands now.
    virtual QByteArray openFrameBytes() const = 0;
    // The metadata layout frameBytes() and openFrameBytes() are encoded in.
    virtual TimeFrame::Layout layout() const { return TimeFrame::Layout::Documented; }
    virtual Status status() const = 0;
    // The folder the retained frames are archived in; empty where the engine keeps no archive.
    // Readers key caches derived from the frames by it.
    virtual QString dataDirectory() const { return {}; }

Q_SIGNALS:
    // Batched: emitted at most every few milliseconds, from the engine's thread.
    void liveEvents(const QList<Engine::LiveEvent> &events);
    // Emitted with every batch of accepted events, whether or not liveEvents is connected (the
    // engine only collects live events while it is); from the engine's thread.
    void activity(const QList<Engine::ChannelActivity> &channels);
    void frameFinished(const Engine::FrameSummary &frame);
    void statusChanged(const Engine::Status &status);
};

} // namespace Engine

Q_DECLARE_METATYPE(Engine::LiveEvent)
Q_DECLARE_METATYPE(Engine::ChannelActivity)
Q_DECLARE_METATYPE(Engine::FrameSummary)
Q_DECLARE_METATYPE(Engine::Status)
