// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <atomic>

namespace Engine {

// The clocks the engine runs by; injected so tests never sleep. The wall clock cuts frames and
// names them; the monotonic clock measures time that really passed (retention by age), so a
// wall clock set forward or back does not age frames.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // UNIX ms
    // Milliseconds from an arbitrary origin, never going back and never jumping with the wall
    // clock; on the system, it runs on while the machine sleeps.
    virtual qint64 monotonicMs() const = 0;
};

// The system's wall clock, and CLOCK_BOOTTIME as the monotonic one.
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
    qint64 monotonicMs() const override;
};

// A clock that moves only when told to; safe to read from any thread.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowMs = 0)
        : m_now(nowMs)
    { }
    qint64 nowMs() const override { return m_now.load(std::memory_order_acquire); }
    qint64 monotonicMs() const override { return m_monotonic.load(std::memory_order_acquire); }
    // Time passes: both clocks move by ms.
    void advance(qint64 ms)
    {
        m_now.fetch_add(ms, std::memory_order_acq_rel);
        m_monotonic.fetch_add(ms, std::memory_order_acq_rel);
    }
    // The wall clock reads nowMs; where that is later, that much time passed.
    void set(qint64 nowMs)
    {
        const qint64 before = m_now.exchange(nowMs, std::memory_order_acq_rel);
        if (nowMs > before)
            m_monotonic.fetch_add(nowMs - before, std::memory_order_acq_rel);
    }
    // The wall clock is set forward (ms > 0) or back; no time passes.
    void jump(qint64 ms) { m_now.fetch_add(ms, std::memory_order_acq_rel); }

private:
    std::atomic<qint64> m_now;
    std::atomic<qint64> m_monotonic {0};
};

} // namespace Engine
