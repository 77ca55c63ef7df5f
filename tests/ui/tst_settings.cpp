// SPDX-License-Identifier: GPL-3.0-or-later
// Settings: the dialog stores them, the command line overrides them for a run, applying restarts
// the service, and with the tray option closing the window keeps serving.
#include "service/appsettings.h"
#include "service/servicehost.h"
#include "settings/settingsdialog.h"
#include "window/mainwindow.h"
#include "window/trayicon.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

template<typename T> T *child(QObject &parent, const QString &name)
{
    T *widget = parent.findChild<T *>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

void selectData(QComboBox *box, int data)
{
    box->setCurrentIndex(box->findData(data));
}

} // namespace

class tst_Settings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultsWithoutStoredSettings();
    void dialogApplyStoresSettings();
    void unusableValuesAreRefused_data();
    void unusableValuesAreRefused();
    void commandLineOverridesSettings();
    void applyingRestartsTheService();
    void closingWithTrayKeepsServing();
    void dialogShowsWhatRuns();
    void dialogSaysWhichRestartApplyCauses();
    void serverOptionRestartsOnlyTheServer();

private:
    ServiceConfig testConfig() const;
    QTemporaryDir m_dir;
};

void tst_Settings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SyncStreamerTest"_s);
    QCoreApplication::setApplicationName(u"tst_settings"_s);
    QVERIFY(m_dir.isValid());
}

void tst_Settings::init()
{
    QSettings().clear();
}

ServiceConfig tst_Settings::testConfig() const
{
    ServiceConfig config;
    config.engine.dataDir = m_dir.filePath(u"data"_s);
    config.server.port = 0;
    config.server.bindAddress = QHostAddress::LocalHost;
    return config;
}

void tst_Settings::defaultsWithoutStoredSettings()
{
    const AppSettings loaded = AppSettings::load(QSettings());
    QVERIFY(loaded == AppSettings {});
    QCOMPARE(loaded.server.port, Server::ServerOptions::kDefaultPort);
    QVERIFY(!loaded.tray);
}

void tst_Settings::dialogApplyStoresSettings()
{
    SettingsDialog dialog {AppSettings {}};
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    child<QSpinBox>(dialog, u"port"_s)->setValue(9123);
    child<QLineEdit>(dialog, u"bindAddress"_s)->setText(u"127.0.0.1"_s);
    child<QLineEdit>(dialog, u"writeToken"_s)->setText(u"secret"_s);
    child<QLineEdit>(dialog, u"readToken"_s)->setText(u"reader"_s);
    child<QLineEdit>(dialog, u"tlsCertificate"_s)->setText(u"/etc/cert.pem"_s);
    child<QLineEdit>(dialog, u"tlsKey"_s)->setText(u"/etc/key.pem"_s);
    selectData(child<QComboBox>(dialog, u"layout"_s), int(TimeFrame::Layout::Reference));
    child<QDoubleSpinBox>(dialog, u"frameDuration"_s)->setValue(2.5);
    child<QSpinBox>(dialog, u"history"_s)->setValue(3);
    child<QLineEdit>(dialog, u"dataDir"_s)->setText(m_dir.filePath(u"elsewhere"_s));
    child<QSpinBox>(dialog, u"retainFrames"_s)->setValue(10);
    child<QSpinBox>(dialog, u"retainSize"_s)->setValue(5);
    child<QDoubleSpinBox>(dialog, u"retainAge"_s)->setValue(2);
    selectData(child<QComboBox>(dialog, u"fsync"_s), int(Engine::FsyncPolicy::Always));
    child<QCheckBox>(dialog, u"tray"_s)->setChecked(true);
    QVERIFY(dialog.apply());
    QCOMPARE(applied.count(), 1);

    const AppSettings stored = AppSettings::load(QSettings());
    QVERIFY(stored == applied.constFirst().constFirst().value<AppSettings>());
    QCOMPARE(stored.server.port, 9123);
    QCOMPARE(stored.server.bindAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(stored.server.writeToken, "secret");
    QCOMPARE(stored.server.readToken, "reader");
    QCOMPARE(stored.server.tlsCertificateFile, u"/etc/cert.pem"_s);
    QCOMPARE(stored.server.tlsKeyFile, u"/etc/key.pem"_s);
    QCOMPARE(stored.engine.layout, TimeFrame::Layout::Reference);
    QCOMPARE(stored.engine.frameDurationMs, 2500);
    QCOMPARE(stored.engine.history, 3);
    QCOMPARE(stored.engine.dataDir, m_dir.filePath(u"elsewhere"_s));
    QCOMPARE(stored.engine.retainFrames, 10);
    QCOMPARE(stored.engine.retainBytes, 5 << 20);
    QCOMPARE(stored.engine.retainAgeMs, 2 * 3600 * 1000);
    QCOMPARE(stored.engine.fsync, Engine::FsyncPolicy::Always);
    QVERIFY(stored.tray);

    // A dialog opened on the stored settings shows them: applying again changes nothing.
    SettingsDialog again(stored);
    QVERIFY(again.settings() == stored);
}

void tst_Settings::unusableValuesAreRefused_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addColumn<QString>("key");
    QTest::addRow("bind address") << u"not-an-address"_s << u""_s;
    QTest::addRow("certificate without key") << u""_s << u"only-key.pem"_s;
}

