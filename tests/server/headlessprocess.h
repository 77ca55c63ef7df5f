// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

// The real `syncstreamer --headless` on a free port of 127.0.0.1 and a data directory of its
// own, stopped with SIGTERM when the object goes.
class HeadlessProcess
{
public:
    static QProcessEnvironment cleanEnvironment()
    {
        // No proxy between the tests and the server, whatever the machine's setting.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
              "SYNCSTREAMER_PORT", "PORT", "SYNCSTREAMER_TOKEN"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
        env.insert(QStringLiteral("no_proxy"), QStringLiteral("*"));
        return env;
    }

    // Starts and waits for the line that names the port; false (with output()) if it exits.
    bool start(const QStringList &arguments, QProcessEnvironment env = cleanEnvironment(),
               bool withPort = true)
    {
        QStringList args {QStringLiteral("--headless"), QStringLiteral("--bind"),
                          QStringLiteral("127.0.0.1"), QStringLiteral("--data-dir"), m_dir.path()};
        if (withPort)
            args << QStringLiteral("--port") << QStringLiteral("0");
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(SYNCSTREAMER_EXECUTABLE), args + arguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        static const QRegularExpression serving(QStringLiteral("Serving https?://[^:]+:(\\d+)/"));
        for (int i = 0; i < 400; ++i) {
            m_output += m_process.readAllStandardOutput();
            const auto match = serving.match(QString::fromUtf8(m_output));
            if (match.hasMatch()) {
                m_port = quint16(match.captured(1).toUInt());
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(50);
        }
        m_output += m_process.readAllStandardError();
        return false;
    }

    // Sends SIGTERM and returns the exit code (-1 where it did not exit normally).
    int terminate()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(15'000)) {
            m_process.kill();
            m_process.waitForFinished(5'000);
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    ~HeadlessProcess() { terminate(); }

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    QByteArray output() const { return m_output; }
    QProcess &process() { return m_process; }
    QString dataDir() const { return m_dir.path(); }

    // Peak resident memory (VmHWM) of the process, in bytes; -1 where unknown.
    qint64 peakRss() const { return memoryField("VmHWM:"); }
    // Resident memory (VmRSS) now, in bytes; -1 where unknown.
    qint64 rss() const { return memoryField("VmRSS:"); }

private:
    // A "<field> <n> kB" line of /proc/<pid>/status, in bytes.
    qint64 memoryField(QByteArrayView field) const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith(field))
                return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
        return -1;
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};
