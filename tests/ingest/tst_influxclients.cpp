// SPDX-License-Identifier: GPL-3.0-or-later
// Real InfluxDB clients against the real `syncstreamer --headless --token`: the official
// JavaScript library @influxdata/influxdb-client (v2 API, tests/ingest/clients, installed by
// packaging/install-deps.sh) and Debian's python3-influxdb (v1 API), with gzip on and off.
// Every point is read back from the frames by the rule of one line, one event.
#include "../server/headlessprocess.h"
#include "readback.h"

#include <QDateTime>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kCount = 250;
const QString kToken = u"s3cret"_s;

QString clientsDir()
{
    return QStringLiteral(SYNCSTREAMER_INGEST_CLIENTS);
}

} // namespace

class tst_InfluxClients final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPointReadsBack_data();
    void everyPointReadsBack();

private:
    bool run(const QString &program, const QStringList &arguments, QByteArray *output);
};

bool tst_InfluxClients::run(const QString &program, const QStringList &arguments,
                            QByteArray *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(clientsDir());
    process.setProcessEnvironment(HeadlessProcess::cleanEnvironment());
    process.start(program, arguments);
    const bool finished = process.waitForFinished(60'000);
    *output = process.readAll();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

void tst_InfluxClients::everyPointReadsBack_data()
{
    QTest::addColumn<QString>("lib");
    QTest::addColumn<QString>("gzip");
    for (const QString &lib : {u"js"_s, u"py"_s}) {
        for (const QString &gzip : {u"on"_s, u"off"_s})
            QTest::addRow("%s, gzip %s", qPrintable(lib), qPrintable(gzip)) << lib << gzip;
    }
}

void tst_InfluxClients::everyPointReadsBack()
{
    QFETCH(QString, lib);
    QFETCH(QString, gzip);
    QString program;
    if (lib == u"js"_s) {
        program = QStandardPaths::findExecutable(u"node"_s);
        if (program.isEmpty()
            || !QFile::exists(clientsDir() + u"/node_modules/@influxdata/influxdb-client"_s))
            QSKIP("node or @influxdata/influxdb-client is missing (packaging/install-deps.sh "
                  "installs them in tests/ingest/clients)");
    } else {
        program = u"/usr/bin/python3"_s;
        QByteArray output;
        if (!run(program, {u"-c"_s, u"import influxdb"_s}, &output))
            QSKIP("Debian's python3-influxdb is missing (packaging/install-deps.sh installs it)");
    }

    HeadlessProcess app;
    QVERIFY2(app.start({u"--token"_s, kToken, u"--frame-duration"_s, u"60s"_s}),
             app.output().constData());
    // Every point inside one open frame: not within 15 s of its end.
    QVERIFY(QTest::qWaitFor([] { return QDateTime::currentMSecsSinceEpoch() % 60'000 < 45'000; },
                            20'000));
    const qint64 start = QDateTime::currentMSecsSinceEpoch();

    QByteArray output;
    const QString port = QString::number(app.port());
    const bool ok = lib == u"js"_s ? run(program,
                                         {u"write-v2.mjs"_s, u"http://127.0.0.1:"_s + port, kToken,
                                          QString::number(start), QString::number(kCount), gzip},
                                         &output)
                                   : run(program,
                                         {u"write_v1.py"_s, u"127.0.0.1"_s, port, kToken,
                                          QString::number(start), QString::number(kCount), gzip},
                                         &output);
    QVERIFY2(ok, output.constData());

    QNetworkAccessManager nam;
    const ReadBack r = ReadBack::fetch(nam, app.port());
    const QString channel = u"clients,gzip=%1,lib=%2"_s.arg(gzip, lib);
    QCOMPARE(r.types.value(channel), u"application/json"_s);
    // The clients send their batches concurrently: the frame keeps them in arrival order.
    QList<TimeFrame::Item> items = r.items.value(channel);
    std::sort(items.begin(), items.end(),
              [](const auto &a, const auto &b) { return a.timestamp < b.timestamp; });
    QCOMPARE(items.size(), kCount);
    for (int i = 0; i < kCount; ++i) {
        QCOMPARE(items[i].timestamp, start + i);
        const QJsonObject fields = QJsonDocument::fromJson(items[i].data).object();
        QCOMPARE(fields.value(u"i"_s).toInteger(), qint64(i));
        QCOMPARE(fields.value(u"f"_s).toDouble(), i + 0.25);
        QCOMPARE(fields.value(u"s"_s).toString(), u"n %1, \"q\" \\ x"_s.arg(i));
        QCOMPARE(fields.value(u"b"_s).toBool(), i % 2 == 0);
        // 64-bit integers exactly, never through a double.
        if (lib == u"js"_s) {
            QCOMPARE(fields.size(), 5);
            QVERIFY2(items[i].data.contains("\"u\":18446744073709551615"),
                     items[i].data.constData());
        } else {
            QCOMPARE(fields.size(), 5);
            QVERIFY2(items[i].data.contains("\"big\":9223372036854775807"),
                     items[i].data.constData());
        }
    }
    // Written with the token: nothing was refused.
    QVERIFY(ReadBack::get(nam, u"http://127.0.0.1:"_s + port + u"/metrics"_s)
                .contains(
                    QByteArray("syncstreamer_engine_events_total " + QByteArray::number(kCount))));
}

QTEST_MAIN(tst_InfluxClients)

#include "tst_influxclients.moc"
