// SPDX-License-Identifier: GPL-3.0-or-later
// docs/API.md is executable: every curl example in it runs, in order, against a real
// `syncstreamer --headless`, and must answer with the status written under it.
#include "headlessprocess.h"
#include "httptestutil.h"

#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

struct Example
{
    QString command;
    int status = 0; // 0: a preparation step, any outcome
};

QList<Example> examplesOf(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    QList<Example> out;
    bool inShell = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.startsWith(u"```"_s)) {
            inShell = !inShell && line == u"```sh"_s;
            continue;
        }
        if (!inShell)
            continue;
        if (line.startsWith(u"printf "_s)) {
            out.append({line, 0});
        } else if (line.startsWith(u"curl "_s)) {
            const QString next = i + 1 < lines.size() ? lines[i + 1].trimmed() : QString();
            out.append({line, next.startsWith(u"# "_s) ? next.mid(2, 3).toInt() : -1});
        }
    }
    return out;
}

QString apiDoc()
{
    return QFINDTESTDATA("../../docs/API.md");
}

} // namespace

class TestApiDoc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyEndpointHasAnExample();
    void example_data();
    void example();

private:
    HeadlessProcess m_server;
    QTemporaryDir m_work;
    QProcessEnvironment m_env;
};

void TestApiDoc::initTestCase()
{
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    QVERIFY(!apiDoc().isEmpty());
    // Long enough that the examples which rely on one open frame (the type conflict) stay in it
    // on a loaded machine.
    QVERIFY2(m_server.start({u"--token"_s, u"secret"_s, u"--frame-duration"_s, u"3s"_s}),
             m_server.output().constData());
    const QString base = u"http://127.0.0.1:"_s + QString::number(m_server.port());
    // One finished frame with an item, for the examples that fetch a frame.
    QNetworkAccessManager nam;
    QCOMPARE(send(nam, "POST", QUrl(base + u"/channel/setup"_s), "1",
                  {{"Content-Type", "application/json"}, {"Authorization", "Bearer secret"}})
                 .status,
             200);
    qint64 frame = 0;
    for (int i = 0; i < 200 && frame == 0; ++i) {
        for (const QJsonValue &v : send(nam, "GET", QUrl(base + u"/frame"_s)).array()) {
            if (v["items"_L1].toInt() > 0)
                frame = v["id"_L1].toString().toLongLong();
        }
        if (frame == 0)
            QTest::qWait(50);
    }
    QVERIFY(frame != 0);
    m_env = HeadlessProcess::cleanEnvironment();
    m_env.insert(u"BASE"_s, base);
    m_env.insert(u"TOKEN"_s, u"secret"_s);
    m_env.insert(u"FRAME"_s, QString::number(frame));
}

void TestApiDoc::everyEndpointHasAnExample()
{
    QString all;
    for (const Example &e : examplesOf(apiDoc()))
        all += e.command + u'\n';
    for (const QString &path :
         {u"$BASE/channel/"_s, u"$BASE/event/"_s, u"$BASE/frame\""_s, u"$BASE/frame?"_s,
          u"$BASE/$FRAME"_s, u"$BASE/frame/$FRAME"_s, u"$BASE/batch"_s, u"$BASE/frame/current"_s,
          u"$BASE/events"_s, u"$BASE/channels"_s, u"$BASE/healthz"_s, u"$BASE/metrics"_s,
          u"$BASE/time"_s})
        QVERIFY2(all.contains(path), qPrintable(path));
}

void TestApiDoc::example_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("status");
    const QList<Example> examples = examplesOf(apiDoc());
    QVERIFY(examples.size() >= 20);
    for (qsizetype i = 0; i < examples.size(); ++i)
        QTest::addRow("%02d %s", int(i), qPrintable(examples[i].command.left(70)))
            << examples[i].command << examples[i].status;
}

void TestApiDoc::example()
{
    QFETCH(QString, command);
    QFETCH(int, status);
    QVERIFY2(status != -1, "a curl example without its '# status' line");
    QProcess shell;
    shell.setProcessEnvironment(m_env);
    shell.setWorkingDirectory(m_work.path());
    QString line = command;
    if (status > 0)
        line += u" -s --max-time 5 -w '%{stderr}%{http_code}'"_s;
    shell.start(u"sh"_s, {u"-c"_s, line});
    QVERIFY(shell.waitForFinished(20'000));
    if (status == 0) {
        QCOMPARE(shell.exitCode(), 0);
        return;
    }
    const QByteArray err = shell.readAllStandardError().trimmed();
    QVERIFY2(err.endsWith(QByteArray::number(status)),
             QByteArray(err + " / " + shell.readAllStandardOutput().left(300)).constData());
}

QTEST_GUILESS_MAIN(TestApiDoc)
#include "tst_apidoc.moc"
