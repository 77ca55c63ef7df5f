// SPDX-License-Identifier: GPL-3.0-or-later
#include "optiontable.h"

#include "optionbuilders_p.h"

#include "ingest/mqttoptions.h"
#include "server/accesspolicy.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;
using namespace OptionBuilders;

// One function per group of rows; a new option is a new row in one of them.
namespace {

// Where the server listens: stored, a change restarts the server.
void addListenRows(QList<OptionRow> &rows)
{
    const Server::ServerOptions d;
    const auto port = [](auto &s) -> auto &
    {
        return s.server.port;
    };
    OptionRow portRow =
        option(u"port"_s, Headless::tr("port"),
               Headless::tr("HTTP port, 0 for any free one. Default: %1, or the SYNCSTREAMER_PORT "
                            "or PORT environment variable.")
                   .arg(d.port),
               port, count(0, 65535));
    portRow.environment = {u"SYNCSTREAMER_PORT"_s, u"PORT"_s};
    portRow.read = [port](const QStringList &values, const QString &source, AppSettings &s) {
        const std::optional<qint64> n = count(0, 65535)(values.constLast());
        if (!n)
            return Headless::tr("Invalid port \"%1\" (from %2).").arg(values.constLast(), source);
        port(s) = quint16(*n);
        return QString();
    };
    rows.append(
        stored(portRow, u"server/port"_s, Restart::Server, port, asNumber, storedNumber(0, 65535)));

    const auto bind = [](auto &s) -> auto &
    {
        return s.server.bindAddress;
    };
    const auto address = [](const QString &value) -> std::optional<QHostAddress> {
        QHostAddress a;
        if (!a.setAddress(value))
            return std::nullopt;
        return a;
    };
    rows.append(stored(
        option(u"bind"_s, Headless::tr("address"),
               Headless::tr("Address to listen on. Default: all interfaces (IPv4 and IPv6)."), bind,
               address),
        u"server/bindAddress"_s, Restart::Server, bind,
        [](const QHostAddress &a) { return a == QHostAddress::Any ? QString() : a.toString(); },
        [address](const QVariant &v) { return address(v.toString()); }));
}

// Who may post and read, and the TLS files: stored, a change restarts the server.
void addAccessRows(QList<OptionRow> &rows)
{
    // --token-file before --token: the command line is read in table order, so a token given
    // outright wins over the file's (and both over SYNCSTREAMER_TOKEN).
    const auto writeToken = [](auto &s) -> auto &
    {
        return s.server.writeToken;
    };
    OptionRow tokenFile = option(
        u"token-file"_s, Headless::tr("file"),
        Headless::tr("Read the POST token from the first line of this file."), writeToken, utf8);
    tokenFile.read = [](const QStringList &values, const QString &, AppSettings &s) {
        QFile file(values.constLast());
        if (!file.open(QIODevice::ReadOnly))
            return Headless::tr("Cannot read --token-file %1: %2")
                .arg(file.fileName(), file.errorString());
        s.server.writeToken = file.readLine().trimmed();
        if (s.server.writeToken.isEmpty())
            return Headless::tr("--token-file %1 holds no token.").arg(file.fileName());
        return QString();
    };
    OptionRow token =
        option(u"token"_s, Headless::tr("token"),
               Headless::tr("Bearer token every POST must carry. Default: the SYNCSTREAMER_TOKEN "
                            "environment variable; without a token only this computer may post."),
               writeToken, utf8);
    token.environment = {u"SYNCSTREAMER_TOKEN"_s};
    rows.append(tokenFile);
    rows.append(stored(token, u"server/writeToken"_s, Restart::Server, writeToken, asUtf8String,
                       storedUtf8));

    const auto readToken = [](auto &s) -> auto &
    {
        return s.server.readToken;
    };
    rows.append(stored(option(u"read-token"_s, Headless::tr("token"),
                              Headless::tr("Bearer token every read must carry too. Default: "
                                           "none, reads are open (GET /healthz always is)."),
                              readToken, utf8),
                       u"server/readToken"_s, Restart::Server, readToken, asUtf8String,
                       storedUtf8));
    const auto cert = [](auto &s) -> auto &
    {
        return s.server.tlsCertificateFile;
    };
    rows.append(stored(
        option(u"tls-cert"_s, Headless::tr("file"),
               Headless::tr("PEM certificate (chain): serve HTTPS instead of HTTP, with "
                            "--tls-key. Clients are not asked for certificates. Default: plain "
                            "HTTP."),
               cert, text),
        u"server/tlsCertificate"_s, Restart::Server, cert, asString, storedString));
    const auto key = [](auto &s) -> auto &
    {
        return s.server.tlsKeyFile;
    };
    rows.append(
        stored(option(u"tls-key"_s, Headless::tr("file"),
                      Headless::tr("PEM private key (RSA or EC) of --tls-cert."), key, text),
               u"server/tlsKey"_s, Restart::Server, key, asString, storedString));
}

// The options of the HTTP server given on the command line only.
void addServerLimitRows(QList<OptionRow> &rows)
{
    const Server::ServerOptions d;
    rows.append(listOption(
        u"allow-origin"_s, Headless::tr("origins"),
        Headless::tr("Origins (scheme://host[:port]) whose web pages may post events, besides "
                     "the server's own; with --read-token also read. Repeatable or "
                     "comma-separated; * for any. Default: none."),
        [](auto &s) -> auto & { return s.server.allowedOrigins; },
        [](const QString &o) { return Server::AccessPolicy::isOriginPattern(o); }));
    rows.append(listOption(
        u"allow-host"_s, Headless::tr("hosts"),
        Headless::tr("Host names to answer for besides localhost and this computer's names "
                     "and addresses (a reverse proxy's public name). Repeatable or "
                     "comma-separated; * for any. Default: none."),
        [](auto &s) -> auto & { return s.server.allowedHosts; },
        [](const QString &h) { return Server::AccessPolicy::isHostPattern(h); }));
    const auto server = [&rows](OptionRow row) {
        row.restarts = Restart::Server;
        rows.append(row);
    };
    server(option(
        u"index-limit"_s, Headless::tr("count"),
        Headless::tr("Frames listed by GET /frame without from, to or limit. Default: %1.")
            .arg(d.indexLimit),
        [](auto &s) -> auto & { return s.server.indexLimit; }, count(0, kMaxCount)));
    server(option(
        u"max-body"_s, Headless::tr("size"),
        Headless::tr("Largest request body (k, M, G); larger ones get 413 before they "
                     "are read. Default: 16M."),
        [](auto &s) -> auto & { return s.server.limits.maxBody; }, size(1)));
    server(option(
        u"max-live-backlog"_s, Headless::tr("size"),
        Headless::tr("Unsent live-feed bytes of all GET /events subscribers together (k, M, "
                     "G); beyond it the slowest subscribers are disconnected. Default: 64M."),
        [](auto &s) -> auto & { return s.server.limits.maxLiveBacklog; }, size(1)));
    server(option(
        u"max-connections"_s, Headless::tr("count"),
        Headless::tr("Open HTTP connections at most; more get 503. Default: %1.")
            .arg(d.limits.maxConnections),
        [](auto &s) -> auto & { return s.server.limits.maxConnections; }, count(1, kMaxCount)));
    server(option(
        u"max-connections-per-peer"_s, Headless::tr("count"),
        Headless::tr("Open HTTP connections from one client address at most; more "
                     "get 503. Default: %1.")
            .arg(d.limits.maxConnectionsPerPeer),
        [](auto &s) -> auto & { return s.server.limits.maxConnectionsPerPeer; },
        count(1, kMaxCount)));
    server(option(
        u"idle-timeout"_s, Headless::tr("duration"),
        Headless::tr("Close connections idle this long (ms, or with a unit). "
                     "Default: 30s."),
        [](auto &s) -> auto & { return s.server.limits.idleTimeoutMs; }, duration(1, kDayMs)));
    server(option(
        u"header-timeout"_s, Headless::tr("duration"),
        Headless::tr("A request head must arrive whole this long after its first "
                     "byte (ms, or with a unit); later gets 408. Default: 10s."),
        [](auto &s) -> auto & { return s.server.limits.headerTimeoutMs; }, duration(1, kDayMs)));
    server(option(
        u"http-threads"_s, Headless::tr("count"),
        Headless::tr("Threads serving HTTP. Default: one per core."),
        [](auto &s) -> auto & { return s.server.threads; }, count(1, kMaxCount)));
}

// The MQTT brokers to subscribe to (docs/INGEST.md): given on the command line only; the
// sources start with the engine.
void addMqttRows(QList<OptionRow> &rows)
{
    const auto sources = [&rows](OptionRow row) {
        row.restarts = Restart::Engine;
        rows.append(row);
    };
    const auto brokers = [](auto &s) -> auto &
    {
        return s.mqtt.brokers;
    };
    const auto broker = [](const QString &url) -> std::optional<QList<Ingest::MqttOptions>> {
        QString error;
        const std::optional<Ingest::MqttOptions> b = Ingest::parseMqttUrl(url, &error);
        if (!b)
            return std::nullopt;
        return QList<Ingest::MqttOptions> {*b};
    };
    OptionRow mqtt =
        option(u"mqtt"_s, Headless::tr("url"),
               Headless::tr("Subscribe to an MQTT broker: mqtt[s]://[user:pass@]host[:port]/FILTER"
                            "[,FILTER...]; each message becomes an event on a channel named after "
                            "its topic. Repeatable. Default: none."),
               brokers, broker);
    mqtt.read = [](const QStringList &values, const QString &, AppSettings &s) {
        QList<Ingest::MqttOptions> list;
        QString error;
        for (const QString &url : values) {
            const std::optional<Ingest::MqttOptions> b = Ingest::parseMqttUrl(url, &error);
            if (!b)
                return error;
            list.append(*b);
        }
        s.mqtt.brokers = list;
        return QString();
    };
    sources(mqtt);
    sources(option(
        u"mqtt-time-field"_s, Headless::tr("name"),
        Headless::tr("Member of a JSON payload that holds the event's time (UNIX ms or ISO "
                     "8601). Default: none, the arrival time."),
        [](auto &s) -> auto & { return s.mqtt.timeField; }, text));
    sources(option(
        u"mqtt-ca-file"_s, Headless::tr("file"),
        Headless::tr("CA certificates (PEM) that sign an mqtts:// broker's certificate. "
                     "Default: the system's."),
        [](auto &s) -> auto & { return s.mqtt.caFile; }, text));
    sources(option(
        u"mqtt-qos"_s, Headless::tr("qos"),
        Headless::tr("QoS of the MQTT subscriptions: 0 or 1. Default: 1."),
        [](auto &s) -> auto & { return s.mqtt.qos; }, count(0, 1)));
}

// The engine's frames: stored, a change restarts the engine (and the server on it).
void addFrameRows(QList<OptionRow> &rows)
{
    const Engine::EngineConfig d;
    const auto engine = [&rows](OptionRow row, const QString &key, auto field, auto storedValue) {
        rows.append(stored(row, key, Restart::Engine, field, asNumber, storedValue));
    };
    const auto frameDuration = [](auto &s) -> auto &
    {
        return s.engine.frameDurationMs;
    };
    engine(
        option(u"frame-duration"_s, EngineOptions::tr("duration"),
               EngineOptions::tr("Length of a time frame (ms, or with a unit: 500ms, 10s, 1min; at "
                                 "least 100 ms). Default: %1 ms.")
                   .arg(d.frameDurationMs),
               frameDuration, duration(0, kNoMax)),
        u"engine/frameDurationMs"_s, frameDuration,
        storedNumber(Engine::EngineConfig::kMinFrameDurationMs, kDayMs));
    const auto history = [](auto &s) -> auto &
    {
        return s.engine.history;
    };
    engine(option(u"history"_s, EngineOptions::tr("count"),
                  EngineOptions::tr("Finished frames kept in memory. Default: %1.").arg(d.history),
                  history, count(0, 1'000'000)),
           u"engine/history"_s, history, storedNumber(0, 1'000'000));
    const auto dataDir = [](auto &s) -> auto &
    {
        return s.engine.dataDir;
    };
    rows.append(stored(
        option(u"data-dir"_s, EngineOptions::tr("path"),
               EngineOptions::tr("Directory for archived frames and the journal. Default: %1.")
                   .arg(QDir::toNativeSeparators(Engine::EngineConfig::defaultDataDir())),
               dataDir, text),
        u"engine/dataDir"_s, Restart::Engine, dataDir, asString, storedString));
}

// What the engine keeps on disk and how it writes: retention, journal sync, layout.
void addRetentionRows(QList<OptionRow> &rows)
{
    const Engine::EngineConfig d;
    const auto engine = [&rows](OptionRow row, const QString &key, auto field, auto storedValue) {
        rows.append(stored(row, key, Restart::Engine, field, asNumber, storedValue));
    };
    const auto retainFrames = [](auto &s) -> auto &
    {
        return s.engine.retainFrames;
    };
    engine(option(u"retain-frames"_s, EngineOptions::tr("count"),
                  EngineOptions::tr(
                      "Keep at most this many archived frames, 0 for no limit. Default: %1.")
                      .arg(d.retainFrames),
                  retainFrames, count(0, kNoMax)),
           u"engine/retainFrames"_s, retainFrames, storedNumber(0, kNoMax));
    const auto retainBytes = [](auto &s) -> auto &
    {
        return s.engine.retainBytes;
    };
    engine(option(u"retain-bytes"_s, EngineOptions::tr("size"),
                  EngineOptions::tr(
                      "Keep at most this many bytes of archived frames (k, M, G), 0 for no "
                      "limit. Default: 1G."),
                  retainBytes, size(0)),
           u"engine/retainBytes"_s, retainBytes, storedNumber(0, kNoMax));
    const auto retainAge = [](auto &s) -> auto &
    {
        return s.engine.retainAgeMs;
    };
    engine(option(u"retain-age"_s, EngineOptions::tr("duration"),
                  EngineOptions::tr(
                      "Remove archived frames older than this (10min, 24h, 7d), 0 for no "
                      "limit. Default: 24h."),
                  retainAge, duration(0, kNoMax)),
           u"engine/retainAgeMs"_s, retainAge, storedNumber(0, kNoMax));
    const auto fsync = [](auto &s) -> auto &
    {
        return s.engine.fsync;
    };
    rows.append(
        stored(option(u"fsync"_s, EngineOptions::tr("policy"),
                      EngineOptions::tr(
                          "When the journal is synced to disk: always, interval (every %1 ms) or "
                          "never. Default: interval.")
                          .arg(d.fsyncIntervalMs),
                      fsync, [](const QString &v) { return Engine::fsyncPolicyFromName(v); }),
               u"engine/fsync"_s, Restart::Engine, fsync, Engine::fsyncPolicyName,
               [](const QVariant &v) { return Engine::fsyncPolicyFromName(v.toString()); }));
    const auto layout = [](auto &s) -> auto &
    {
        return s.engine.layout;
    };
    rows.append(
        stored(option(u"layout"_s, Headless::tr("layout"),
                      Headless::tr("Metadata layout of the frames written and served at /{id}: "
                                   "documented or reference (the original Go server's; its path "
                                   "/frame/{id} always serves that one). Default: documented."),
                      layout, [](const QString &v) { return TimeFrame::layoutFromName(v); }),
               u"server/layout"_s, Restart::Engine, layout, TimeFrame::layoutName,
               [](const QVariant &v) { return TimeFrame::layoutFromName(v.toString()); }));
}

// The window's own settings: stored, not on the command line, restarting nothing.
void addWindowRows(QList<OptionRow> &rows)
{
    const auto tray = [](auto &s) -> auto &
    {
        return s.tray;
    };
    OptionRow trayRow;
    rows.append(stored(
        trayRow, u"window/keepServingInTray"_s, Restart::None, tray, [](bool on) { return on; },
        [](const QVariant &v) { return std::optional<bool>(v.toBool()); }));
    const auto utc = [](auto &s) -> auto &
    {
        return s.utcTimes;
    };
    OptionRow zoneRow;
    rows.append(stored(
        zoneRow, u"window/timeZone"_s, Restart::None, utc,
        [](bool on) { return on ? u"utc"_s : u"local"_s; },
        [](const QVariant &v) { return std::optional<bool>(v.toString() == u"utc"); }));
}

} // namespace

namespace OptionTable {

QList<OptionRow> rows()
{
    QList<OptionRow> rows;
    addListenRows(rows);
    addAccessRows(rows);
    addServerLimitRows(rows);
    addMqttRows(rows);
    addFrameRows(rows);
    addRetentionRows(rows);
    addWindowRows(rows);
    return rows;
}

const QStringList &names()
{
    static const QStringList names = [] {
        QStringList out;
        for (const OptionRow &row : rows()) {
            if (!row.name.isEmpty())
                out.append(row.name);
        }
        return out;
    }();
    return names;
}

const OptionRow *find(const QList<OptionRow> &rows, QStringView name)
{
    for (const OptionRow &row : rows) {
        if (!row.name.isEmpty() && row.name == name)
            return &row;
    }
    return nullptr;
}

} // namespace OptionTable
