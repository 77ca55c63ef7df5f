// SPDX-License-Identifier: GPL-3.0-or-later
#include "headless.h"

#include "console.h"
#include "exitcode.h"

#include "service/lanurls.h"
#include "service/optiontable.h"
#include "service/servicerunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

class Headless
{
    Q_DECLARE_TR_FUNCTIONS(Headless)
};

// The write end of the pipe the signal handler writes to: the only thing an async signal
// handler may safely touch. Set once, before the handlers are installed.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    const auto written = ::write(g_signalPipe[1], &byte, 1);
    Q_UNUSED(written);
}

} // namespace

bool watchTerminationSignals(QObject *context, std::function<void()> stop)
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [stop = std::move(stop)] {
        char sink[16];
        while (::read(g_signalPipe[0], sink, sizeof sink) > 0) { }
        stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0
        && ::sigaction(SIGINT, &action, nullptr) == 0;
}

int runHeadless(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    OptionTable::addTo(parser);
    if (!parser.parse(arguments)) {
        Console::err(u"syncstreamer: "_s + parser.errorText() + u'\n');
        return ExitUsage;
    }
    QString error;
    const std::optional<AppSettings> settings =
        OptionTable::read(parser, QProcessEnvironment::systemEnvironment(), &error);
    if (!settings) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return ExitUsage;
    }
    const Engine::EngineConfig &config = settings->engine;
    const Server::ServerOptions &options = settings->server;

    // The engine first, then the MQTT sources that feed it and the server that serves it; all
    // stop in reverse (ServiceRunner).
    ServiceRunner service;
    if (!service.startEngine(config, &error)) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return service.startError() == Engine::StartError::DataDirInUse ? ExitDataDirInUse
                                                                        : ExitInvalidInput;
    }
    if (!service.startSources(settings->mqtt.resolved(), &error)) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return ExitInvalidInput;
    }
    if (!service.startServer(options, &error)) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return ExitInvalidInput;
    }
    const Server::HttpServer &server = *service.server();
    QObject context;
    watchTerminationSignals(&context, [] { QCoreApplication::quit(); });

    // Loopback first: scripts read the port from the first address.
    const QStringList urls = LanUrls::toStrings(service.urls());
    Console::out(Headless::tr("Serving %1 from %2 (data in %3); stop with Ctrl+C or SIGTERM.\n")
                     .arg(urls.isEmpty() ? Headless::tr("port %1 of %2")
                                               .arg(server.port())
                                               .arg(options.bindAddress.toString())
                                         : urls.join(u", "_s))
                     .arg(server.workerCount() == 1
                              ? Headless::tr("1 thread")
                              : Headless::tr("%1 threads").arg(server.workerCount()))
                     .arg(service.engine()->dataDir()));

    const int status = QCoreApplication::exec();
    service.stop();
    return status == 0 ? ExitSuccess : ExitInvalidInput;
}
