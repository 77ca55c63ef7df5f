// SPDX-License-Identifier: GPL-3.0-or-later
// The syncstreamer command line, through the real executable: output, messages, exit statuses,
// and what `--headless` leaves in its data directory when it is stopped.
#include "format/timeframe.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Subcommands must not need a display: every run sees none unless a test says otherwise.
QProcessEnvironment environmentWithoutDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        environment.remove(name);
    return environment;
}

QByteArray readAll(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString &fileName, const QByteArray &bytes)
{
    QFile file(fileName);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

void putBig32(QByteArray &bytes, qsizetype at, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + i] = char(value >> (24 - 8 * i));
}

// Starts `syncstreamer --headless` on a free port of 127.0.0.1 and returns the port it names in
// its start line; 0 where it did not start (its output then in *output).
quint16 startHeadless(QProcess *process, const QString &dataDir, QByteArray *output)
{
    process->setProcessEnvironment(environmentWithoutDisplay());
    process->start(QStringLiteral(SYNCSTREAMER_EXECUTABLE),
                   {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                    u"--data-dir"_s, dataDir, u"--frame-duration"_s, u"1h"_s});
    if (!process->waitForStarted(10'000))
        return 0;
    static const QRegularExpression serving(u"Serving http://127\\.0\\.0\\.1:(\\d+)/"_s);
    for (int i = 0; i < 400; ++i) {
        *output += process->readAllStandardOutput();
        const auto match = serving.match(QString::fromUtf8(*output));
        if (match.hasMatch())
            return quint16(match.captured(1).toUInt());
        if (process->state() == QProcess::NotRunning)
            break;
        process->waitForReadyRead(50);
    }
    *output += process->readAllStandardError();
    return 0;
}

// SIGTERM, then the exit code; -1 where the process did not exit normally in time.
int terminate(QProcess *process)
{
    process->terminate();
#ifdef __SANITIZE_ADDRESS__
    constexpr int kStopMs = 60'000; // everything runs several times slower under the sanitizers
#else
    constexpr int kStopMs = 15'000;
#endif
    if (!process->waitForFinished(kStopMs)) {
        process->kill();
        process->waitForFinished(5'000);
        return -1;
    }
    return process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
}

// One HTTP request; the body of the answer, its status in *status.
QByteArray request(QNetworkAccessManager &nam, const QByteArray &verb, quint16 port,
                   const QString &path, const QByteArray &body, int *status)
{
    QNetworkRequest r(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    QNetworkReply *reply = nam.sendCustomRequest(r, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10'000);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return answer;
}

} // namespace

class tst_Cli final : public QObject
{
    Q_OBJECT

private:
    Run run(const QStringList &arguments);
    QString example(const QString &name) const;

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase();

    void inspect_data();
    void inspect();
    void decodeMatchesGoldenJson();
    void roundTrip_data();
    void roundTrip();
    void malformed_data();
    void malformed();
    void missingFile();
    void encodeInvalidJson_data();
    void encodeInvalidJson();
    void usageErrors_data();
    void usageErrors();
    void help_data();
    void help();
    void version_data();
    void version();
    void windowWithoutDisplay_data();
    void windowWithoutDisplay();
    void headlessStopArchivesOpenFrame();
    void windowStopArchivesOpenFrame();
};

Run tst_Cli::run(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(environmentWithoutDisplay());
    process.start(QStringLiteral(SYNCSTREAMER_EXECUTABLE), arguments);
    Run result;
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
        result.err = process.readAllStandardError() + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString tst_Cli::example(const QString &name) const
{
    return QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA) + u"/timeframe/"_s + name;
}

void tst_Cli::initTestCase()
{
    if (!QFile::exists(example(u"example.tf"_s)))
        QSKIP("The shared worked example (testdata/timeframe/example.tf) is not present.");
    QVERIFY(m_dir.isValid());
}

void tst_Cli::inspect_data()
{
    QTest::addColumn<QStringList>("extraArguments");
    QTest::addColumn<QString>("layoutLine");

    QTest::addRow("guessed by default") << QStringList() << u"documented, guessed: "_s;
    QTest::addRow("auto") << QStringList {u"--layout"_s, u"auto"_s} << u"documented, guessed: "_s;
    QTest::addRow("chosen") << QStringList {u"--layout"_s, u"documented"_s}
                            << u"documented, chosen with --layout"_s;
}

void tst_Cli::inspect()
{
    QFETCH(QStringList, extraArguments);
    QFETCH(QString, layoutLine);

    const Run result = run(QStringList {u"inspect"_s, example(u"example.tf"_s)} + extraArguments);
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY2(out.contains(u"Version:   1"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Layout:    "_s + layoutLine), qPrintable(out));
    QVERIFY2(out.contains(u"Start:     2026-11-22T04:00:00.000Z (1795320000000 ms)"_s),
             qPrintable(out));
    QVERIFY2(out.contains(u"End:       2026-11-22T04:00:10.000Z (1795320010000 ms)"_s),
             qPrintable(out));
    QVERIFY2(out.contains(u"Duration:  10000 ms"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Size:      375 bytes"_s), qPrintable(out));
    QVERIFY2(out.contains(u"Channels:  4 (6 items"_s), qPrintable(out));

    // One row per channel: id, type, item count, then the first and last item.
    const QStringList lines = out.split(u'\n');
    const auto row = [&lines](const QString &id) {
        for (const QString &line : lines) {
            if (line.trimmed().startsWith(id + u' '))
                return line.simplified();
        }
        return QString();
    };
    QVERIFY2(row(u"temperature"_s).startsWith(u"temperature application/json 3 "_s),
             qPrintable(out));
    QVERIFY2(row(u"temperature"_s).contains(u"(1795320000125 ms)"_s), qPrintable(out));
    QVERIFY2(row(u"temperature"_s).endsWith(u"2026-11-22T04:00:09.999Z (1795320009999 ms)"_s),
             qPrintable(out));
    QVERIFY2(row(u"camera-1"_s).startsWith(u"camera-1 application/octet-stream 1 40 "_s),
             qPrintable(out));
    QVERIFY2(row(u"idle"_s) == u"idle text/plain 0 0 - -"_s, qPrintable(out));
    QVERIFY2(row(u"log"_s).startsWith(u"log text/plain 2 "_s), qPrintable(out));
    QVERIFY2(row(u"log"_s).contains(u"(1795320000000 ms)"_s), qPrintable(out));
}

void tst_Cli::decodeMatchesGoldenJson()
{
    const Run result = run({u"decode"_s, example(u"example.tf"_s)});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument printed = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonDocument golden = QJsonDocument::fromJson(readAll(example(u"example.json"_s)));
    QVERIFY(!golden.isNull());
    QCOMPARE(printed, golden);
}

void tst_Cli::roundTrip_data()
{
    QTest::addColumn<QString>("layout");
    QTest::addRow("documented") << u"documented"_s;
    QTest::addRow("reference") << u"reference"_s;
}

// encode(decode(file)) reproduces the file byte for byte; decode guesses the layout by itself.
void tst_Cli::roundTrip()
{
    QFETCH(QString, layout);
    const QString original = m_dir.filePath(layout + u"-original.tf"_s);
    Run result =
        run({u"encode"_s, example(u"example.json"_s), u"-o"_s, original, u"--layout"_s, layout});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray());
    const QByteArray originalBytes = readAll(original);
    if (layout == u"documented"_s)
        QCOMPARE(originalBytes, readAll(example(u"example.tf"_s)));
    else
        QVERIFY(originalBytes != readAll(example(u"example.tf"_s)));

    result = run({u"decode"_s, original});
    QCOMPARE(result.exitCode, 0);
    const QJsonDocument decoded = QJsonDocument::fromJson(result.out);
    QCOMPARE(decoded[u"layout"_s].toString(), layout);
    const QString json = m_dir.filePath(layout + u".json"_s);
    QVERIFY(writeAll(json, result.out));

    const QString copy = m_dir.filePath(layout + u"-copy.tf"_s);
    result = run({u"encode"_s, json, u"-o"_s, copy}); // the layout comes from the JSON
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(readAll(copy), originalBytes);
}

void tst_Cli::malformed_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray good = readAll(example(u"example.tf"_s));
    QByteArray badVersion = good;
    badVersion[1] = 2;
    QByteArray badOffset = good;
    putBig32(badOffset, 30 + 4, 1); // the first channel's items must start at offset 0
    QByteArray badTypeSize = good;
    putBig32(badTypeSize, 30 + 8, 0xffff); // a string size past the metadata section

    for (const auto &command : {u"inspect"_s, u"decode"_s}) {
        QTest::addRow("%s header truncated", qPrintable(command)) << command << good.left(20);
        QTest::addRow("%s version 2", qPrintable(command)) << command << badVersion;
        QTest::addRow("%s section truncated", qPrintable(command)) << command << good.left(200);
        QTest::addRow("%s trailing bytes", qPrintable(command)) << command << good + "xyz";
        QTest::addRow("%s first offset", qPrintable(command)) << command << badOffset;
        QTest::addRow("%s string size", qPrintable(command)) << command << badTypeSize;
    }
}

// Exit 1, nothing on stdout, and stderr names the file, the byte and the reason.
void tst_Cli::malformed()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, bytes);

    const QString fileName = m_dir.filePath(
        u"malformed-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')
        + u".tf"_s);
    QVERIFY(writeAll(fileName, bytes));

    const Run result = run({command, fileName});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QByteArray());
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.contains(fileName), qPrintable(err));
    QVERIFY2(err.contains(QRegularExpression(u"error at byte \\d+: \\S"_s)), qPrintable(err));
    QVERIFY2(err.endsWith(u'\n') && err.count(u'\n') == 1, qPrintable(err));

    // The offset and reason are the codec's, whichever check caught the file.
    const auto decoded = TimeFrame::decode(bytes, std::nullopt);
    if (!decoded) {
        QVERIFY2(err.contains(u"error at byte %1: "_s.arg(decoded.error().offset)
                              + decoded.error().message),
                 qPrintable(err));
    }
}

void tst_Cli::missingFile()
{
    const QString fileName = m_dir.filePath(u"does-not-exist.tf"_s);
    const Run result = run({u"inspect"_s, fileName});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QByteArray());
    QVERIFY2(QString::fromUtf8(result.err).contains(fileName), result.err.constData());
}

void tst_Cli::encodeInvalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("hasOffset");

    QTest::addRow("not JSON") << QByteArray("{\"version\": 1, \"startAt\": ") << true;
    QTest::addRow("bad base64") << QByteArray(
        R"({"version":1,"startAt":0,"endAt":1,"channels":[{"id":"a","type":"text/plain",)"
        R"("items":[{"timestamp":0,"data":"!!!"}]}]})")
                                << false;
    QTest::addRow("end before start")
        << QByteArray(R"({"version":1,"startAt":10,"endAt":1,"channels":[]})") << false;
}

