// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {

// QSettings keys; renaming one loses what users stored under it.
const QString kPort = u"server/port"_s;
const QString kBind = u"server/bindAddress"_s;
const QString kWriteToken = u"server/writeToken"_s;
const QString kReadToken = u"server/readToken"_s;
const QString kTlsCert = u"server/tlsCertificate"_s;
const QString kTlsKey = u"server/tlsKey"_s;
const QString kLayout = u"server/layout"_s;
const QString kFrameDuration = u"engine/frameDurationMs"_s;
const QString kHistory = u"engine/history"_s;
const QString kDataDir = u"engine/dataDir"_s;
const QString kRetainFrames = u"engine/retainFrames"_s;
const QString kRetainBytes = u"engine/retainBytes"_s;
const QString kRetainAge = u"engine/retainAgeMs"_s;
const QString kFsync = u"engine/fsync"_s;
const QString kTray = u"window/keepServingInTray"_s;
const QString kTimeZone = u"window/timeZone"_s; // "local" or "utc"

auto engineTuple(const Engine::EngineConfig &e)
{
    return std::tie(e.frameDurationMs, e.history, e.dataDir, e.retainFrames, e.retainBytes,
                    e.retainAgeMs, e.fsync, e.fsyncIntervalMs, e.layout);
}

auto serverTuple(const Server::ServerOptions &s)
{
    return std::tie(s.bindAddress, s.port, s.writeToken, s.readToken, s.tlsCertificateFile,
                    s.tlsKeyFile);
}

template<typename T>
void readNumber(const QSettings &settings, const QString &key, T *target, qint64 minimum,
                qint64 maximum)
{
    bool ok = false;
    const qint64 value = settings.value(key).toLongLong(&ok);
    if (ok && value >= minimum && value <= maximum)
        *target = T(value);
}

} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings s;
    readNumber(settings, kPort, &s.server.port, 0, 65535);
    QHostAddress bind;
    if (bind.setAddress(settings.value(kBind).toString()))
        s.server.bindAddress = bind;
    s.server.writeToken = settings.value(kWriteToken).toString().toUtf8();
    s.server.readToken = settings.value(kReadToken).toString().toUtf8();
    s.server.tlsCertificateFile = settings.value(kTlsCert).toString();
    s.server.tlsKeyFile = settings.value(kTlsKey).toString();
    if (const auto layout = TimeFrame::layoutFromName(settings.value(kLayout).toString()))
        s.engine.layout = *layout;
    readNumber(settings, kFrameDuration, &s.engine.frameDurationMs,
               Engine::EngineConfig::kMinFrameDurationMs, 24LL * 3600 * 1000);
    readNumber(settings, kHistory, &s.engine.history, 0, 1'000'000);
    s.engine.dataDir = settings.value(kDataDir).toString();
    readNumber(settings, kRetainFrames, &s.engine.retainFrames, 0,
               std::numeric_limits<qint64>::max());
    readNumber(settings, kRetainBytes, &s.engine.retainBytes, 0,
               std::numeric_limits<qint64>::max());
    readNumber(settings, kRetainAge, &s.engine.retainAgeMs, 0, std::numeric_limits<qint64>::max());
    if (const auto fsync = Engine::fsyncPolicyFromName(settings.value(kFsync).toString()))
        s.engine.fsync = *fsync;
    s.tray = settings.value(kTray, false).toBool();
    s.utcTimes = settings.value(kTimeZone).toString() == u"utc";
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kPort, server.port);
    const bool any = server.bindAddress == QHostAddress::Any;
    settings.setValue(kBind, any ? QString() : server.bindAddress.toString());
    settings.setValue(kWriteToken, QString::fromUtf8(server.writeToken));
    settings.setValue(kReadToken, QString::fromUtf8(server.readToken));
    settings.setValue(kTlsCert, server.tlsCertificateFile);
    settings.setValue(kTlsKey, server.tlsKeyFile);
    settings.setValue(kLayout, TimeFrame::layoutName(engine.layout));
    settings.setValue(kFrameDuration, engine.frameDurationMs);
    settings.setValue(kHistory, engine.history);
    settings.setValue(kDataDir, engine.dataDir);
    settings.setValue(kRetainFrames, engine.retainFrames);
    settings.setValue(kRetainBytes, engine.retainBytes);
    settings.setValue(kRetainAge, engine.retainAgeMs);
    settings.setValue(kFsync, Engine::fsyncPolicyName(engine.fsync));
    settings.setValue(kTray, tray);
    settings.setValue(kTimeZone, utcTimes ? u"utc"_s : u"local"_s);
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
    return a.tray == b.tray && a.utcTimes == b.utcTimes
        && AppSettings::restartFor(a, b) == AppSettings::Restart::None;
}

