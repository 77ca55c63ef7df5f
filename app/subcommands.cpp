// SPDX-License-Identifier: GPL-3.0-or-later
#include "subcommands.h"

#include "console.h"
#include "exitcode.h"
#include "inspectreport.h"

#include "format/frameview.h"
#include "format/timeframe.h"
#include "format/timeframejson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

const QString kInspect = u"inspect"_s;
const QString kDecode = u"decode"_s;
const QString kEncode = u"encode"_s;

// inspect and decode look at files whose layout the user usually does not know, so they guess
// by default; encode writes, and never guesses.
struct LayoutChoice
{
    std::optional<TimeFrame::Layout> layout; // nullopt: guess
};

QString usageHint(const QString &command)
{
    return Cli::tr("Run 'syncstreamer %1 --help' for usage.").arg(command) + u'\n';
}

int usageError(const QString &command, const QString &what)
{
    Console::err(u"syncstreamer "_s % command % u": "_s % what % u'\n' % usageHint(command));
    return ExitUsage;
}

// The one line every failure prints: the file, the byte (where one is concerned) and why.
int inputError(const QString &command, const QString &fileName, const TimeFrame::Error &error)
{
    const QString where = error.offset >= 0
        ? Cli::tr("%1: error at byte %2").arg(fileName).arg(error.offset)
        : Cli::tr("%1: error").arg(fileName);
    Console::err(u"syncstreamer "_s % command % u": "_s % where % u": "_s % error.message % u'\n');
    return ExitInvalidInput;
}

QCommandLineOption layoutOption(bool allowAuto)
{
    return QCommandLineOption(
        u"layout"_s,
        allowAuto ? Cli::tr("Field order of the metadata records: documented, reference or auto "
                            "(guess from which string looks like a MIME type). Default: auto.")
                  : Cli::tr("Field order of the metadata records: documented or reference. "
                            "Default: the JSON's \"layout\" member, else documented."),
        u"layout"_s);
}

// Sets up the options every subcommand shares and parses. Returns an exit status where the
// command is already finished (help, version, usage error).
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QString &command,
                                    const QStringList &arguments, qsizetype fileArguments)
{
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText());
    // --help-all would add Qt's GUI options, which no subcommand reads.
    if (parser.isSet(helpOption) || parser.isSet(u"help-all"_s)) {
        Console::out(parser.helpText());
        return ExitSuccess;
    }
    if (parser.isSet(versionOption)) {
        Console::out(QCoreApplication::applicationName() % u' '
                     % QCoreApplication::applicationVersion() % u'\n');
        return ExitSuccess;
    }
    // The first positional argument is the subcommand itself.
    const qsizetype given = parser.positionalArguments().size() - 1;
    if (given < fileArguments)
        return usageError(command, Cli::tr("missing file argument"));
    if (given > fileArguments)
        return usageError(command,
                          Cli::tr("unexpected argument '%1'")
                              .arg(parser.positionalArguments().at(fileArguments + 1)));
    return std::nullopt;
}

std::optional<LayoutChoice> parseLayout(const QCommandLineParser &parser, bool allowAuto)
{
    if (!parser.isSet(u"layout"_s))
        return LayoutChoice {};
    const QString value = parser.value(u"layout"_s);
    if (allowAuto && value == u"auto"_s)
        return LayoutChoice {};
    if (const auto layout = TimeFrame::layoutFromName(value))
        return LayoutChoice {layout};
    return std::nullopt;
}

int badLayout(const QCommandLineParser &parser, const QString &command, bool allowAuto)
{
    const QString value = parser.value(u"layout"_s);
    return usageError(
        command,
        allowAuto ? Cli::tr("unknown layout '%1': use documented, reference or auto").arg(value)
                  : Cli::tr("unknown layout '%1': use documented or reference").arg(value));
}

// A frame read from a file, with the layout the user chose or the one guessed.
struct ReadFrame
{
    TimeFrame::FrameView view;
    std::optional<TimeFrame::LayoutGuess> guess; // set where the layout was guessed
};

