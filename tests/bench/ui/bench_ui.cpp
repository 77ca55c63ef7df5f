// SPDX-License-Identifier: GPL-3.0-or-later
// The window under load: 10 channels at 4 000 events/s each (40 000/s) posted to the real engine
// from another thread, with the live charts' workspace split into 6 panes showing 24 series (both
// JSON leaves of every channel and four event rates) and the cursor placed. A 1 ms
// timer on the GUI thread measures how long the event loop is away (a "stall" is the gap between
// two timeouts); resident memory is sampled every second.
//
//   QT_QPA_PLATFORM=offscreen bench_ui [seconds=20] [events-per-second-per-channel=4000]
//                                      [panes=6] [series=24]
#include "charts/chartpanel.h"
#include "charts/data/seriesstore.h"
#include "charts/seriestreemodel.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 20;
    const int perChannel = argc > 2 ? std::max(1, atoi(argv[2])) : 4000;
    const int paneCount = argc > 3 ? std::clamp(atoi(argv[3]), 1, 12) : 6;
    const int seriesCount = argc > 4 ? std::clamp(atoi(argv[4]), 1, 24) : 24;
    constexpr int kChannels = 10;
    constexpr int kBatchMs = 10;

    QTemporaryDir dir;
    ServiceConfig config;
    config.engine.dataDir = dir.path();
    config.engine.fsync = Engine::FsyncPolicy::Never;
    config.server.port = 0;
    config.server.bindAddress = QHostAddress::LocalHost;
    ServiceHost host;
    host.apply(config);
    MainWindow window(&host);
    window.resize(1280, 800);
    window.show();

    std::atomic<bool> running {true};
    std::atomic<qint64> posted {0};
    std::atomic<qint64> refused {0};
    QThread *producer = QThread::create([&] {
        std::shared_ptr<Engine::EngineApi> engine;
        QElapsedTimer clock;
        clock.start();
        qint64 batches = 0;
        qint64 sequence = 0;
        while (running.load()) {
            if (!engine) {
                QMetaObject::invokeMethod(
                    &host, [&] { engine = host.engine(); }, Qt::BlockingQueuedConnection);
                if (!engine) {
                    QThread::msleep(10);
                    continue;
                }
                clock.restart();
            }
            // Paced: batch n is due at n * kBatchMs.
            const qint64 due = batches * kBatchMs;
            if (clock.elapsed() < due) {
                QThread::msleep(1);
                continue;
            }
            QList<Engine::Event> events;
            const int perBatch = perChannel * kBatchMs / 1000;
            events.reserve(kChannels * perBatch);
            for (int i = 0; i < perBatch; ++i) {
                ++sequence;
                for (int c = 0; c < kChannels; ++c) {
                    const double x = double(sequence) / 1000.0;
                    const QByteArray json = "{\"v\":" + QByteArray::number(std::sin(x + c), 'f', 4)
                        + ",\"n\":" + QByteArray::number(sequence) + "}";
                    events.append({u"ch%1"_s.arg(c), u"application/json"_s, json, std::nullopt});
                }
            }
            const Engine::IngestResult result = engine->ingest(events);
            (result.ok() ? posted : refused).fetch_add(events.size());
            ++batches;
        }
    });

    // Panes and series as a user would set them up: the JSON leaves of every channel and four
    // rates, spread over the panes (every other series of a pane on its right axis).
    QTimer::singleShot(1500, &window, [&] {
        Workspace *workspace = window.liveCharts()->workspace();
        for (PlotPane *pane : workspace->panes())
            for (const QString &key : pane->keys())
                pane->removeSeries(key);
        while (workspace->panes().size() < paneCount)
            workspace->splitPane(workspace->panes().size() % 2 ? workspace->panes().last()
                                                               : workspace->panes().first(),
                                 workspace->panes().size() % 2 ? Qt::Horizontal : Qt::Vertical);
        QStringList keys;
        for (int c = 0; c < kChannels; ++c)
            keys << Series::key(u"ch%1"_s.arg(c), u"v"_s) << Series::key(u"ch%1"_s.arg(c), u"n"_s);
        for (int c = 0; c < 4; ++c)
            keys << Series::key(u"ch%1"_s.arg(c), Series::kRatePath);
        const QList<PlotPane *> panes = workspace->panes();
        for (int i = 0; i < seriesCount; ++i)
            panes.at(i % panes.size())->addSeries(keys.at(i), (i / panes.size()) % 2 == 1);
        workspace->setCursorTime(QDateTime::currentMSecsSinceEpoch() - 1000);
    });

    std::vector<double> stalls;
    qint64 snapshots = 0;
    QObject::connect(window.liveCharts(), &ChartPanel::snapshotApplied, &window,
                     [&] { ++snapshots; });
    QElapsedTimer gap;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    bool measuring = false;
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        if (measuring)
            stalls.push_back(double(gap.nsecsElapsed()) / 1e6);
        gap.restart();
    });
    std::vector<qint64> rss;
    QTimer sampler;
    sampler.setInterval(1000);
    QObject::connect(&sampler, &QTimer::timeout, &window, [&] { rss.push_back(residentKiB()); });

    // Two seconds of warm-up (engine start, first frame), then the measured run.
    QTimer::singleShot(2000, &window, [&] {
        measuring = true;
        snapshots = 0;
        posted.store(0);
        gap.restart();
        sampler.start();
    });
    QTimer::singleShot(2000 + seconds * 1000, &app, [&] { QApplication::quit(); });
    producer->start();
    probe.start();
    QApplication::exec();
    running.store(false);
    producer->wait();
    delete producer;

    std::printf("duration_s %d\nchannels %d\nevents_per_s_target %d\npanes %d\nseries %d\n",
                seconds, kChannels, kChannels * perChannel, paneCount, seriesCount);
    std::printf("events_per_s_posted %.0f\nevents_refused %lld\n", double(posted.load()) / seconds,
                static_cast<long long>(refused.load()));
    std::printf("chart_refreshes_per_s %.1f\n", double(snapshots) / seconds);
    std::printf("loop_gap_ms_p50 %.2f\nloop_gap_ms_p99 %.2f\nloop_gap_ms_max %.2f\n",
                percentile(stalls, 0.5), percentile(stalls, 0.99),
                stalls.empty() ? 0.0 : *std::max_element(stalls.begin(), stalls.end()));
    std::printf("gaps_over_50ms %lld\n",
                static_cast<long long>(
                    std::count_if(stalls.begin(), stalls.end(), [](double s) { return s > 50; })));
    if (!rss.empty())
        std::printf("rss_kib_first %lld\nrss_kib_last %lld\nrss_kib_max %lld\n",
                    static_cast<long long>(rss.front()), static_cast<long long>(rss.back()),
                    static_cast<long long>(*std::max_element(rss.begin(), rss.end())));
    return 0;
}
