// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <atomic>

namespace Engine {

// The wall clock the engine cuts frames by; injected so tests never sleep.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // UNIX ms
};

// The system's wall clock.
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that moves only when told to; safe to read from any thread.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowMs = 0)
        : m_now(nowMs)
    { }
    qint64 nowMs() const override { return m_now.load(std::memory_order_acquire); }
    void set(qint64 nowMs) { m_now.store(nowMs, std::memory_order_release); }
    void advance(qint64 ms) { m_now.fetch_add(ms, std::memory_order_acq_rel); }

private:
    std::atomic<qint64> m_now;
};

} // namespace Engine