void tst_Cli::encodeInvalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, hasOffset);

    const QString in = m_dir.filePath(u"invalid.json"_s);
    const QString out = m_dir.filePath(u"never-written.tf"_s);
    QVERIFY(writeAll(in, json));
    const Run result = run({u"encode"_s, in, u"-o"_s, out});
    QCOMPARE(result.exitCode, 1);
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.contains(in), qPrintable(err));
    if (hasOffset)
        QVERIFY2(err.contains(QRegularExpression(u"error at byte \\d+: \\S"_s)), qPrintable(err));
    QVERIFY(!QFile::exists(out));
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // part of the message

    const QString tf = example(u"example.tf"_s);
    const QString json = example(u"example.json"_s);
    QTest::addRow("unknown subcommand") << QStringList {u"frobnicate"_s} << u"frobnicate"_s;
    QTest::addRow("unknown option") << QStringList {u"--frobnicate"_s} << u"frobnicate"_s;
    QTest::addRow("two files") << QStringList {tf, tf} << u"one file"_s;
    QTest::addRow("inspect without file") << QStringList {u"inspect"_s} << u"missing"_s;
    QTest::addRow("decode without file") << QStringList {u"decode"_s} << u"missing"_s;
    QTest::addRow("inspect two files") << QStringList {u"inspect"_s, tf, tf} << u"unexpected"_s;
    QTest::addRow("inspect unknown option")
        << QStringList {u"inspect"_s, tf, u"--frobnicate"_s} << u"frobnicate"_s;
    QTest::addRow("inspect bad layout")
        << QStringList {u"inspect"_s, tf, u"--layout"_s, u"sideways"_s} << u"sideways"_s;
    QTest::addRow("layout without value")
        << QStringList {u"decode"_s, tf, u"--layout"_s} << u"layout"_s;
    QTest::addRow("encode without output") << QStringList {u"encode"_s, json} << u"-o"_s;
    QTest::addRow("encode without input")
        << QStringList {u"encode"_s, u"-o"_s, m_dir.filePath(u"x.tf"_s)} << u"missing"_s;
    QTest::addRow("encode auto layout")
        << QStringList {u"encode"_s,   json,     u"-o"_s, m_dir.filePath(u"x.tf"_s),
                        u"--layout"_s, u"auto"_s}
        << u"auto"_s;
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);

    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QByteArray());
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY2(err.contains(u"--help"_s), qPrintable(err));
    QVERIFY(!QFile::exists(m_dir.filePath(u"x.tf"_s)));
}

