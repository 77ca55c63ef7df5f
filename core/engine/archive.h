// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineapi.h"

#include "format/timeframe.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Engine {

// The data directory: finished frames as `<id>.tf`, journals of open frames as `<id>.journal`.
// Not thread-safe by itself; reads of single files are safe from any thread.
class Archive
{
public:
    // layout: the one frames are read in (FrameView::index before a frame is served).
    explicit Archive(QString dir, TimeFrame::Layout layout = TimeFrame::Layout::Documented)
        : m_dir(std::move(dir))
        , m_layout(layout)
    { }

    const QString &dir() const { return m_dir; }
    QString framePath(qint64 id) const;
    QString journalPath(qint64 id) const;

    // Creates the directory where needed; false with a translated *error where it cannot.
    bool ensureDir(QString *error) const;

    // Indexes every `<id>.tf` from its header (and its channel records where they sit in the
    // first block read), oldest first. Files whose header is not valid or does not match their
    // name are left out with a warning, and their ids added to *damaged (where given). items is
    // -1: a header does not count them (FinishedFrames takes them from the catalog, or from the
    // file).
    QList<FrameSummary> scan(QList<qint64> *damaged = nullptr) const;

    // Ids of the journals present, oldest first.
    QList<qint64> journalIds() const;

    // Writes `<id>.tf` atomically (QSaveFile). With syncDir, the directory is synced too, so the
    // new name survives a power cut before the journal it replaces is removed.
    bool write(qint64 id, QByteArrayView bytes, bool syncDir, QString *error) const;
    // The bytes of `<id>.tf`, checked to be a whole frame with that id whose sections pass
    // FrameView::index; nullopt otherwise (*damaged set where the file is there but fails).
    std::optional<QByteArray> read(qint64 id, bool *damaged = nullptr) const;
    bool remove(qint64 id) const;
    bool removeJournal(qint64 id) const;

private:
    QString m_dir;
    TimeFrame::Layout m_layout;
};

// Which archived frames retention removes. onDisk: the archived frames, oldest first.
// A limit of 0 is no limit. Returns the ids to remove, oldest first.
struct RetentionLimits
{
    qint64 frames = 0;
    qint64 bytes = 0;
    qint64 ageMs = 0;
};
QList<qint64> framesToRemove(const QList<FrameSummary> &onDisk, const RetentionLimits &limits,
                             qint64 nowMs);

} // namespace Engine
