// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a data directory another engine owns: the engine is refused, and a dialog says
// which directory and which process.
#include "fastservice.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"

#include "engine/clock.h"
#include "engine/frameengine.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_StartFailure final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataDirectoryInUseIsShownInADialog();
};

void tst_StartFailure::dataDirectoryInUseIsShownInADialog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    Engine::EngineConfig config;
    config.dataDir = dataDir;
    Engine::ManualClock clock(1'700'000'000'000);
    Engine::FrameEngine owner(config, &clock);
    QVERIFY(owner.start(Engine::Threading::Manual));

    ServiceHost host;
    MainWindow window(&host);
    window.show();
    host.apply(FastService::config(dataDir));

    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = window.findChild<QMessageBox *>(u"serviceStartFailed"_s)) != nullptr, 20000);
    QVERIFY2(box->text().contains(dataDir), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(box->text()));
    QVERIFY(!host.engine());
}

QTEST_MAIN(tst_StartFailure)
#include "tst_startfailure.moc"