void tst_Cli::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("top level") << QStringList {u"--help"_s}
                               << QStringList {u"Usage:"_s, u"inspect FILE"_s, u"decode FILE"_s,
                                               u"encode IN.json -o OUT.tf"_s, u"--version"_s};
    QTest::addRow("-h") << QStringList {u"-h"_s} << QStringList {u"Usage:"_s, u"[FILE]"_s};
    QTest::addRow("inspect") << QStringList {u"inspect"_s, u"--help"_s}
                             << QStringList {u"Usage:"_s, u"inspect"_s, u"--layout"_s, u"auto"_s};
    QTest::addRow("decode") << QStringList {u"decode"_s, u"--help"_s}
                            << QStringList {u"Usage:"_s, u"decode"_s, u"JSON"_s, u"--layout"_s};
    QTest::addRow("encode") << QStringList {u"encode"_s, u"--help"_s}
                            << QStringList {u"Usage:"_s, u"encode"_s, u"--output"_s, u"--layout"_s,
                                            u"atomically"_s};
}

void tst_Cli::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);

    const Run result = run(arguments);
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    const QString out = QString::fromUtf8(result.out);
    for (const QString &part : expected)
        QVERIFY2(out.contains(part), qPrintable(part + u" not in:\n"_s + out));
}

void tst_Cli::version_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("top level") << QStringList {u"--version"_s};
    QTest::addRow("subcommand") << QStringList {u"decode"_s, u"--version"_s};
}

