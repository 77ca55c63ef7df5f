// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineconfig.h"

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

} // namespace Engine
