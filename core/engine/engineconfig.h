// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Engine {

// How often the journal is forced to stable storage (see docs/STORAGE.md for what survives what).
enum class FsyncPolicy {
    Always, // fdatasync before every acknowledgement (concurrent ingests share one sync)
    Interval, // fdatasync at most fsyncIntervalMs after the first unsynced write (the default)
    Never, // the kernel writes back on its own schedule
};

QString fsyncPolicyName(FsyncPolicy policy); // "always" / "interval" / "never"
std::optional<FsyncPolicy> fsyncPolicyFromName(QStringView name);

// Every option of the engine in one place. Defaults are the product's defaults; a limit of 0
// means "no limit" for retainFrames, retainBytes and retainAgeMs.
struct EngineConfig
{
    static constexpr qint64 kMinFrameDurationMs = 100;

    qint64 frameDurationMs = 10'000;
    int history = 6; // finished frames kept in memory
    QString dataDir; // empty: defaultDataDir()
    qint64 retainFrames = 8'640; // one day of 10 s frames
    qint64 retainBytes = qint64(1) << 30; // 1 GiB of archived frames
    qint64 retainAgeMs = 24LL * 3600 * 1000; // frames whose end is older than a day go
    FsyncPolicy fsync = FsyncPolicy::Interval;
    qint64 fsyncIntervalMs = 100;
    TimeFrame::Layout layout = TimeFrame::Layout::Documented; // metadata layout of encoded frames

    // QStandardPaths::AppDataLocation, or a folder in the temporary directory where that is unset.
    static QString defaultDataDir();
    QString effectiveDataDir() const { return dataDir.isEmpty() ? defaultDataDir() : dataDir; }

    // Empty where the configuration is usable, else a translated sentence naming the option.
    QString validate() const;
};

// The options' units (core/service/optiontable.cpp reads the command line with them): -1 on
// malformed input. Durations take a unit (ms, s, min, h, d; a bare number is ms); sizes take k,
// M, G (powers of 1024).
qint64 parseDurationMs(QStringView text);
qint64 parseByteSize(QStringView text);

} // namespace Engine