void tst_Cli::version()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("syncstreamer " SYNCSTREAMER_VERSION "\n"));
}

void tst_Cli::windowWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("no file") << QStringList();
    QTest::addRow("with file") << QStringList {example(u"example.tf"_s)};
}

// Instead of Qt aborting, the window explains that there is no display and what to run instead.
void tst_Cli::windowWithoutDisplay()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    const QString err = QString::fromUtf8(result.err);
    QVERIFY2(err.contains(u"no display found"_s), qPrintable(err));
    QVERIFY2(err.contains(u"syncstreamer --headless"_s), qPrintable(err));
}

// SIGTERM finishes the open frame: it is archived, cut at the stop, and listed after a restart,
// whose open frame starts where it ends.
void tst_Cli::headlessStopArchivesOpenFrame()
{
    constexpr qint64 kHour = 3'600'000; // the frame duration: the frame is still open at SIGTERM
    QTemporaryDir data;
    QVERIFY(data.isValid());
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    int status = 0;

    qint64 frameId = 0;
    qint64 timestamp = 0;
    {
        QProcess server;
        QByteArray output;
        const quint16 port = startHeadless(&server, data.path(), &output);
        QVERIFY2(port != 0, output.constData());
        const QByteArray ack =
            request(nam, "POST", port, u"/channel/before-stop"_s, "kept", &status);
        QCOMPARE(status, 200);
        frameId = QJsonDocument::fromJson(ack).object()["frameId"_L1].toInteger();
        timestamp = QJsonDocument::fromJson(ack).object()["timestamp"_L1].toInteger();
        QVERIFY(frameId > 0);
        QCOMPARE(terminate(&server), 0);
    }

    // The frame that was open is a finished frame on disk, cut at the stop; no journal is left.
    const QString path = data.filePath(u"%1.tf"_s.arg(frameId));
    QVERIFY2(QFile::exists(path), qPrintable(QDir(data.path()).entryList().join(u' ')));
    const auto frame = TimeFrame::readFile(path);
    QVERIFY(frame);
    QCOMPARE(frame->startAt, frameId);
    QVERIFY(frame->endAt > timestamp);
    QVERIFY(frame->endAt <= frameId + kHour);
    QCOMPARE(frame->channels.size(), 1);
    QCOMPARE(frame->channels[0].id, u"before-stop"_s);
    QCOMPARE(frame->channels[0].items.value(0).data, "kept");
    QCOMPARE(frame->channels[0].items.value(0).timestamp, timestamp);
    QVERIFY(QDir(data.path()).entryList({u"*.journal"_s}, QDir::Files).isEmpty());

    QProcess server;
    QByteArray output;
    const quint16 port = startHeadless(&server, data.path(), &output);
    QVERIFY2(port != 0, output.constData());
    const QJsonArray index =
        QJsonDocument::fromJson(request(nam, "GET", port, u"/frame"_s, {}, &status)).array();
    QCOMPARE(status, 200);
    QJsonObject listed;
    for (const QJsonValue &entry : index) {
        if (entry["id"_L1].toString().toLongLong() == frameId)
            listed = entry.toObject();
    }
    QVERIFY2(!listed.isEmpty(), QJsonDocument(index).toJson().constData());
    QCOMPARE(listed["startAt"_L1].toInteger(), frameId);
    QCOMPARE(listed["endAt"_L1].toInteger(), frame->endAt);

    // The new open frame never overlaps it: inside the same period it starts at its end.
    const QByteArray ack = request(nam, "POST", port, u"/channel/after-start"_s, "new", &status);
    QCOMPARE(status, 200);
    const qint64 openId = QJsonDocument::fromJson(ack).object()["frameId"_L1].toInteger();
    QVERIFY(openId >= frame->endAt);
    if (openId < frameId + kHour)
        QCOMPARE(openId, frame->endAt);
    QCOMPARE(terminate(&server), 0);
}

