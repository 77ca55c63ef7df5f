// SPDX-License-Identifier: GPL-3.0-or-later
#include "options.h"

#include "console.h"
#include "exitcode.h"
#include "headless.h"
#include "subcommands.h"

#include "service/optiontable.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace {

class Launch
{
    Q_DECLARE_TR_FUNCTIONS(Launch)
public:
    static QString description();
    static QString unknownSubcommand(const QString &name);
};

QString Launch::description()
{
    return tr("Collects timestamped events into TimeFrames and serves them on the LAN.\n"
              "\n"
              "Without a command the window opens, with FILE loaded when one is given.\n"
              "\n"
              "Commands (they need no display):\n"
              "  inspect FILE              print a summary of a TimeFrame file\n"
              "  decode FILE               print a TimeFrame file as JSON\n"
              "  encode IN.json -o OUT.tf  write a TimeFrame file from its JSON form\n"
              "\n"
              "Run 'syncstreamer COMMAND --help' for the options of a command.");
}

QString Launch::unknownSubcommand(const QString &name)
{
    return tr("syncstreamer: '%1' is neither a command nor an existing file. Commands: %2.\n"
              "Run 'syncstreamer --help' for usage.\n")
        .arg(name, Subcommands::names().join(u", "_s));
}

// QApplication reads these from the command line itself; they are listed so that the parser
// lets them through instead of calling them unknown.
void addQtGuiOptions(QCommandLineParser &parser)
{
    for (const auto &name :
         {u"platform"_s, u"platformpluginpath"_s, u"platformtheme"_s, u"plugin"_s, u"style"_s,
          u"stylesheet"_s, u"qwindowgeometry"_s, u"qwindowtitle"_s, u"qwindowicon"_s, u"session"_s,
          u"display"_s, u"geometry"_s}) {
        QCommandLineOption option(name, QString(), u"value"_s);
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    for (const auto &name : {u"reverse"_s, u"widgetcount"_s}) {
        QCommandLineOption option(name);
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
}

// A lone word that names no file is far more likely a mistyped command than a file to open.
bool looksLikeCommand(const QString &argument)
{
    return !QFileInfo::exists(argument) && !argument.contains(u'.') && !argument.contains(u'/');
}

// The option table's options given on the command line or in the environment, which override
// the stored settings for this run. False after printing what is wrong.
bool readOverrides(const QCommandLineParser &parser, CommandLineOverrides *overrides)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString error;
    const std::optional<AppSettings> given = OptionTable::read(parser, environment, &error);
    if (!given) {
        Console::err(u"syncstreamer: "_s % error % u'\n');
        return false;
    }
    *overrides = {OptionTable::given(parser, environment), given->engine, given->server,
                  given->mqtt};
    return true;
}

} // namespace

LaunchParse parseLaunchCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    // Qt's own options are single-dash words (-platform, -style).
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(Launch::description());
    parser.addPositionalArgument(u"FILE"_s, Launch::tr("A TimeFrame file to open in the window."),
                                 u"[FILE]"_s);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    addQtGuiOptions(parser);
    OptionTable::addTo(parser);
    parser.addOption({u"demo"_s,
                      Launch::tr("Start the window's demo producers (sensor, clock, "
                                 "camera and log channels).")});
    parser.addOption({u"chart-layout"_s,
                      Launch::tr("A chart layout (JSON, saved with File → Save layout) to open "
                                 "instead of the last one."),
                      Launch::tr("file")});
    parser.addOption({u"lang"_s,
                      Launch::tr("Language of the window: de or en. Default: the system's."),
                      Launch::tr("language")});

    const QString program = u"syncstreamer"_s;
    if (!parser.parse(arguments)) {
        Console::err(program % u": "_s % parser.errorText() % u'\n'
                     % Launch::tr("Run 'syncstreamer --help' for usage.") % u'\n');
        return {std::nullopt, ExitUsage};
    }
    if (parser.isSet(helpOption) || parser.isSet(u"help-all"_s)) {
        Console::out(parser.helpText());
        return {std::nullopt, ExitSuccess};
    }
    if (parser.isSet(versionOption)) {
        Console::out(QCoreApplication::applicationName() % u' '
                     % QCoreApplication::applicationVersion() % u'\n');
        return {std::nullopt, ExitSuccess};
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        Console::err(Launch::tr("syncstreamer: the window opens one file, %n were given.\n", "",
                                int(positional.size()))
                     % Launch::tr("Run 'syncstreamer --help' for usage.") % u'\n');
        return {std::nullopt, ExitUsage};
    }
    LaunchOptions options;
    if (!positional.isEmpty()) {
        if (looksLikeCommand(positional.constFirst())) {
            Console::err(Launch::unknownSubcommand(positional.constFirst()));
            return {std::nullopt, ExitUsage};
        }
        options.fileName = positional.constFirst();
    }
    options.platformArgument = parser.isSet(u"platform"_s);
    options.headless = parser.isSet(u"headless"_s);
    options.demo = parser.isSet(u"demo"_s);
    options.layoutFile = parser.value(u"chart-layout"_s);
    if (parser.isSet(u"lang"_s)) {
        options.language = parser.value(u"lang"_s).toLower();
        if (options.language != u"de" && options.language != u"en") {
            Console::err(Launch::tr("syncstreamer: --lang takes de or en, not \"%1\".\n")
                             .arg(parser.value(u"lang"_s))
                         % Launch::tr("Run 'syncstreamer --help' for usage.") % u'\n');
            return {std::nullopt, ExitUsage};
        }
    }
    // The window checks the server and engine options here; the headless mode reads them itself.
    if (!options.headless && !readOverrides(parser, &options.overrides))
        return {std::nullopt, ExitUsage};
    return {options, ExitSuccess};
}
