// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

class QCommandLineParser;
class QProcessEnvironment;

// One row per option of a run: its command-line name and help, the environment variables that
// stand in for it, its settings key, what a change of it restarts, and how its value is read,
// stored and compared. The command line (--help, parsing, the options that override stored
// settings), the settings file and the settings dialog's restart note are all derived from
// this one table: a new option is a new row in optiontable.cpp.
struct OptionRow
{
    QString name; // as on the command line, without "--"; empty: a stored setting only
    QString valueName; // translated, for --help
    QString help; // translated, with the default where it has one
    QStringList environment; // read in this order where the command line is silent
    QString settingsKey; // empty: given on the command line only, never stored
    AppSettings::Restart restarts = AppSettings::Restart::None; // what a change restarts
    // Reads the values given (more than one where repeated) into settings; an empty string, or
    // a translated sentence naming the option and the value. source: "--name" or a variable.
    std::function<QString(const QStringList &values, const QString &source, AppSettings &)> read;
    std::function<void(const AppSettings &from, AppSettings &to)> copy; // this option's part
    std::function<bool(const AppSettings &, const AppSettings &)> same;
    std::function<QVariant(const AppSettings &)> store; // the value for the settings file
    std::function<void(const QVariant &, AppSettings &)> restore; // unusable: left as it was
};

namespace OptionTable {

// Every option, in the order of --help. Built on each call, so the help is in the language
// installed at that moment.
QList<OptionRow> rows();
// The rows' command-line names (not translated), in table order.
const QStringList &names();
const OptionRow *find(const QList<OptionRow> &rows, QStringView name);

// Adds --headless and every row with a name to a parser.
void addTo(QCommandLineParser &parser);
// The settings a parser (that has processed its arguments) and the environment give over
// settings: the environment first, then the command line in table order (so --token wins over
// --token-file, which wins over SYNCSTREAMER_TOKEN). nullopt and *error (one translated
// sentence naming the option) on a bad value or an unusable combination.
std::optional<AppSettings> read(const QCommandLineParser &parser,
                                const QProcessEnvironment &environment, QString *error,
                                AppSettings settings = {});
// The names of the rows given on the command line or through their environment variables.
QStringList given(const QCommandLineParser &parser, const QProcessEnvironment &environment);

} // namespace OptionTable
