// SPDX-License-Identifier: GPL-3.0-or-later
// Engine benchmarks (see docs/PERFORMANCE.md, "Engine"):
//   ingest/<batch>          45-byte events into 10 channels through ingest(QList), fsync interval
//   ingest_threads          single-event ingest from several threads at once
//   memory_per_frame        heap held per retained frame over its encoded size (a counter)
//   index_rebuild/10000     start() on a directory of 10 000 archived frames and their catalog
//   index_rebuild_without_catalog/10000   the same without the catalog (items counted from files)
#include "engine/clock.h"
#include "engine/frameengine.h"
#include "format/timeframe.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Engine;

namespace {

constexpr int kChannels = 10;

QList<Event> makeBatch(int size, int offset = 0)
{
    QList<Event> events;
    events.reserve(size);
    for (int i = 0; i < size; ++i) {
        // 45 bytes of JSON, as a small sensor reading.
        QByteArray data =
            "{\"sensor\":" + QByteArray::number((offset + i) % 1000).rightJustified(4, '0')
            + ",\"value\":12345.678,\"ok\":true}";
        data = data.leftJustified(45, ' ', true);
        events.append(
            {u"channel%1"_s.arg((offset + i) % kChannels), u"application/json"_s, data, {}});
    }
    return events;
}

EngineConfig ingestConfig(const QString &dir)
{
    EngineConfig config;
    config.dataDir = dir;
    config.fsync = FsyncPolicy::Interval;
    // 1 s frames, so every measurement includes frames closing and being archived on the
    // engine's thread (the steady state); every other option at its default (history 6).
    config.frameDurationMs = 1000;
    return config;
}

// The data directories live under $SYNCSTREAMER_BENCH_DIR where set (to compare a disk with a
// tmpfs), else in the system's temporary directory.
QString benchDirTemplate()
{
    const QString parent = qEnvironmentVariable("SYNCSTREAMER_BENCH_DIR");
    return (parent.isEmpty() ? QDir::tempPath() : parent) + u"/bench_engine-XXXXXX"_s;
}

// One engine for the ingest benchmarks, on its own thread as in the product.
struct IngestFixture
{
    QTemporaryDir dir {benchDirTemplate()};
    std::unique_ptr<FrameEngine> engine;
    IngestFixture()
    {
        engine = std::make_unique<FrameEngine>(ingestConfig(dir.path()));
        engine->start();
    }
};
std::unique_ptr<IngestFixture> g_ingest;

void ingestBatch(benchmark::State &state)
{
    if (!g_ingest) // made on first use: the memory benchmark runs before, without it
        g_ingest = std::make_unique<IngestFixture>();
    const QList<Event> batch = makeBatch(int(state.range(0)));
    for (auto _ : state) {
        const IngestResult result = g_ingest->engine->ingest(batch);
        if (!result.ok()) {
            state.SkipWithError(qPrintable(result.failure->message));
            break;
        }
        benchmark::DoNotOptimize(result.acks.constData());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * 45);
}

void ingestThreads(benchmark::State &state)
{
    if (!g_ingest) {
        state.SkipWithError("run together with the ingest benchmark, which makes the engine");
        return;
    }
    const QList<Event> batch = makeBatch(1, state.thread_index());
    for (auto _ : state) {
        const IngestResult result = g_ingest->engine->ingest(batch);
        benchmark::DoNotOptimize(result.acks.constData());
    }
    state.SetItemsProcessed(state.iterations());
}

// Heap bytes in use, from glibc's own accounting (small blocks plus mmapped large ones).
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd);
}