void tst_Settings::unusableValuesAreRefused()
{
    QFETCH(QString, bind);
    QFETCH(QString, key);
    SettingsDialog dialog {AppSettings {}};
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    child<QSpinBox>(dialog, u"port"_s)->setValue(9999);
    child<QLineEdit>(dialog, u"bindAddress"_s)->setText(bind);
    child<QLineEdit>(dialog, u"tlsKey"_s)->setText(key);
    QVERIFY(!dialog.apply());
    QCOMPARE(applied.count(), 0);
    QVERIFY(!child<QLabel>(dialog, u"error"_s)->text().isEmpty());
    QVERIFY(!QSettings().contains(u"server/port"_s));
}

void tst_Settings::commandLineOverridesSettings()
{
    QCommandLineParser parser;
    for (const QString &name : CommandLineOverrides::names())
        parser.addOption({name, name, u"value"_s});
    QVERIFY(parser.parse({u"syncstreamer"_s, u"--data-dir"_s, u"/tmp/x"_s,
                          u"--max-connections-per-peer"_s, u"7"_s}));
    QProcessEnvironment environment;
    environment.insert(u"SYNCSTREAMER_TOKEN"_s, u"t"_s);
    QStringList given = CommandLineOverrides::givenOptions(parser, environment);
    given.sort();
    QCOMPARE(given, QStringList({u"data-dir"_s, u"max-connections-per-peer"_s, u"token"_s}));

    AppSettings settings;
    settings.server.port = 9123;
    settings.engine.dataDir = u"/stored"_s;
    settings.engine.history = 4;
    CommandLineOverrides overrides;
    overrides.options = given;
    overrides.engine.dataDir = u"/tmp/x"_s;
    overrides.server.writeToken = "t";
    overrides.server.limits.maxConnectionsPerPeer = 7;
    overrides.applyTo(settings);
    QCOMPARE(settings.server.limits.maxConnectionsPerPeer, 7);
    QCOMPARE(settings.engine.dataDir, u"/tmp/x"_s);
    QCOMPARE(settings.server.writeToken, "t");
    QCOMPARE(settings.server.port, 9123); // not given: the setting stays
    QCOMPARE(settings.engine.history, 4);
}

