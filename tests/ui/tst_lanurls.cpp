// SPDX-License-Identifier: GPL-3.0-or-later
// The addresses shown for the server: one builder, loopback first, only what a browser opens.
#include "service/lanurls.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"
#include "window/serverpanel.h"
#include "window/trayicon.h"

#include <QNetworkInterface>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QList<QHostAddress> kMachine {
    QHostAddress(u"127.0.0.1"_s),
    QHostAddress(u"::1"_s),
    QHostAddress(u"fe80::fc:ff:fe00:1%eth0"_s),
    QHostAddress(u"169.254.7.7"_s),
    QHostAddress(u"192.0.2.2"_s),
    QHostAddress(u"fd00::2"_s),
    QHostAddress(u"2001:db8::5"_s),
    QHostAddress(u"192.0.2.2"_s), // on two interfaces
    QHostAddress(u"224.0.0.1"_s),
};

} // namespace

class tst_LanUrls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls_data();
    void urls();
    void thisMachine();
    void panelAndTrayShowOnlyOpenableAddresses();
};

void tst_LanUrls::urls_data()
{
    QTest::addColumn<QHostAddress>("bind");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("all interfaces")
        << QHostAddress(QHostAddress::Any) << false
        << QStringList {u"http://127.0.0.1:8080/"_s, u"http://192.0.2.2:8080/"_s,
                        u"http://[fd00::2]:8080/"_s, u"http://[2001:db8::5]:8080/"_s};
    QTest::addRow("IPv4 only, TLS")
        << QHostAddress(QHostAddress::AnyIPv4) << true
        << QStringList {u"https://127.0.0.1:8080/"_s, u"https://192.0.2.2:8080/"_s};
    QTest::addRow("IPv6 only") << QHostAddress(QHostAddress::AnyIPv6) << false
                               << QStringList {u"http://[::1]:8080/"_s, u"http://[fd00::2]:8080/"_s,
                                               u"http://[2001:db8::5]:8080/"_s};
    QTest::addRow("one address") << QHostAddress(u"192.0.2.2"_s) << false
                                 << QStringList {u"http://192.0.2.2:8080/"_s};
    QTest::addRow("loopback") << QHostAddress(QHostAddress::LocalHost) << false
                              << QStringList {u"http://127.0.0.1:8080/"_s};
    QTest::addRow("one IPv6 address")
        << QHostAddress(u"2001:db8::5"_s) << false << QStringList {u"http://[2001:db8::5]:8080/"_s};
    QTest::addRow("link-local bind") << QHostAddress(u"fe80::1%eth0"_s) << false << QStringList {};
}

void tst_LanUrls::urls()
{
    QFETCH(QHostAddress, bind);
    QFETCH(bool, tls);
    QFETCH(QStringList, expected);
    QCOMPARE(LanUrls::toStrings(LanUrls::urls(bind, 8080, tls, kMachine)), expected);
}

// The real interfaces: every global address of the machine, and no link-local one.
void tst_LanUrls::thisMachine()
{
    const QStringList urls = LanUrls::toStrings(LanUrls::urls(QHostAddress::Any, 80, false));
    QCOMPARE(urls.value(0), u"http://127.0.0.1:80/"_s);
    for (const QString &url : urls) {
        const QUrl parsed(url);
        QVERIFY2(parsed.isValid(), qPrintable(url));
        QVERIFY2(!url.contains(u'%'), qPrintable(url));
        QVERIFY2(!QHostAddress(parsed.host()).isLinkLocal(), qPrintable(url));
    }
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        if (!interface.flags().testFlags(QNetworkInterface::IsUp | QNetworkInterface::IsRunning))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().isGlobal() && !entry.ip().isLoopback())
                QVERIFY2(urls.contains(LanUrls::urls(entry.ip(), 80, false).value(0).toString()),
                         qPrintable(entry.ip().toString()));
        }
    }
}

// A server on all interfaces (nothing is sent to it): the panel and the tray list what the
// builder gives, and nothing a browser cannot open.
void tst_LanUrls::panelAndTrayShowOnlyOpenableAddresses()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    ServiceHost host;
    ServiceConfig config;
    config.engine.dataDir = dir.filePath(u"data"_s);
    config.server.port = 0;
    config.server.bindAddress = QHostAddress::Any;
    host.apply(config);
    QTRY_VERIFY(host.state().listening);
    MainWindow window(&host);
    QTRY_VERIFY(!window.serverPanel()->urls().isEmpty()); // the state is published every second
    const QStringList shown = window.serverPanel()->urls();
    QCOMPARE(shown, LanUrls::toStrings(LanUrls::urls(QHostAddress::Any, host.state().port, false)));
    for (const QString &url : shown) {
        QVERIFY2(!url.contains(u'%'), qPrintable(url));
        QVERIFY2(!QHostAddress(QUrl(url).host()).isLinkLocal(), qPrintable(url));
    }
    TrayIcon tray;
    tray.setState(host.state());
    const QString text = tray.stateText();
    QVERIFY2(text.contains(u":%1/"_s.arg(host.state().port)), qPrintable(text));
    bool fromList = false;
    for (const QString &url : shown)
        fromList = fromList || text.contains(url);
    QVERIFY2(fromList, qPrintable(text));
}

QTEST_MAIN(tst_LanUrls)
#include "tst_lanurls.moc"