AppSettings::Restart AppSettings::restartFor(const AppSettings &running, const AppSettings &wanted)
{
    if (engineTuple(running.engine) != engineTuple(wanted.engine))
        return Restart::Engine;
    if (serverTuple(running.server) != serverTuple(wanted.server))
        return Restart::Server;
    return Restart::None;
}

const QStringList &CommandLineOverrides::names()
{
    static const QStringList list {u"port"_s,
                                   u"bind"_s,
                                   u"token"_s,
                                   u"token-file"_s,
                                   u"read-token"_s,
                                   u"tls-cert"_s,
                                   u"tls-key"_s,
                                   u"allow-origin"_s,
                                   u"index-limit"_s,
                                   u"max-body"_s,
                                   u"max-connections"_s,
                                   u"idle-timeout"_s,
                                   u"http-threads"_s,
                                   u"layout"_s,
                                   u"frame-duration"_s,
                                   u"history"_s,
                                   u"data-dir"_s,
                                   u"retain-frames"_s,
                                   u"retain-bytes"_s,
                                   u"retain-age"_s,
                                   u"fsync"_s,
                                   u"allow-host"_s,
                                   u"header-timeout"_s,
                                   u"max-connections-per-peer"_s,
                                   u"max-live-backlog"_s};
    return list;
}

QStringList CommandLineOverrides::givenOptions(const QCommandLineParser &parser,
                                               const QProcessEnvironment &environment)
{
    QStringList given;
    for (const QString &name : names()) {
        if (parser.isSet(name))
            given.append(name);
    }
    if (!given.contains(u"port"_s)
        && (environment.contains(u"SYNCSTREAMER_PORT"_s) || environment.contains(u"PORT"_s)))
        given.append(u"port"_s);
    if (!given.contains(u"token"_s) && environment.contains(u"SYNCSTREAMER_TOKEN"_s))
        given.append(u"token"_s);
    return given;
}

void CommandLineOverrides::applyTo(AppSettings &settings) const
{
    Engine::EngineConfig &e = settings.engine;
    Server::ServerOptions &s = settings.server;
    for (const QString &name : options) {
        if (name == u"port")
            s.port = server.port;
        else if (name == u"bind")
            s.bindAddress = server.bindAddress;
        else if (name == u"token" || name == u"token-file")
            s.writeToken = server.writeToken;
        else if (name == u"read-token")
            s.readToken = server.readToken;
        else if (name == u"tls-cert")
            s.tlsCertificateFile = server.tlsCertificateFile;
        else if (name == u"tls-key")
            s.tlsKeyFile = server.tlsKeyFile;
        else if (name == u"allow-origin")
            s.allowedOrigins = server.allowedOrigins;
        else if (name == u"allow-host")
            s.allowedHosts = server.allowedHosts;
        else if (name == u"header-timeout")
            s.limits.headerTimeoutMs = server.limits.headerTimeoutMs;
        else if (name == u"max-connections-per-peer")
            s.limits.maxConnectionsPerPeer = server.limits.maxConnectionsPerPeer;
        else if (name == u"index-limit")
            s.indexLimit = server.indexLimit;
        else if (name == u"max-body")
            s.limits.maxBody = server.limits.maxBody;
        else if (name == u"max-live-backlog")
            s.limits.maxLiveBacklog = server.limits.maxLiveBacklog;
        else if (name == u"max-connections")
            s.limits.maxConnections = server.limits.maxConnections;
        else if (name == u"idle-timeout")
            s.limits.idleTimeoutMs = server.limits.idleTimeoutMs;
        else if (name == u"http-threads")
            s.threads = server.threads;
        else if (name == u"layout")
            e.layout = engine.layout;
        else if (name == u"frame-duration")
            e.frameDurationMs = engine.frameDurationMs;
        else if (name == u"history")
            e.history = engine.history;
        else if (name == u"data-dir")
            e.dataDir = engine.dataDir;
        else if (name == u"retain-frames")
            e.retainFrames = engine.retainFrames;
        else if (name == u"retain-bytes")
            e.retainBytes = engine.retainBytes;
        else if (name == u"retain-age")
            e.retainAgeMs = engine.retainAgeMs;
        else if (name == u"fsync")
            e.fsync = engine.fsync;
    }
}