TimeFrame::Result<ReadFrame> readAndIndex(const QString &fileName, const LayoutChoice &choice)
{
    auto bytes = TimeFrame::readFileBytes(fileName);
    if (!bytes)
        return bytes.error();
    ReadFrame result;
    TimeFrame::Layout layout = TimeFrame::Layout::Documented;
    if (choice.layout) {
        layout = *choice.layout;
    } else {
        auto guess = TimeFrame::guessLayout(*bytes);
        if (!guess)
            return guess.error();
        layout = guess->layout;
        result.guess = *guess;
    }
    auto view = TimeFrame::FrameView::index(*bytes, layout);
    if (!view)
        return view.error();
    result.view = std::move(view).value();
    return result;
}

int runInspectOrDecode(const QString &command, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        command == kInspect
            ? Cli::tr("Prints a summary of a TimeFrame file: version, layout, time range, "
                      "channels and items.")
            : Cli::tr("Prints a TimeFrame file as JSON on standard output; item data is base64. "
                      "'syncstreamer encode' reads this form back."));
    parser.addPositionalArgument(command, Cli::tr("The command."), command);
    parser.addPositionalArgument(u"FILE"_s, Cli::tr("The TimeFrame file to read."));
    parser.addOption(layoutOption(true));
    if (const auto exit = parseCommandLine(parser, command, arguments, 1))
        return *exit;
    const auto choice = parseLayout(parser, true);
    if (!choice)
        return badLayout(parser, command, true);

    const QString fileName = parser.positionalArguments().at(1);
    const auto frame = readAndIndex(fileName, *choice);
    if (!frame)
        return inputError(command, fileName, frame.error());

    if (command == kInspect) {
        Console::out(formatInspectReport(fileName, frame->view, frame->guess));
    } else {
        Console::outBytes(TimeFrame::toJson(frame->view.toFrame(), frame->view.layout()));
    }
    return ExitSuccess;
}

int runEncode(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Writes the TimeFrame file described by a JSON file in the form 'syncstreamer "
                "decode' prints. The output file is replaced atomically: it is either the whole "
                "new frame or left as it was."));
    parser.addPositionalArgument(kEncode, Cli::tr("The command."), kEncode);
    parser.addPositionalArgument(u"IN.json"_s, Cli::tr("The JSON file to read."));
    const QCommandLineOption outputOption({u"o"_s, u"output"_s},
                                          Cli::tr("The TimeFrame file to write."), u"OUT.tf"_s);
    parser.addOption(outputOption);
    parser.addOption(layoutOption(false));
    if (const auto exit = parseCommandLine(parser, kEncode, arguments, 1))
        return *exit;
    const auto choice = parseLayout(parser, false);
    if (!choice)
        return badLayout(parser, kEncode, false);
    if (!parser.isSet(outputOption) || parser.value(outputOption).isEmpty())
        return usageError(kEncode, Cli::tr("missing output file: give it with -o OUT.tf"));

    const QString inName = parser.positionalArguments().at(1);
    const QString outName = parser.value(outputOption);
    QFile in(inName);
    if (!in.open(QIODevice::ReadOnly))
        return inputError(kEncode, inName,
                          {TimeFrame::ErrorCode::ReadFailed, -1, in.errorString()});
    const auto json = TimeFrame::fromJson(in.readAll());
    if (!json)
        return inputError(kEncode, inName, json.error());

    // A frame the writer refuses is the JSON's fault: name the file the user can fix.
    if (const auto valid = TimeFrame::validate(json->frame); !valid)
        return inputError(kEncode, inName, valid.error());

    const TimeFrame::Layout layout =
        choice->layout.value_or(json->layout.value_or(TimeFrame::Layout::Documented));
    if (const auto written = TimeFrame::writeFile(outName, json->frame, layout); !written)
        return inputError(kEncode, outName, written.error());
    return ExitSuccess;
}

} // namespace

namespace Subcommands {

QStringList names()
{
    return {kInspect, kDecode, kEncode};
}

bool isSubcommand(const char *argument)
{
    return names().contains(QString::fromLocal8Bit(argument));
}

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == kEncode)
        return runEncode(arguments);
    if (command == kInspect || command == kDecode)
        return runInspectOrDecode(command, arguments);
    return usageError(command, Cli::tr("unknown command"));
}

} // namespace Subcommands