void tst_Settings::applyingRestartsTheService()
{
    ServiceHost host;
    host.apply(testConfig());
    QTRY_VERIFY(host.state().listening);
    MainWindow window(&host);
    AppSettings settings;
    settings.engine = testConfig().engine;
    settings.server = testConfig().server;
    CommandLineOverrides overrides;
    overrides.options = {u"port"_s};
    overrides.server.port = 0; // the command line's port stays in force
    window.setSettings(settings, overrides);

    settings.server.port = 1; // overridden
    settings.engine.frameDurationMs = 2000;
    QSignalSpy engines(&host, &ServiceHost::engineChanged);
    window.applySettings(settings);
    QCOMPARE(host.config().engine.frameDurationMs, 2000);
    QCOMPARE(host.config().server.port, 0);
    QVERIFY(window.settings() == settings);
    QTRY_VERIFY(engines.count() >= 2); // the old engine went, a new one came
    QTRY_VERIFY(host.state().listening);
    QVERIFY(host.state().port != 0);
}

void tst_Settings::closingWithTrayKeepsServing()
{
    ServiceHost host;
    host.apply(testConfig());
    QTRY_VERIFY(host.state().listening);
    MainWindow window(&host);
    window.setSystemTrayAvailable(true);
    AppSettings settings;
    settings.tray = true;
    window.setSettings(settings);
    QVERIFY(window.keepsServingOnClose());
    QVERIFY(window.trayIcon());
    QVERIFY(!QGuiApplication::quitOnLastWindowClosed());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(!window.close()); // the close event is ignored: the window hides
    QVERIFY(!window.isVisible());
    QCOMPARE(host.state().phase, ServiceState::Phase::Running);
    QVERIFY(host.state().listening);
    QTRY_VERIFY(window.trayIcon()->stateText().contains(QString::number(host.state().port)));

    // Without a tray on the desktop the setting has no effect: closing closes.
    window.show();
    window.setSystemTrayAvailable(false);
    QVERIFY(!window.keepsServingOnClose());
    QVERIFY(!window.trayIcon());
    QVERIFY(QGuiApplication::quitOnLastWindowClosed());
    QVERIFY(window.close());
}

