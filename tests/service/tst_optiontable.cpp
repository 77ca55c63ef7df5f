// SPDX-License-Identifier: GPL-3.0-or-later
// The option table: the command line read through it, the options it names, the settings file
// written and read back through it.
#include "service/optiontable.h"

#include <QCommandLineParser>
#include <QFile>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Engine;

Q_DECLARE_METATYPE(Engine::FsyncPolicy)
Q_DECLARE_METATYPE(AppSettings::Restart)

class tst_OptionTable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromParser_data();
    void fromParser();
    void serverOptions_data();
    void serverOptions();
    void tokenPrecedence();
    void mqttOptions();
    void everyOptionIsOnTheCommandLine();
    void settingsRoundTrip();
    void restarts_data();
    void restarts();
};

void tst_OptionTable::fromParser_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("frameDurationMs");
    QTest::addColumn<FsyncPolicy>("fsync");

    QTest::addRow("nothing") << QStringList() << true << qint64(10'000) << FsyncPolicy::Interval;
    QTest::addRow("all") << QStringList {u"--frame-duration=200ms"_s, u"--history=3"_s,
                                         u"--data-dir=/tmp/x"_s,      u"--retain-frames=10"_s,
                                         u"--retain-bytes=1M"_s,      u"--retain-age=1h"_s,
                                         u"--fsync=always"_s}
                         << true << qint64(200) << FsyncPolicy::Always;
    QTest::addRow("too short") << QStringList {u"--frame-duration=99"_s} << false << qint64(10'000)
                               << FsyncPolicy::Interval;
    QTest::addRow("bad policy") << QStringList {u"--fsync=sometimes"_s} << false << qint64(10'000)
                                << FsyncPolicy::Interval;
    QTest::addRow("bad count") << QStringList {u"--retain-frames=many"_s} << false << qint64(10'000)
                               << FsyncPolicy::Interval;
}

void tst_OptionTable::fromParser()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, valid);
    QFETCH(qint64, frameDurationMs);
    QFETCH(FsyncPolicy, fsync);

    QCommandLineParser parser;
    OptionTable::addTo(parser);
    QVERIFY(parser.parse(QStringList {u"syncstreamer"_s} + arguments));
    QString error;
    const EngineConfig config =
        OptionTable::read(parser, QProcessEnvironment(), &error).value_or(AppSettings {}).engine;
    QCOMPARE(error.isEmpty(), valid);
    QCOMPARE(config.frameDurationMs, frameDurationMs);
    QCOMPARE(config.fsync, fsync);
    if (valid && !arguments.isEmpty()) {
        QCOMPARE(config.history, 3);
        QCOMPARE(config.dataDir, u"/tmp/x"_s);
        QCOMPARE(config.retainFrames, 10);
        QCOMPARE(config.retainBytes, 1024 * 1024);
        QCOMPARE(config.retainAgeMs, 3'600'000);
    }
}

// The server's options through the same table, with the environment beside the command line.
void tst_OptionTable::serverOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("error"); // a part of the message, empty for none
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("token");

    QTest::addRow("defaults") << QStringList() << QStringList() << QString() << 8080
                              << QByteArray();
    QTest::addRow("port from PORT")
        << QStringList() << QStringList {u"PORT=9001"_s} << QString() << 9001 << QByteArray();
    QTest::addRow("SYNCSTREAMER_PORT first")
        << QStringList() << QStringList {u"PORT=9001"_s, u"SYNCSTREAMER_PORT=9002"_s} << QString()
        << 9002 << QByteArray();
    QTest::addRow("--port wins") << QStringList {u"--port=9003"_s} << QStringList {u"PORT=9001"_s}
                                 << QString() << 9003 << QByteArray();
    QTest::addRow("bad PORT") << QStringList() << QStringList {u"PORT=http"_s} << u"(from PORT)"_s
                              << 8080 << QByteArray();
    QTest::addRow("port too high")
        << QStringList {u"--port=65536"_s} << QStringList() << u"65536"_s << 8080 << QByteArray();
    QTest::addRow("token from the environment")
        << QStringList() << QStringList {u"SYNCSTREAMER_TOKEN=env"_s} << QString() << 8080
        << QByteArray("env");
    QTest::addRow("--token wins") << QStringList {u"--token=cli"_s}
                                  << QStringList {u"SYNCSTREAMER_TOKEN=env"_s} << QString() << 8080
                                  << QByteArray("cli");
    QTest::addRow("bad origin") << QStringList {u"--allow-origin=nope"_s} << QStringList()
                                << u"--allow-origin"_s << 8080 << QByteArray();
    QTest::addRow("bad layout") << QStringList {u"--layout=sideways"_s} << QStringList()
                                << u"--layout"_s << 8080 << QByteArray();
    QTest::addRow("zero connections") << QStringList {u"--max-connections=0"_s} << QStringList()
                                      << u"--max-connections"_s << 8080 << QByteArray();
}

