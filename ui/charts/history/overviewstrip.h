// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QTimer;
class QToolButton;

// A strip under the plots over every retained frame: the density of items (per second of the
// frames in each pixel column), the range shown, and the progress of reading a long range (with a
// cancel button). Dragging picks a range (one whose right edge touches now follows live); a click
// moves the shown range there.
class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    // A load shows its progress once it has run this long.
    static constexpr int kProgressDelayMs = 300;

    explicit OverviewStrip(QWidget *parent = nullptr);
    ~OverviewStrip() override;

    // The index is read at once and again at every finished frame (it is an immutable shared
    // list: reading it never waits on disk).
    void setEngine(const std::shared_ptr<Engine::EngineApi> &engine);
    void setShownRange(qint64 from, qint64 to, bool following);
    void setLoadProgress(qint64 done, qint64 total);

    // The time axis of the strip: every retained frame, up to now while live.
    qint64 spanFrom() const;
    qint64 spanTo() const;
    qint64 timeAt(double x) const;
    double xOf(qint64 t) const;
    bool isProgressShown() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void rangeChosen(qint64 from, qint64 to, bool follow);
    void cancelRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void reloadIndex();
    void updateProgressVisibility();
    QRect barArea() const;

    std::shared_ptr<Engine::EngineApi> m_engine;
    QMetaObject::Connection m_finishedConnection;
    Engine::FrameIndex m_index;
    qint64 m_first = 0; // of the retained frames
    qint64 m_last = 0;
    qint64 m_shownFrom = 0;
    qint64 m_shownTo = 0;
    bool m_following = false;
    qint64 m_loadDone = 0;
    qint64 m_loadTotal = 0;
    bool m_progressDue = false; // the load has run for kProgressDelayMs
    std::optional<double> m_dragStart;
    double m_dragX = 0;
    QTimer *m_clock; // the right edge follows now
    QTimer *m_progressDelay;
    QToolButton *m_cancel;
};
