// SPDX-License-Identifier: GPL-3.0-or-later
// The command line and the environment, read through the option table.
#include "optiontable.h"

#include "optionbuilders_p.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace OptionTable {

void addTo(QCommandLineParser &parser)
{
    parser.addOption({u"headless"_s,
                      Headless::tr("Run the engine and the HTTP server without a window until "
                                   "SIGTERM or SIGINT.")});
    for (const OptionRow &row : rows()) {
        if (!row.name.isEmpty())
            parser.addOption({row.name, row.help, row.valueName});
    }
}

std::optional<AppSettings> read(const QCommandLineParser &parser,
                                const QProcessEnvironment &environment, QString *error,
                                AppSettings settings)
{
    const QList<OptionRow> all = rows();
    for (const OptionRow &row : all) {
        if (row.name.isEmpty() || parser.isSet(row.name))
            continue;
        for (const QString &variable : row.environment) {
            const QString value = environment.value(variable);
            if (value.isEmpty())
                continue;
            *error = row.read({value}, variable, settings);
            if (!error->isEmpty())
                return std::nullopt;
            break;
        }
    }
    for (const OptionRow &row : all) {
        if (row.name.isEmpty() || !parser.isSet(row.name))
            continue;
        *error = row.read(parser.values(row.name), row.name, settings);
        if (!error->isEmpty())
            return std::nullopt;
    }
    *error = settings.engine.validate();
    if (!error->isEmpty())
        return std::nullopt;
    return settings;
}

QStringList given(const QCommandLineParser &parser, const QProcessEnvironment &environment)
{
    QStringList out;
    for (const OptionRow &row : rows()) {
        if (row.name.isEmpty())
            continue;
        const bool fromEnvironment = std::any_of(
            row.environment.cbegin(), row.environment.cend(),
            [&environment](const QString &variable) { return environment.contains(variable); });
        if (parser.isSet(row.name) || fromEnvironment)
            out.append(row.name);
    }
    return out;
}

} // namespace OptionTable
