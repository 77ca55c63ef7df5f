// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// Writes frames out as TimeFrame, CSV or JSON files: one file per frame into a folder, or a time
// range of several frames merged into one file. No widgets: the work runs on a worker thread,
// reports progress by signal and stops at the next step when cancelled, leaving no partial file.
class FrameExporter : public QObject
{
    Q_OBJECT
public:
    enum class Format { TimeFrame, Csv, Json };
    enum class Mode {
        FilePerFrame, // target is a folder; <frame id>.<extension> per frame
        Merged, // target is a file; channels merged by id, items in time order, the range's bounds
    };

    // One frame to export. load() runs on the worker thread (it may read the disk); nullopt
    // where the frame is gone.
    struct Source
    {
        qint64 id = 0;
        TimeFrame::Layout layout = TimeFrame::Layout::Documented; // of the bytes load() returns
        std::function<std::optional<QByteArray>()> load;
    };

    struct Options
    {
        Format format = Format::TimeFrame;
        Mode mode = Mode::FilePerFrame;
        QString target; // folder (FilePerFrame) or file (Merged)
        qint64 from = 0; // Merged: items with from <= timestamp < to; startAt/endAt of the file
        qint64 to = 0;
        TimeFrame::Layout layout = TimeFrame::Layout::Documented; // of written TimeFrames
    };

    struct Outcome
    {
        bool ok = false;
        bool cancelled = false;
        QString error; // translated, where !ok && !cancelled
        QStringList files; // written, where ok
    };

    explicit FrameExporter(QObject *parent = nullptr);
    ~FrameExporter() override;

    // Starts an export on a worker thread; ends in finished(). One export at a time.
    void start(const QList<Source> &sources, const Options &options);
    void cancel();
    bool isRunning() const { return m_running; }

    // The export itself, blocking: for the worker thread and for tests. progress(done, total)
    // is called from the calling thread; cancelled is polled between steps.
    static Outcome run(const QList<Source> &sources, const Options &options,
                       const std::atomic_bool &cancelled,
                       const std::function<void(int, int)> &progress = {});

    // Pieces of the export, exposed for tests.
    static TimeFrame::Frame merge(const QList<TimeFrame::Frame> &frames, qint64 from, qint64 to);
    static QByteArray toCsv(const TimeFrame::Frame &frame);
    static QString extension(Format format); // "tf", "csv", "json"

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const FrameExporter::Outcome &outcome);

private:
    std::shared_ptr<std::atomic_bool> m_cancelled;
    bool m_running = false;
};

Q_DECLARE_METATYPE(FrameExporter::Outcome)