// Started with --port and --frame-duration: the dialog shows those, marks them, and Apply left
// alone keeps the stored values and restarts nothing.
void tst_Settings::dialogShowsWhatRuns()
{
    ServiceConfig config = testConfig();
    config.engine.frameDurationMs = 10'000;
    ServiceHost host;
    host.apply(config);
    QTRY_VERIFY(host.state().listening);
    AppSettings stored;
    stored.engine.dataDir = config.engine.dataDir;
    stored.server.bindAddress = config.server.bindAddress;
    stored.server.port = 8080;
    stored.engine.frameDurationMs = 2000;
    {
        QSettings store;
        stored.save(store);
    }
    CommandLineOverrides overrides;
    overrides.options = {u"port"_s, u"frame-duration"_s};
    overrides.server.port = config.server.port;
    overrides.engine.frameDurationMs = config.engine.frameDurationMs;
    MainWindow window(&host);
    window.setSettings(stored, overrides);

    window.showSettings();
    auto *dialog = window.findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QCOMPARE(child<QSpinBox>(*dialog, u"port"_s)->value(), config.server.port);
    QCOMPARE(child<QDoubleSpinBox>(*dialog, u"frameDuration"_s)->value(), 10.0);
    QStringList differing = dialog->differingFields();
    differing.sort();
    QCOMPARE(differing, QStringList({u"frameDuration"_s, u"port"_s}));
    QVERIFY(child<QSpinBox>(*dialog, u"port"_s)->toolTip().contains(u"8080"_s));

    const auto engine = host.engine();
    QSignalSpy engines(&host, &ServiceHost::engineChanged);
    QCOMPARE(dialog->pendingRestart(), AppSettings::Restart::None);
    QVERIFY(dialog->apply());
    const AppSettings after = AppSettings::load(QSettings());
    QCOMPARE(after.server.port, 8080); // the command line's value was not made permanent
    QCOMPARE(after.engine.frameDurationMs, 2000);
    QCOMPARE(host.config().engine.frameDurationMs, 10'000);
    QCOMPARE(engines.count(), 0);
    QCOMPARE(host.engine(), engine);

    // Changed in the dialog, an overridden value is stored and runs.
    child<QSpinBox>(*dialog, u"history"_s)->setValue(7);
    QCOMPARE(dialog->pendingRestart(), AppSettings::Restart::Engine);
    QVERIFY(dialog->apply());
    QCOMPARE(AppSettings::load(QSettings()).engine.history, 7);
    QCOMPARE(AppSettings::load(QSettings()).engine.frameDurationMs, 2000);
    QCOMPARE(host.config().engine.history, 7);
    QCOMPARE(host.config().engine.frameDurationMs, 10'000); // still the command line's
    QTRY_VERIFY(engines.count() >= 2);
    QTRY_VERIFY(host.state().listening);
}

void tst_Settings::dialogSaysWhichRestartApplyCauses()
{
    AppSettings running;
    SettingsDialog dialog(running, running);
    auto *restart = child<QLabel>(dialog, u"restart"_s);
    QCOMPARE(dialog.pendingRestart(), AppSettings::Restart::None);
    QCOMPARE(restart->text(), dialog.restartText());
    const QString none = restart->text();

    child<QCheckBox>(dialog, u"tray"_s)->setChecked(true);
    selectData(child<QComboBox>(dialog, u"timeZone"_s), 1);
    QCOMPARE(dialog.pendingRestart(), AppSettings::Restart::None);
    QCOMPARE(restart->text(), none);

    child<QLineEdit>(dialog, u"readToken"_s)->setText(u"reader"_s);
    QCOMPARE(dialog.pendingRestart(), AppSettings::Restart::Server);
    const QString server = restart->text();
    QVERIFY(server != none);
    QVERIFY(server.contains(u"server"_s));

    child<QSpinBox>(dialog, u"history"_s)->setValue(running.engine.history + 1);
    QCOMPARE(dialog.pendingRestart(), AppSettings::Restart::Engine);
    QVERIFY(restart->text() != server);
    QVERIFY(restart->text().contains(u"engine"_s));
}

// A server option restarts the listener only: the engine, its open frame and its events stay.
void tst_Settings::serverOptionRestartsOnlyTheServer()
{
    ServiceHost host;
    host.apply(testConfig());
    QTRY_VERIFY(host.state().listening);
    MainWindow window(&host);
    AppSettings settings;
    settings.engine = testConfig().engine;
    settings.server = testConfig().server;
    window.setSettings(settings);
    const auto engine = host.engine();
    QVERIFY(engine->ingest(Engine::Event {u"c"_s, u"text/plain"_s, "kept", std::nullopt}).ok());

    QSignalSpy engines(&host, &ServiceHost::engineChanged);
    QSignalSpy states(&host, &ServiceHost::stateChanged);
    settings.server.readToken = "reader";
    window.applySettings(settings);
    QCOMPARE(host.config().server.readToken, "reader");
    QTRY_VERIFY(states.count() >= 1);
    QTRY_VERIFY(host.state().listening);
    QCOMPARE(engines.count(), 0);
    QCOMPARE(host.engine(), engine);
    QCOMPARE(engine->status().eventsAccepted, 1);

    // The window's own options restart nothing.
    settings.tray = !settings.tray;
    settings.utcTimes = !settings.utcTimes;
    const quint16 port = host.state().port;
    window.applySettings(settings);
    states.clear();
    QTRY_VERIFY(states.count() >= 2); // two rounds of statistics, each still listening
    for (const QList<QVariant> &state : std::as_const(states))
        QVERIFY(state.constFirst().value<ServiceState>().listening);
    QCOMPARE(host.state().port, port);
    QCOMPARE(engines.count(), 0);
}

QTEST_MAIN(tst_Settings)
#include "tst_settings.moc"
