// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginetestutil.h"

#include "engine/frameengine.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Engine;
using namespace EngineTest;

// The engine on its own thread with the system clock: real time cannot be avoided here, so the
// tests wait with QTRY_* for what must happen and assert no duration.
class TestEngineThread final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void framesCloseWithoutEvents();
    void concurrentIngest();
    void liveEventsComeBatchedFromTheEngineThread();

private:
    EngineConfig config() const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEngineThread::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

EngineConfig TestEngineThread::config() const
{
    EngineConfig config;
    config.dataDir = m_dir->path();
    config.frameDurationMs = 100;
    config.retainFrames = 0;
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    return config;
}

void TestEngineThread::framesCloseWithoutEvents()
{
    FrameEngine engine(config());
    QSignalSpy finished(&engine, &EngineApi::frameFinished);
    QVERIFY(engine.start());
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 3, 10'000);
    const QList<qint64> frames = ids(engine.index());
    for (qsizetype i = 1; i < frames.size(); ++i)
        QCOMPARE(frames[i - 1] - frames[i], 100); // newest first, no gaps
}

void TestEngineThread::concurrentIngest()
{
    constexpr int kThreads = 4;
    constexpr int kEvents = 3000;
    FrameEngine engine(config());
    QVERIFY(engine.start());

    std::atomic<int> failures {0};
    std::atomic<qint64> lastFrame {0};
    QList<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.append(QThread::create([&engine, &failures, &lastFrame, t] {
            const QString channel = u"producer%1"_s.arg(t);
            for (int i = 0; i < kEvents; ++i) {
                const IngestResult result =
                    engine.ingest(makeEvent(channel, QByteArray::number(i)));
                if (!result.ok())
                    ++failures;
                else if (result.acks[0].frameId > lastFrame.load())
                    lastFrame.store(result.acks[0].frameId);
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(60'000));
        delete thread;
    }
    QCOMPARE(failures.load(), 0);
    QCOMPARE(engine.status().eventsAccepted, kThreads * kEvents);

    // Wait until the last frame an event went to is finished, then read everything back.
    const qint64 last = lastFrame.load();
    QTRY_VERIFY_WITH_TIMEOUT(ids(engine.index()).contains(last), 10'000);
    QList<int> next(kThreads, 0);
    const QList<qint64> frames = ids(engine.index());
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        const auto frame = TimeFrame::decode(*engine.frameBytes(*it));
        QVERIFY(frame);
        for (const TimeFrame::Channel &channel : frame->channels) {
            const int t = channel.id.mid(8).toInt();
            for (const TimeFrame::Item &item : channel.items) {
                QCOMPARE(item.data.toInt(), next[t]);
                ++next[t];
                QVERIFY(item.timestamp >= frame->startAt && item.timestamp < frame->endAt);
            }
        }
    }
    QCOMPARE(next, QList<int>(kThreads, kEvents));
}

void TestEngineThread::liveEventsComeBatchedFromTheEngineThread()
{
    FrameEngine engine(config());
    std::atomic<int> emissions {0};
    std::atomic<int> events {0};
    std::atomic<bool> onEngineThread {true};
    QThread *testThread = QThread::currentThread();
    connect(
        &engine, &EngineApi::liveEvents, this,
        [&](const QList<LiveEvent> &batch) {
            ++emissions;
            events += int(batch.size());
            if (QThread::currentThread() == testThread)
                onEngineThread = false;
        },
        Qt::DirectConnection);
    QVERIFY(engine.start());
    constexpr int kEvents = 2000;
    for (int i = 0; i < kEvents; ++i)
        QVERIFY(engine.ingest(makeEvent(u"live"_s, QByteArray::number(i))).ok());
    QTRY_COMPARE_WITH_TIMEOUT(events.load(), kEvents, 10'000);
    QVERIFY(onEngineThread.load());
    // Batched: far fewer wake-ups than events.
    QVERIFY2(emissions.load() < kEvents / 2, qPrintable(QString::number(emissions.load())));
}

QTEST_GUILESS_MAIN(TestEngineThread)
#include "tst_enginethread.moc"
