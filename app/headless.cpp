// SPDX-License-Identifier: GPL-3.0-or-later
#include "headless.h"

#include "console.h"
#include "exitcode.h"

#include "engine/engineconfig.h"
#include "engine/frameengine.h"
#include "format/timeframe.h"
#include "ingest/mqttsource.h"
#include "lanurls.h"
#include "server/accesspolicy.h"
#include "server/httpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
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

std::optional<qint64> positive(const QString &text)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
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

void addServerOptions(QCommandLineParser &parser)
{
    const Server::ServerOptions d;
    parser.addOptions({
        {u"headless"_s,
         Headless::tr("Run the engine and the HTTP server without a window until SIGTERM or "
                      "SIGINT.")},
        {u"port"_s,
         Headless::tr("HTTP port, 0 for any free one. Default: %1, or the SYNCSTREAMER_PORT "
                      "or PORT environment variable.")
             .arg(d.port),
         Headless::tr("port")},
        {u"bind"_s, Headless::tr("Address to listen on. Default: all interfaces (IPv4 and IPv6)."),
         Headless::tr("address")},
        {u"token"_s,
         Headless::tr("Bearer token every POST must carry. Default: the SYNCSTREAMER_TOKEN "
                      "environment variable; without a token only this computer may post."),
         Headless::tr("token")},
        {u"token-file"_s, Headless::tr("Read the POST token from the first line of this file."),
         Headless::tr("file")},
        {u"read-token"_s,
         Headless::tr("Bearer token every read must carry too. Default: none, reads are "
                      "open (GET /healthz always is)."),
         Headless::tr("token")},
        {u"tls-cert"_s,
         Headless::tr("PEM certificate (chain): serve HTTPS instead of HTTP, with --tls-key. "
                      "Clients are not asked for certificates. Default: plain HTTP."),
         Headless::tr("file")},
        {u"tls-key"_s, Headless::tr("PEM private key (RSA or EC) of --tls-cert."),
         Headless::tr("file")},
        {u"allow-origin"_s,
         Headless::tr("Origins (scheme://host[:port]) whose web pages may post events, besides "
                      "the server's own; with --read-token also read. Repeatable or "
                      "comma-separated; * for any. Default: none."),
         Headless::tr("origins")},
        {u"allow-host"_s,
         Headless::tr("Host names to answer for besides localhost and this computer's names "
                      "and addresses (a reverse proxy's public name). Repeatable or "
                      "comma-separated; * for any. Default: none."),
         Headless::tr("hosts")},
        {u"index-limit"_s,
         Headless::tr("Frames listed by GET /frame without from, to or limit. Default: %1.")
             .arg(d.indexLimit),
         Headless::tr("count")},
        {u"max-body"_s,
         Headless::tr("Largest request body (k, M, G); larger ones get 413 before they are "
                      "read. Default: 16M."),
         Headless::tr("size")},
        {u"max-connections"_s,
         Headless::tr("Open HTTP connections at most; more get 503. Default: %1.")
             .arg(d.limits.maxConnections),
         Headless::tr("count")},
        {u"max-connections-per-peer"_s,
         Headless::tr("Open HTTP connections from one client address at most; more get 503. "
                      "Default: %1.")
             .arg(d.limits.maxConnectionsPerPeer),
         Headless::tr("count")},
        {u"idle-timeout"_s,
         Headless::tr("Close connections idle this long (ms, or with a unit). Default: "
                      "30s."),
         Headless::tr("duration")},
        {u"header-timeout"_s,
         Headless::tr("A request head must arrive whole this long after its first byte (ms, "
                      "or with a unit); later gets 408. Default: 10s."),
         Headless::tr("duration")},
        {u"http-threads"_s, Headless::tr("Threads serving HTTP. Default: one per core."),
         Headless::tr("count")},
        {u"mqtt"_s,
         Headless::tr("Subscribe to an MQTT broker: mqtt[s]://[user:pass@]host[:port]/FILTER"
                      "[,FILTER...]; each message becomes an event on a channel named after "
                      "its topic. Repeatable. Default: none."),
         Headless::tr("url")},
        {u"mqtt-time-field"_s,
         Headless::tr("Member of a JSON payload that holds the event's time (UNIX ms or ISO "
                      "8601). Default: none, the arrival time."),
         Headless::tr("name")},
        {u"mqtt-ca-file"_s,
         Headless::tr("CA certificates (PEM) that sign an mqtts:// broker's certificate. "
                      "Default: the system's."),
         Headless::tr("file")},
        {u"mqtt-qos"_s, Headless::tr("QoS of the MQTT subscriptions: 0 or 1. Default: 1."),
         Headless::tr("qos")},
    });
    // The engine's options; --layout is the encoded frames' metadata layout.
    Engine::addEngineOptions(parser);
    parser.addOption({u"layout"_s,
                      Headless::tr("Metadata layout of the frames written and served: documented "
                                   "or reference (the original Go server's). Default: "
                                   "documented."),
                      Headless::tr("layout")});
}