void tst_OptionTable::serverOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, error);
    QFETCH(int, port);
    QFETCH(QByteArray, token);

    QCommandLineParser parser;
    OptionTable::addTo(parser);
    QVERIFY(parser.parse(QStringList {u"syncstreamer"_s} + arguments));
    QProcessEnvironment env;
    for (const QString &pair : environment)
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    QString message;
    const std::optional<AppSettings> settings = OptionTable::read(parser, env, &message);
    QCOMPARE(settings.has_value(), error.isEmpty());
    QVERIFY2(message.contains(error), qPrintable(message));
    if (settings) {
        QCOMPARE(settings->server.port, port);
        QCOMPARE(settings->server.writeToken, token);
    }
}

// SYNCSTREAMER_TOKEN < --token-file < --token, whatever their order on the command line.
void tst_OptionTable::tokenPrecedence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"token"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from-file\nsecond line\n");
    file.close();
    QProcessEnvironment environment;
    environment.insert(u"SYNCSTREAMER_TOKEN"_s, u"from-environment"_s);
    const auto tokenOf = [&](const QStringList &arguments) {
        QCommandLineParser parser;
        OptionTable::addTo(parser);
        if (!parser.parse(QStringList {u"syncstreamer"_s} + arguments))
            return QByteArray("unparsed");
        QString error;
        const std::optional<AppSettings> settings = OptionTable::read(parser, environment, &error);
        return settings ? settings->server.writeToken : error.toUtf8();
    };
    QCOMPARE(tokenOf({}), "from-environment");
    QCOMPARE(tokenOf({u"--token-file"_s, file.fileName()}), "from-file");
    QCOMPARE(tokenOf({u"--token=given"_s, u"--token-file"_s, file.fileName()}), "given");
    QCOMPARE(tokenOf({u"--token-file"_s, file.fileName(), u"--token=given"_s}), "given");
    QVERIFY(tokenOf({u"--token-file"_s, dir.filePath(u"missing"_s)}).contains("missing"));
}

// --mqtt is repeatable; --mqtt-time-field, --mqtt-ca-file and --mqtt-qos apply to every broker,
// whatever their order; none of them is stored.
void tst_OptionTable::mqttOptions()
{
    const auto read = [](const QStringList &arguments, QString *error) {
        QCommandLineParser parser;
        OptionTable::addTo(parser);
        if (!parser.parse(QStringList {u"syncstreamer"_s} + arguments))
            return std::optional<AppSettings>();
        return OptionTable::read(parser, QProcessEnvironment(), error);
    };
    QString error;
    const std::optional<AppSettings> settings =
        read({u"--mqtt-qos=0"_s, u"--mqtt=mqtt://a/x"_s, u"--mqtt-time-field=ts"_s,
              u"--mqtt=mqtts://u:p@b/y,z"_s, u"--mqtt-ca-file=/ca.pem"_s},
             &error);
    QVERIFY2(settings, qPrintable(error));
    const QList<Ingest::MqttOptions> brokers = settings->mqtt.resolved();
    QCOMPARE(brokers.size(), 2);
    QCOMPARE(brokers.at(0).host, u"a"_s);
    QCOMPARE(brokers.at(0).port, 1883);
    QCOMPARE(brokers.at(1).host, u"b"_s);
    QCOMPARE(brokers.at(1).port, 8883);
    QCOMPARE(brokers.at(1).filters, (QStringList {u"y"_s, u"z"_s}));
    for (const Ingest::MqttOptions &broker : brokers) {
        QCOMPARE(broker.qos, 0);
        QCOMPARE(broker.timeField, u"ts"_s);
        QCOMPARE(broker.caFile, u"/ca.pem"_s);
    }
    QVERIFY(read({}, &error)->mqtt.brokers.isEmpty());
    QCOMPARE(read({}, &error)->mqtt.qos, 1);

    QVERIFY(!read({u"--mqtt-qos=2"_s}, &error));
    QVERIFY2(error.contains(u"--mqtt-qos"_s), qPrintable(error));
    QVERIFY(!read({u"--mqtt=http://a/x"_s}, &error));
    QVERIFY2(error.contains(u"mqtt://"_s), qPrintable(error));

    for (const OptionRow &row : OptionTable::rows()) {
        if (row.name.startsWith(u"mqtt"_s))
            QVERIFY2(row.settingsKey.isEmpty(), qPrintable(row.name));
    }
}

