// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Engine {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Engine::EngineConfig", text);
}

// Splits "250ms" into 250 and "ms".
bool splitNumber(QStringView text, qint64 *number, QStringView *unit)
{
    text = text.trimmed();
    qsizetype digits = 0;
    while (digits < text.size() && text[digits].isDigit())
        ++digits;
    if (digits == 0 || digits > 18)
        return false;
    bool ok = false;
    *number = text.left(digits).toLongLong(&ok);
    *unit = text.mid(digits).trimmed();
    return ok;
}

qint64 scaled(qint64 number, qint64 factor)
{
    if (number > std::numeric_limits<qint64>::max() / factor)
        return -1;
    return number * factor;
}

} // namespace

QString fsyncPolicyName(FsyncPolicy policy)
{
    switch (policy) {
    case FsyncPolicy::Always:
        return u"always"_s;
    case FsyncPolicy::Interval:
        return u"interval"_s;
    case FsyncPolicy::Never:
        return u"never"_s;
    }
    return {};
}

std::optional<FsyncPolicy> fsyncPolicyFromName(QStringView name)
{
    for (const FsyncPolicy policy :
         {FsyncPolicy::Always, FsyncPolicy::Interval, FsyncPolicy::Never}) {
        if (name.compare(fsyncPolicyName(policy), Qt::CaseInsensitive) == 0)
            return policy;
    }
    return std::nullopt;
}

QString EngineConfig::defaultDataDir()
{
    const QString location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!location.isEmpty())
        return location;
    return QDir::tempPath() + u"/syncstreamer"_s;
}

QString EngineConfig::validate() const
{
    if (frameDurationMs < kMinFrameDurationMs)
        return tr("The frame duration must be at least %1 ms.").arg(kMinFrameDurationMs);
    if (history < 0)
        return tr("The history must not be negative.");
    if (retainFrames < 0 || retainBytes < 0 || retainAgeMs < 0)
        return tr("Retention limits must not be negative (0 means no limit).");
    if (fsyncIntervalMs < 1)
        return tr("The fsync interval must be at least 1 ms.");
    return {};
}

qint64 parseDurationMs(QStringView text)
{
    qint64 number = 0;
    QStringView unit;
    if (!splitNumber(text, &number, &unit))
        return -1;
    if (unit.isEmpty() || unit == u"ms")
        return number;
    if (unit == u"s")
        return scaled(number, 1000);
    if (unit == u"min" || unit == u"m")
        return scaled(number, 60'000);
    if (unit == u"h")
        return scaled(number, 3'600'000);
    if (unit == u"d")
        return scaled(number, 86'400'000);
    return -1;
}

qint64 parseByteSize(QStringView text)
{
    qint64 number = 0;
    QStringView unit;
    if (!splitNumber(text, &number, &unit))
        return -1;
    if (unit.endsWith(u"iB"))
        unit.chop(2);
    else if (unit.endsWith(u'B'))
        unit.chop(1);
    if (unit.isEmpty())
        return number;
    if (unit.compare(u"k", Qt::CaseInsensitive) == 0)
        return scaled(number, qint64(1) << 10);
    if (unit == u"M")
        return scaled(number, qint64(1) << 20);
    if (unit == u"G")
        return scaled(number, qint64(1) << 30);
    if (unit == u"T")
        return scaled(number, qint64(1) << 40);
    return -1;
}

void addEngineOptions(QCommandLineParser &parser)
{
    const EngineConfig d;
    parser.addOptions({
        {u"frame-duration"_s,
         tr("Length of a time frame (ms, or with a unit: 500ms, 10s, 1min; at least 100 ms). "
            "Default: %1 ms.")
             .arg(d.frameDurationMs),
         tr("duration")},
        {u"history"_s, tr("Finished frames kept in memory. Default: %1.").arg(d.history),
         tr("count")},
        {u"data-dir"_s,
         tr("Directory for archived frames and the journal. Default: %1.")
             .arg(QDir::toNativeSeparators(EngineConfig::defaultDataDir())),
         tr("path")},
        {u"retain-frames"_s,
         tr("Keep at most this many archived frames, 0 for no limit. Default: %1.")
             .arg(d.retainFrames),
         tr("count")},
        {u"retain-bytes"_s,
         tr("Keep at most this many bytes of archived frames (k, M, G), 0 for no limit. "
            "Default: 1G."),
         tr("size")},
        {u"retain-age"_s,
         tr("Remove archived frames older than this (10min, 24h, 7d), 0 for no limit. "
            "Default: 24h."),
         tr("duration")},
        {u"fsync"_s,
         tr("When the journal is synced to disk: always, interval (every %1 ms) or never. "
            "Default: interval.")
             .arg(d.fsyncIntervalMs),
         tr("policy")},
    });
}

EngineConfig configFromParser(const QCommandLineParser &parser, QString *error)
{
    const EngineConfig defaults;
    EngineConfig config;
    QString problem;
    auto fail = [&problem](const QString &option, const QString &value) {
        if (problem.isEmpty())
            problem = tr("Invalid value \"%1\" for --%2.").arg(value, option);
    };

    auto readDuration = [&](const QString &option, qint64 *target) {
        if (!parser.isSet(option))
            return;
        const QString value = parser.value(option);
        const qint64 ms = parseDurationMs(value);
        if (ms < 0)
            fail(option, value);
        else
            *target = ms;
    };
    auto readCount = [&](const QString &option, qint64 *target) {
        if (!parser.isSet(option))
            return;
        const QString value = parser.value(option);
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < 0)
            fail(option, value);
        else
            *target = n;
    };

    readDuration(u"frame-duration"_s, &config.frameDurationMs);
    qint64 history = config.history;
    readCount(u"history"_s, &history);
    if (history > 1'000'000)
        fail(u"history"_s, parser.value(u"history"_s));
    else
        config.history = int(history);
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    readCount(u"retain-frames"_s, &config.retainFrames);
    if (parser.isSet(u"retain-bytes"_s)) {
        const QString value = parser.value(u"retain-bytes"_s);
        const qint64 bytes = parseByteSize(value);
        if (bytes < 0)
            fail(u"retain-bytes"_s, value);
        else
            config.retainBytes = bytes;
    }
    readDuration(u"retain-age"_s, &config.retainAgeMs);
    if (parser.isSet(u"fsync"_s)) {
        const QString value = parser.value(u"fsync"_s);
        if (const auto policy = fsyncPolicyFromName(value))
            config.fsync = *policy;
        else
            fail(u"fsync"_s, value);
    }
    if (problem.isEmpty())
        problem = config.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return defaults;
    }
    if (error)
        error->clear();
    return config;
}

} // namespace Engine
