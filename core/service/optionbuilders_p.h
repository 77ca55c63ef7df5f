// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "optiontable.h"

#include <QCoreApplication>

#include <limits>
#include <type_traits>

// The translation contexts of the options' texts: the server's options (the context they have
// had since the headless mode had them) and the engine's.
class Headless
{
    Q_DECLARE_TR_FUNCTIONS(Headless)
};

class EngineOptions
{
    Q_DECLARE_TR_FUNCTIONS(EngineOptions)
};

// The pieces the option table's rows are made of (optiontable.cpp): parsers from text, the
// settings file's conversions, and rows whose value is one field of AppSettings.
namespace OptionBuilders {

using namespace Qt::StringLiterals;

using Restart = AppSettings::Restart;

inline constexpr qint64 kMaxCount = 1'000'000'000;
inline constexpr qint64 kDayMs = 24LL * 3600 * 1000;
inline constexpr qint64 kNoMax = std::numeric_limits<qint64>::max();

inline QString invalid(const QString &value, const QString &source)
{
    return Headless::tr("Invalid value \"%1\" for --%2.").arg(value, source);
}

// Parsers: text to a value, nullopt where unusable.
inline auto count(qint64 minimum, qint64 maximum)
{
    return [minimum, maximum](const QString &text) -> std::optional<qint64> {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok || n < minimum || n > maximum)
            return std::nullopt;
        return n;
    };
}

inline auto duration(qint64 minimum, qint64 maximum)
{
    return [minimum, maximum](const QString &text) -> std::optional<qint64> {
        const qint64 ms = Engine::parseDurationMs(text);
        if (ms < minimum || ms > maximum)
            return std::nullopt;
        return ms;
    };
}

inline auto size(qint64 minimum)
{
    return [minimum](const QString &text) -> std::optional<qint64> {
        const qint64 bytes = Engine::parseByteSize(text);
        if (bytes < minimum)
            return std::nullopt;
        return bytes;
    };
}

inline std::optional<QString> text(const QString &value)
{
    return value;
}

inline std::optional<QByteArray> utf8(const QString &value)
{
    return value.toUtf8();
}

// A row whose value is one field of the settings, read by a parser. field is a generic lambda
// returning a reference to the field, for const and non-const settings alike.
template<typename Field, typename Parse>
OptionRow option(const QString &name, const QString &valueName, const QString &help, Field field,
                 Parse parse)
{
    using T = std::remove_cvref_t<decltype(field(std::declval<AppSettings &>()))>;
    OptionRow row;
    row.name = name;
    row.valueName = valueName;
    row.help = help;
    row.read = [field, parse](const QStringList &values, const QString &source, AppSettings &s) {
        const QString &value = values.constLast();
        const auto parsed = parse(value);
        if (!parsed)
            return invalid(value, source);
        field(s) = static_cast<T>(*parsed);
        return QString();
    };
    row.copy = [field](const AppSettings &from, AppSettings &to) {
        field(to) = field(from);
    };
    row.same = [field](const AppSettings &a, const AppSettings &b) {
        return field(a) == field(b);
    };
    return row;
}

// Makes a row stored in the settings file under key. toVariant writes the field's value;
// fromVariant reads one back, nullopt where it is unusable (the setting keeps its default).
template<typename Field, typename ToVariant, typename FromVariant>
OptionRow stored(OptionRow row, const QString &key, Restart restarts, Field field,
                 ToVariant toVariant, FromVariant fromVariant)
{
    using T = std::remove_cvref_t<decltype(field(std::declval<AppSettings &>()))>;
    row.settingsKey = key;
    row.restarts = restarts;
    row.store = [field, toVariant](const AppSettings &s) {
        return QVariant(toVariant(field(s)));
    };
    row.restore = [field, fromVariant](const QVariant &value, AppSettings &s) {
        if (const auto read = fromVariant(value))
            field(s) = static_cast<T>(*read);
    };
    if (!row.copy) {
        row.copy = [field](const AppSettings &from, AppSettings &to) {
            field(to) = field(from);
        };
        row.same = [field](const AppSettings &a, const AppSettings &b) {
            return field(a) == field(b);
        };
    }
    return row;
}

inline auto storedNumber(qint64 minimum, qint64 maximum)
{
    return [minimum, maximum](const QVariant &value) -> std::optional<qint64> {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < minimum || n > maximum)
            return std::nullopt;
        return n;
    };
}

inline const auto asNumber = [](auto n) {
    return qint64(n);
};
inline const auto asString = [](const QString &s) {
    return s;
};
inline const auto storedString = [](const QVariant &v) {
    return std::optional<QString>(v.toString());
};
inline const auto asUtf8String = [](const QByteArray &b) {
    return QString::fromUtf8(b);
};
inline const auto storedUtf8 = [](const QVariant &v) {
    return std::optional<QByteArray>(v.toString().toUtf8());
};

// A repeatable, comma-separated list whose every item must pass isValid.
template<typename Field>
OptionRow listOption(const QString &name, const QString &valueName, const QString &help,
                     Field field, bool (*isValid)(const QString &))
{
    OptionRow row = option(name, valueName, help, field, text);
    row.restarts = Restart::Server;
    row.read = [name, field, isValid](const QStringList &values, const QString &, AppSettings &s) {
        QStringList list;
        for (const QString &value : values) {
            for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
                list.append(item.trimmed());
        }
        for (const QString &item : std::as_const(list)) {
            if (!isValid(item))
                return invalid(item, name);
        }
        field(s) = list;
        return QString();
    };
    return row;
}

} // namespace OptionBuilders