// The names that override stored settings are the table's rows, every one of which is on the
// command line with a help text.
void tst_OptionTable::everyOptionIsOnTheCommandLine()
{
    QCommandLineParser parser;
    OptionTable::addTo(parser);
    const QStringList help = parser.helpText().split(u'\n');
    QVERIFY(OptionTable::names().size() >= 24);
    for (const QString &name : OptionTable::names()) {
        QVERIFY2(std::any_of(
                     help.cbegin(), help.cend(),
                     [&name](const QString &line) { return line.contains(u"--"_s + name + u' '); }),
                 qPrintable(name));
    }
    QCOMPARE(OptionTable::names().count(u"layout"_s), 1);
}

// Everything stored is read back as written; the window's own choices too.
void tst_OptionTable::settingsRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings file(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    AppSettings written;
    written.server.port = 9999;
    written.server.bindAddress = QHostAddress(u"127.0.0.1"_s);
    written.server.writeToken = "w";
    written.server.readToken = "r";
    written.engine.frameDurationMs = 2000;
    written.engine.history = 3;
    written.engine.dataDir = dir.path();
    written.engine.retainBytes = 4096;
    written.engine.fsync = FsyncPolicy::Never;
    written.engine.layout = TimeFrame::Layout::Reference;
    written.tray = true;
    written.utcTimes = true;
    written.save(file);
    QCOMPARE(file.value(u"window/timeZone"_s).toString(), u"utc"_s);
    QCOMPARE(file.value(u"server/layout"_s).toString(), u"reference"_s);
    QVERIFY(AppSettings::load(file) == written);
    QVERIFY(!(AppSettings::load(file) == AppSettings {}));

    // An unusable value keeps the default.
    file.setValue(u"engine/frameDurationMs"_s, u"soon"_s);
    file.setValue(u"server/bindAddress"_s, u"nowhere"_s);
    const AppSettings read = AppSettings::load(file);
    QCOMPARE(read.engine.frameDurationMs, EngineConfig().frameDurationMs);
    QCOMPARE(read.server.bindAddress, QHostAddress(QHostAddress::Any));
}

void tst_OptionTable::restarts_data()
{
    using Restart = AppSettings::Restart;
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<Restart>("restart");
    QTest::addRow("port") << u"port"_s << u"9"_s << Restart::Server;
    QTest::addRow("read token") << u"read-token"_s << u"x"_s << Restart::Server;
    QTest::addRow("frame duration") << u"frame-duration"_s << u"2s"_s << Restart::Engine;
    QTest::addRow("layout") << u"layout"_s << u"reference"_s << Restart::Engine;
    QTest::addRow("fsync") << u"fsync"_s << u"never"_s << Restart::Engine;
    // Not stored: the window cannot change it while it runs.
    QTest::addRow("idle timeout") << u"idle-timeout"_s << u"5s"_s << Restart::None;
}

void tst_OptionTable::restarts()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(AppSettings::Restart, restart);
    QCommandLineParser parser;
    OptionTable::addTo(parser);
    QVERIFY(parser.parse({u"syncstreamer"_s, u"--"_s + option + u'=' + value}));
    QString error;
    const std::optional<AppSettings> wanted =
        OptionTable::read(parser, QProcessEnvironment(), &error);
    QVERIFY2(wanted, qPrintable(error));
    QCOMPARE(AppSettings::restartFor(AppSettings {}, *wanted), restart);
}

QTEST_APPLESS_MAIN(tst_OptionTable)
#include "tst_optiontable.moc"
