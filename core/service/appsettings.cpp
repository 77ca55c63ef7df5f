// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include "optiontable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>

using namespace Qt::StringLiterals;

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    for (const OptionRow &row : OptionTable::rows()) {
        if (!row.settingsKey.isEmpty() && settings.contains(row.settingsKey))
            row.restore(settings.value(row.settingsKey), s);
    }
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    for (const OptionRow &row : OptionTable::rows()) {
        if (!row.settingsKey.isEmpty())
            settings.setValue(row.settingsKey, row.store(*this));
    }
}

QString AppSettings::validate() const
{
    if (server.tlsCertificateFile.isEmpty() != server.tlsKeyFile.isEmpty())
        return QCoreApplication::translate(
            "AppSettings", "HTTPS needs both a certificate file and a private key file.");
    return engine.validate();
}

bool operator==(const AppSettings &a, const AppSettings &b)
{
    for (const OptionRow &row : OptionTable::rows()) {
        if (!row.settingsKey.isEmpty() && !row.same(a, b))
            return false;
    }
    return true;
}

AppSettings::Restart AppSettings::restartFor(const AppSettings &running, const AppSettings &wanted)
{
    // The stored options: what the window can change while it runs.
    Restart restart = Restart::None;
    for (const OptionRow &row : OptionTable::rows()) {
        if (!row.settingsKey.isEmpty() && !row.same(running, wanted))
            restart = std::max(restart, row.restarts);
    }
    return restart;
}

const QStringList &CommandLineOverrides::names()
{
    return OptionTable::names();
}

QStringList CommandLineOverrides::givenOptions(const QCommandLineParser &parser,
                                               const QProcessEnvironment &environment)
{
    return OptionTable::given(parser, environment);
}

void CommandLineOverrides::applyTo(AppSettings &settings) const
{
    AppSettings given;
    given.engine = engine;
    given.server = server;
    given.mqtt = mqtt;
    const QList<OptionRow> rows = OptionTable::rows();
    for (const QString &name : options) {
        if (const OptionRow *row = OptionTable::find(rows, name))
            row->copy(given, settings);
    }
}