void memoryPerFrame(benchmark::State &state)
{
    constexpr int kFrames = 6;
    const int eventsPerFrame = int(state.range(0));
    double storeRatio = 0;
    double heapRatio = 0;
    qint64 encoded = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        ManualClock clock(1'700'000'000'000);
        EngineConfig config = ingestConfig(dir.path());
        config.history = kFrames;
        FrameEngine engine(config, &clock);
        engine.start(Threading::Manual);
        const QList<Event> batch = makeBatch(1000);
        malloc_trim(0);
        const qint64 before = heapInUse();
        encoded = 0;
        for (int f = 0; f < kFrames; ++f) {
            for (int i = 0; i < eventsPerFrame / 1000; ++i)
                engine.ingest(batch);
            clock.advance(config.frameDurationMs);
            engine.tick();
        }
        for (const FrameSummary &frame : *engine.index())
            encoded += frame.inMemory ? frame.size : 0;
        malloc_trim(0);
        const qint64 after = heapInUse();
        storeRatio = double(engine.memoryHeldBytes()) / double(encoded);
        heapRatio = double(after - before) / double(encoded);
        state.ResumeTiming();
    }
    state.counters["frames"] = kFrames;
    state.counters["encoded_MB_per_frame"] = double(encoded) / kFrames / 1e6;
    state.counters["store_held_over_encoded"] = storeRatio;
    state.counters["heap_growth_over_encoded"] = heapRatio;
}

// withCatalog: as after any start (the catalog holds the frames' counts); without it, as at
// the first start after an upgrade, when every frame is read to count its items.
void indexRebuild(benchmark::State &state, bool withCatalog)
{
    const int frames = int(state.range(0));
    QTemporaryDir dir;
    // Small frames, two channels of ten items each, as `<id>.tf`.
    for (int i = 0; i < frames; ++i) {
        const qint64 start = 1'700'000'000'000 + qint64(i) * 10'000;
        TimeFrame::Frame frame {start, start + 10'000, {}};
        for (int c = 0; c < 2; ++c) {
            TimeFrame::Channel channel {u"channel%1"_s.arg(c), u"application/json"_s, {}};
            for (int k = 0; k < 10; ++k)
                channel.items.append({start + k, QByteArray(45, 'x')});
            frame.channels.append(channel);
        }
        const auto bytes = TimeFrame::encode(frame);
        if (!TimeFrame::writeFileBytes(dir.filePath(u"%1.tf"_s.arg(start)), *bytes)) {
            state.SkipWithError("cannot write the archive");
            return;
        }
    }
    EngineConfig config = ingestConfig(dir.path());
    config.retainFrames = 0; // keep all 10 000
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    ManualClock clock(1'700'000'000'000 + qint64(frames) * 10'000 + 1);
    qsizetype indexed = 0;
    const auto dropJournals = [&dir] {
        for (const QString &name : QDir(dir.path()).entryList({u"*.journal"_s}, QDir::Files))
            QFile::remove(dir.filePath(name));
    };
    if (withCatalog) {
        // A first start writes the catalog, as any start after the first has one.
        FrameEngine first(config, &clock);
        first.start(Threading::Manual);
        first.stop();
        dropJournals();
    }
    for (auto _ : state) {
        FrameEngine engine(config, &clock);
        engine.start(Threading::Manual);
        indexed = engine.index()->size();
        state.PauseTiming();
        engine.stop();
        // The next iteration finds the same directory: drop the empty journal this one opened.
        dropJournals();
        if (!withCatalog)
            QFile::remove(dir.filePath(u"frames.catalog"_s));
        state.ResumeTiming();
    }
    state.counters["frames_indexed"] = double(indexed);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RegisterBenchmark("memory_per_frame", memoryPerFrame)
        ->Arg(100'000)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("index_rebuild", indexRebuild, true)
        ->Arg(10'000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("index_rebuild_without_catalog", indexRebuild, false)
        ->Arg(10'000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("ingest", ingestBatch)
        ->Arg(1)
        ->Arg(10)
        ->Arg(100)
        ->Arg(1000)
        ->Arg(10000)
        ->UseRealTime();
    benchmark::RegisterBenchmark("ingest_threads", ingestThreads)->Threads(2)->UseRealTime();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_ingest.reset();
    return 0;
}