std::optional<Server::ServerOptions> serverOptionsFromParser(const QCommandLineParser &parser,
                                                             const QProcessEnvironment &environment,
                                                             QString *error)
{
    Server::ServerOptions options;
    auto invalid = [&](const QString &option, const QString &value) {
        *error = Headless::tr("Invalid value \"%1\" for --%2.").arg(value, option);
        return std::nullopt;
    };

    QString port = parser.value(u"port"_s);
    QString portSource = u"port"_s;
    for (const QString &variable : {u"SYNCSTREAMER_PORT"_s, u"PORT"_s}) {
        if (!parser.isSet(u"port"_s) && port.isEmpty() && environment.contains(variable)) {
            port = environment.value(variable);
            portSource = variable;
        }
    }
    if (!port.isEmpty()) {
        const std::optional<qint64> n = positive(port);
        if (!n || *n > 65535) {
            *error = Headless::tr("Invalid port \"%1\" (from %2).").arg(port, portSource);
            return std::nullopt;
        }
        options.port = quint16(*n);
    }
    if (parser.isSet(u"bind"_s)) {
        const QString value = parser.value(u"bind"_s);
        if (!options.bindAddress.setAddress(value))
            return invalid(u"bind"_s, value);
    }

    options.writeToken = environment.value(u"SYNCSTREAMER_TOKEN"_s).toUtf8();
    if (parser.isSet(u"token-file"_s)) {
        QFile file(parser.value(u"token-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = Headless::tr("Cannot read --token-file %1: %2")
                         .arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        options.writeToken = file.readLine().trimmed();
        if (options.writeToken.isEmpty()) {
            *error = Headless::tr("--token-file %1 holds no token.").arg(file.fileName());
            return std::nullopt;
        }
    }
    if (parser.isSet(u"token"_s))
        options.writeToken = parser.value(u"token"_s).toUtf8();
    options.readToken = parser.value(u"read-token"_s).toUtf8();
    options.tlsCertificateFile = parser.value(u"tls-cert"_s);
    options.tlsKeyFile = parser.value(u"tls-key"_s);
    auto readList = [&](const QString &option) {
        QStringList list;
        for (const QString &value : parser.values(option)) {
            for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
                list.append(item.trimmed());
        }
        return list;
    };
    options.allowedOrigins = readList(u"allow-origin"_s);
    options.allowedHosts = readList(u"allow-host"_s);
    for (const QString &origin : std::as_const(options.allowedOrigins)) {
        if (!Server::AccessPolicy::isOriginPattern(origin))
            return invalid(u"allow-origin"_s, origin);
    }
    for (const QString &host : std::as_const(options.allowedHosts)) {
        if (!Server::AccessPolicy::isHostPattern(host))
            return invalid(u"allow-host"_s, host);
    }

    auto readCount = [&](const QString &option, auto *target, qint64 minimum) {
        if (!parser.isSet(option))
            return true;
        const std::optional<qint64> n = positive(parser.value(option));
        if (!n || *n < minimum || *n > 1'000'000'000)
            return false;
        *target = std::remove_pointer_t<decltype(target)>(*n);
        return true;
    };
    if (!readCount(u"index-limit"_s, &options.indexLimit, 0))
        return invalid(u"index-limit"_s, parser.value(u"index-limit"_s));
    if (!readCount(u"max-connections"_s, &options.limits.maxConnections, 1))
        return invalid(u"max-connections"_s, parser.value(u"max-connections"_s));
    if (!readCount(u"max-connections-per-peer"_s, &options.limits.maxConnectionsPerPeer, 1))
        return invalid(u"max-connections-per-peer"_s, parser.value(u"max-connections-per-peer"_s));
    if (!readCount(u"http-threads"_s, &options.threads, 1))
        return invalid(u"http-threads"_s, parser.value(u"http-threads"_s));
    if (parser.isSet(u"max-body"_s)) {
        const qint64 bytes = Engine::parseByteSize(parser.value(u"max-body"_s));
        if (bytes <= 0)
            return invalid(u"max-body"_s, parser.value(u"max-body"_s));
        options.limits.maxBody = bytes;
    }
    auto readDuration = [&](const QString &option, int *target) {
        if (!parser.isSet(option))
            return true;
        const qint64 ms = Engine::parseDurationMs(parser.value(option));
        if (ms <= 0 || ms > 24LL * 3600 * 1000)
            return false;
        *target = int(ms);
        return true;
    };
    for (const auto &[option, target] :
         {std::pair {u"idle-timeout"_s, &options.limits.idleTimeoutMs},
          std::pair {u"header-timeout"_s, &options.limits.headerTimeoutMs}}) {
        if (!readDuration(option, target))
            return invalid(option, parser.value(option));
    }
    return options;
}

std::optional<QList<Ingest::MqttOptions>> mqttOptionsFromParser(const QCommandLineParser &parser,
                                                                QString *error)
{
    QList<Ingest::MqttOptions> brokers;
    int qos = 1;
    if (parser.isSet(u"mqtt-qos"_s)) {
        const QString value = parser.value(u"mqtt-qos"_s);
        if (value != u"0"_s && value != u"1"_s) {
            *error = Headless::tr("Invalid value \"%1\" for --mqtt-qos.").arg(value);
            return std::nullopt;
        }
        qos = value.toInt();
    }
    for (const QString &url : parser.values(u"mqtt"_s)) {
        std::optional<Ingest::MqttOptions> broker = Ingest::parseMqttUrl(url, error);
        if (!broker)
            return std::nullopt;
        broker->timeField = parser.value(u"mqtt-time-field"_s);
        broker->caFile = parser.value(u"mqtt-ca-file"_s);
        broker->qos = qos;
        brokers.append(*broker);
    }
    return brokers;
}

int runHeadless(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    addServerOptions(parser);
    if (!parser.parse(arguments)) {
        Console::err(u"syncstreamer: "_s + parser.errorText() + u'\n');
        return ExitUsage;
    }
    QString error;
    std::optional<Server::ServerOptions> options =
        serverOptionsFromParser(parser, QProcessEnvironment::systemEnvironment(), &error);
    Engine::EngineConfig config =
        Engine::configFromParser(parser, error.isEmpty() ? &error : nullptr);
    if (error.isEmpty() && parser.isSet(u"layout"_s)) {
        if (const auto layout = TimeFrame::layoutFromName(parser.value(u"layout"_s)))
            config.layout = *layout;
        else
            error =
                Headless::tr("Invalid value \"%1\" for --layout.").arg(parser.value(u"layout"_s));
    }
    std::optional<QList<Ingest::MqttOptions>> brokers;
    if (error.isEmpty())
        brokers = mqttOptionsFromParser(parser, &error);
    if (!options || !brokers || !error.isEmpty()) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return ExitUsage;
    }

    Engine::FrameEngine engine(config);
    if (!engine.start(Engine::Threading::OwnThread, &error)) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        return ExitInvalidInput;
    }
    Server::HttpServer server(&engine, *options);
    Ingest::SourceBoard sources;
    if (!brokers->isEmpty())
        server.setSources(&sources);
    if (!server.start(&error)) {
        Console::err(u"syncstreamer: "_s + error + u'\n');
        engine.stop();
        return ExitInvalidInput;
    }
    std::vector<std::unique_ptr<Ingest::MqttSource>> mqtt;
    for (const Ingest::MqttOptions &broker : std::as_const(*brokers)) {
        mqtt.push_back(std::make_unique<Ingest::MqttSource>(&engine, &sources, broker));
        if (!mqtt.back()->start(&error)) {
            Console::err(u"syncstreamer: "_s + error + u'\n');
            mqtt.clear();
            server.stop();
            engine.stop();
            return ExitInvalidInput;
        }
    }
    QObject context;
    watchTerminationSignals(&context, [] { QCoreApplication::quit(); });

    // Loopback first: scripts read the port from the first address.
    const QStringList urls = LanUrls::toStrings(
        LanUrls::urls(options->bindAddress, server.port(), !options->tlsCertificateFile.isEmpty()));
    Console::out(Headless::tr("Serving %1 from %2 (data in %3); stop with Ctrl+C or SIGTERM.\n")
                     .arg(urls.isEmpty() ? Headless::tr("port %1 of %2")
                                               .arg(server.port())
                                               .arg(options->bindAddress.toString())
                                         : urls.join(u", "_s))
                     .arg(server.workerCount() == 1
                              ? Headless::tr("1 thread")
                              : Headless::tr("%1 threads").arg(server.workerCount()))
                     .arg(engine.dataDir()));

    const int status = QCoreApplication::exec();
    mqtt.clear(); // before the engine stops: nothing arrives that it could not take
    server.stop();
    engine.stop();
    return status == 0 ? ExitSuccess : ExitInvalidInput;
}