// An application object for the HTTP client of the headless test; the other tests need none.
QTEST_GUILESS_MAIN(tst_Cli)
// The window's application ends on SIGTERM (a session logout, `kill`) as from its Quit: exit
// status 0 and the open frame archived, also where closing the window would keep it serving.
void tst_Cli::windowStopArchivesOpenFrame()
{
    QTemporaryDir data;
    QTemporaryDir config;
    QVERIFY(data.isValid() && config.isValid());
    quint16 port = 0;
    {
        QTcpServer probe; // a port that is free now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcessEnvironment environment = environmentWithoutDisplay();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, config.path());
    QProcess window;
    window.setProcessEnvironment(environment);
    window.start(QStringLiteral(SYNCSTREAMER_EXECUTABLE),
                 {u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port), u"--data-dir"_s,
                  data.path(), u"--frame-duration"_s, u"1h"_s});
    QVERIFY(window.waitForStarted(10'000));

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    int status = 0;
    QByteArray ack;
    for (int i = 0; i < 100 && status != 200 && window.state() == QProcess::Running; ++i) {
        ack = request(nam, "POST", port, u"/channel/from-window"_s, "kept", &status);
        if (status != 200)
            QTest::qWait(100);
    }
    QVERIFY2(status == 200, window.readAllStandardError().constData());
    const qint64 frameId = QJsonDocument::fromJson(ack).object()["frameId"_L1].toInteger();
    QCOMPARE(terminate(&window), 0);

    const auto frame = TimeFrame::readFile(data.filePath(u"%1.tf"_s.arg(frameId)));
    QVERIFY2(frame, qPrintable(QDir(data.path()).entryList().join(u' ')));
    QCOMPARE(frame->channels.value(0).items.value(0).data, "kept");
    QVERIFY(QDir(data.path()).entryList({u"*.journal"_s}, QDir::Files).isEmpty());
}

#include "tst_cli.moc"
