// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace EngineTest;

namespace {

constexpr int kRounds = 24;
constexpr int kChannels = 4;
constexpr auto kFrameMs = "100";

} // namespace

// Starts the harness on one data directory, feeds it events, kill -9s it at a random moment,
// many times over; then checks that every acknowledged event was archived exactly once and in
// order. Real time is the point here: the waits are QProcess's, bounded, and assert nothing about
// how long anything took.
class TestEngineCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killNineLosesNoAcknowledgedEvent();

private:
    // Reads the complete lines the harness printed; returns false on a refusal.
    bool collectAcks(QProcess *process, QByteArray *pending);

    QList<int> m_nextSeq = QList<int>(kChannels, 0);
    QList<QList<int>> m_acked = QList<QList<int>>(kChannels);
    QString m_refusal;
};

bool TestEngineCrash::collectAcks(QProcess *process, QByteArray *pending)
{
    pending->append(process->readAllStandardOutput());
    qsizetype newline;
    while ((newline = pending->indexOf('\n')) >= 0) {
        const QByteArray line = pending->left(newline);
        pending->remove(0, newline + 1);
        if (line == "ready")
            continue;
        if (line.startsWith("refused")) {
            m_refusal = QString::fromUtf8(line);
            return false;
        }
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 2)
            continue;
        const int channel = parts[0].mid(2).toInt();
        m_acked[channel].append(parts[1].toInt());
    }
    return true;
}

void TestEngineCrash::killNineLosesNoAcknowledgedEvent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);
    const QString harness = QStringLiteral(ENGINE_CRASH_HARNESS);

    int totalAcks = 0;
    for (int round = 0; round < kRounds; ++round) {
        QProcess process;
        process.start(harness, {dir.path(), QString::fromLatin1(kFrameMs)});
        QVERIFY2(process.waitForStarted(10'000), qPrintable(process.errorString()));
        QByteArray pending;
        while (!pending.contains("ready\n")) {
            QVERIFY2(process.waitForReadyRead(10'000), "the harness did not start");
            pending.append(process.readAllStandardOutput());
        }
        pending.remove(0, pending.indexOf("ready\n") + 6);

        // Kill at a random moment: mid-stream, possibly mid-frame or mid-archive.
        const int killAfterMs = int(random.bounded(20, 220));
        QElapsedTimer elapsed;
        elapsed.start();
        while (elapsed.elapsed() < killAfterMs) {
            QByteArray lines;
            for (int i = 0; i < 16; ++i) {
                const int channel = int(random.bounded(kChannels));
                lines += "ch" + QByteArray::number(channel) + ' '
                    + QByteArray::number(m_nextSeq[channel]++) + '\n';
            }
            process.write(lines);
            process.waitForBytesWritten(100);
            process.waitForReadyRead(2);
            QVERIFY2(collectAcks(&process, &pending), qPrintable(m_refusal));
        }
        process.kill(); // SIGKILL
        QVERIFY(process.waitForFinished(10'000));
        // Lines printed before the kill were acknowledged before it.
        QVERIFY2(collectAcks(&process, &pending), qPrintable(m_refusal));
        int acks = 0;
        for (const QList<int> &channel : std::as_const(m_acked))
            acks += int(channel.size());
        QVERIFY2(acks > totalAcks, "a round without acknowledgements tests nothing");
        totalAcks = acks;
    }

    // The last start finishes every frame, including the one open at the last kill.
    QProcess drain;
    drain.start(harness, {dir.path(), QString::fromLatin1(kFrameMs), u"--drain"_s});
    QVERIFY(drain.waitForFinished(30'000));
    QCOMPARE(drain.exitCode(), 0);
    QCOMPARE(drain.readAllStandardOutput(), "drained\n");

    // Read back every archived frame, oldest first.
    QList<QList<int>> archived(kChannels);
    for (const qint64 id : archivedIds(dir.path())) {
        const auto frame = TimeFrame::readFile(dir.filePath(u"%1.tf"_s.arg(id)));
        QVERIFY2(frame, qPrintable(u"frame %1"_s.arg(id)));
        for (const TimeFrame::Channel &channel : frame->channels) {
            for (const TimeFrame::Item &item : channel.items)
                archived[channel.id.mid(2).toInt()].append(item.data.toInt());
        }
    }
    for (int c = 0; c < kChannels; ++c) {
        // In order and each at most once: strictly increasing.
        for (qsizetype i = 1; i < archived[c].size(); ++i)
            QVERIFY2(archived[c][i - 1] < archived[c][i],
                     qPrintable(u"channel %1: %2 then %3"_s.arg(c)
                                    .arg(archived[c][i - 1])
                                    .arg(archived[c][i])));
        // Every acknowledged one present (an event journaled but killed before its ack may be
        // there too: that is allowed).
        qsizetype j = 0;
        for (const int seq : std::as_const(m_acked[c])) {
            while (j < archived[c].size() && archived[c][j] < seq)
                ++j;
            QVERIFY2(j < archived[c].size() && archived[c][j] == seq,
                     qPrintable(u"channel %1: acknowledged event %2 is missing"_s.arg(c).arg(seq)));
        }
    }
    qInfo("%d acknowledged events over %d kills, all archived", totalAcks, kRounds);
}

QTEST_GUILESS_MAIN(TestEngineCrash)
#include "tst_enginecrash.moc"
