// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QtGlobal>

#include <utility>

namespace Engine {

// The period grid: frames start at multiples of the frame duration (UNIX ms), except one that
// follows a frame a stop cut short, which starts where that one ended and runs to the next
// boundary.
class FrameGrid
{
public:
    explicit FrameGrid(qint64 durationMs)
        : m_d(durationMs)
    { }

    qint64 duration() const { return m_d; }
    qint64 alignDown(qint64 t) const
    {
        const qint64 r = t % m_d;
        return r < 0 ? t - r - m_d : t - r;
    }
    qint64 alignUp(qint64 t) const
    {
        const qint64 down = alignDown(t);
        return down == t ? t : down + m_d;
    }
    // The end of a frame that starts at start: the next boundary of the grid.
    qint64 endAfter(qint64 start) const { return alignDown(start) + m_d; }

    // The frames [start, end) that fill the stretch from oldEnd up to next (a boundary or
    // oldEnd itself), oldest first: the first one short where oldEnd is off the grid. At most
    // the newest maxFrames full frames (older ones would be removed at once anyway).
    QList<std::pair<qint64, qint64>> gap(qint64 oldEnd, qint64 next, qint64 maxFrames) const
    {
        QList<std::pair<qint64, qint64>> frames;
        if (next == oldEnd)
            return frames;
        const qint64 firstFull = alignUp(oldEnd);
        const qint64 fullFrames = (next - firstFull) / m_d;
        if (firstFull != oldEnd && fullFrames < maxFrames)
            frames.append({oldEnd, firstFull});
        for (qint64 k = std::max<qint64>(0, fullFrames - maxFrames); k < fullFrames; ++k)
            frames.append({firstFull + k * m_d, firstFull + (k + 1) * m_d});
        return frames;
    }

private:
    qint64 m_d;
};

} // namespace Engine
