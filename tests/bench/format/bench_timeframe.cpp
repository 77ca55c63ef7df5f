// SPDX-License-Identifier: GPL-3.0-or-later
//
// Speed of the TimeFrame codec, each workload beside a plain memcpy of the same bytes.
// Figures and the commands that produced them are in docs/PERFORMANCE.md.
//
// Workloads:
//   json   one channel, 120 000 items of 45-byte JSON (about 7.3 MB encoded)
//   blob   four channels, 64 items of 1 MiB (16 per channel, about 64 MiB encoded)
//
// Every benchmark reports the encoded frame's size as bytes processed and the frame's item count
// as items processed, so the bytes/s of a codec benchmark and of its memcpy baselines compare
// directly.

#include "format/frameview.h"
#include "format/timeframe.h"

#include <benchmark/benchmark.h>

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Workload
{
    TimeFrame::Frame frame;
    QByteArray encoded;
    qint64 items = 0;
    std::vector<qsizetype> itemSizes; // in encoded order, for the per-item memcpy baseline
};

[[noreturn]] void fail(const char *what, const TimeFrame::Error &error)
{
    std::fprintf(stderr, "bench_timeframe: %s failed: %s (%s at offset %lld)\n", what,
                 qUtf8Printable(error.message), TimeFrame::errorCodeName(error.code),
                 static_cast<long long>(error.offset));
    std::exit(EXIT_FAILURE);
}

// Encodes the frame once and checks that decode and index give it back, so that no benchmark
// ever measures an error path.
void finish(Workload &w)
{
    auto encoded = TimeFrame::encode(w.frame);
    if (!encoded)
        fail("encode", encoded.error());
    w.encoded = std::move(encoded).value();

    auto decoded = TimeFrame::decode(w.encoded);
    if (!decoded)
        fail("decode", decoded.error());
    if (!(decoded.value() == w.frame)) {
        std::fprintf(stderr, "bench_timeframe: decode does not return the encoded frame\n");
        std::exit(EXIT_FAILURE);
    }
    auto view = TimeFrame::FrameView::index(w.encoded);
    if (!view)
        fail("index", view.error());
    if (view->itemCount() != w.items) {
        std::fprintf(stderr, "bench_timeframe: index found %lld items, expected %lld\n",
                     static_cast<long long>(view->itemCount()), static_cast<long long>(w.items));
        std::exit(EXIT_FAILURE);
    }
    for (const TimeFrame::Channel &channel : w.frame.channels) {
        for (const TimeFrame::Item &item : channel.items)
            w.itemSizes.push_back(item.data.size());
    }
}

constexpr qint64 kStartAt = 1'795'305'600'000; // 2026-11-22T00:00:00Z
constexpr qint64 kFrameMs = 10'000;

// (a) 120 000 JSON events of 45 bytes each, in one channel, spread over a 10 s frame.
const Workload &jsonWorkload()
{
    static const Workload workload = [] {
        constexpr int kItems = 120'000;
        constexpr int kItemBytes = 45;
        Workload w;
        w.frame.startAt = kStartAt;
        w.frame.endAt = kStartAt + kFrameMs;
        TimeFrame::Channel channel;
        channel.id = u"sensors"_s;
        channel.type = u"application/json"_s;
        channel.items.reserve(kItems);
        for (int i = 0; i < kItems; ++i) {
            char text[64];
            // {"seq":0000000,"value":    0.000,"flag":true} is exactly 45 bytes.
            const int n =
                std::snprintf(text, sizeof text, "{\"seq\":%07d,\"value\":%9.3f,\"%s\":%s}", i,
                              i * 0.125, "flag", (i % 2) ? "true" : "null");
            if (n != kItemBytes) {
                std::fprintf(stderr, "bench_timeframe: item %d is %d bytes\n", i, n);
                std::exit(EXIT_FAILURE);
            }
            channel.items.append({kStartAt + qint64(i) * kFrameMs / kItems, QByteArray(text, n)});
        }
        w.frame.channels.append(std::move(channel));
        w.items = kItems;
        finish(w);
        return w;
    }();
    return workload;
}

// (b) 64 binary items of 1 MiB, 16 in each of four channels.
const Workload &blobWorkload()
{
    static const Workload workload = [] {
        constexpr int kChannels = 4;
        constexpr int kItemsPerChannel = 16;
        constexpr qsizetype kItemBytes = qsizetype(1) << 20;
        Workload w;
        w.frame.startAt = kStartAt;
        w.frame.endAt = kStartAt + kFrameMs;
        for (int c = 0; c < kChannels; ++c) {
            TimeFrame::Channel channel;
            channel.id = u"camera-"_s + QString::number(c);
            channel.type = u"application/octet-stream"_s;
            for (int i = 0; i < kItemsPerChannel; ++i) {
                QByteArray data(kItemBytes, Qt::Uninitialized);
                for (qsizetype b = 0; b < kItemBytes; ++b)
                    data[b] = char((b * 31 + i * 7 + c) & 0xff);
                channel.items.append({kStartAt + i * (kFrameMs / kItemsPerChannel), data});
            }
            w.frame.channels.append(std::move(channel));
        }
        w.items = kChannels * kItemsPerChannel;
        finish(w);
        return w;
    }();
    return workload;
}

using WorkloadFn = const Workload &(*)();

void report(benchmark::State &state, const Workload &w)
{
    state.SetBytesProcessed(state.iterations() * w.encoded.size());
    state.SetItemsProcessed(state.iterations() * w.items);
    state.counters["frame_bytes"] = double(w.encoded.size());
}

// TimeFrame::encode: a fresh output buffer per call, released at the end of the iteration.
void encode(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    for (auto _ : state) {
        auto result = TimeFrame::encode(w.frame);
        if (!result) {
            state.SkipWithError("encode failed");
            break;
        }
        benchmark::DoNotOptimize(result.value().constData());
    }
    report(state, w);
}

// TimeFrame::decode into value types: one QByteArray per item, released at the end of the
// iteration.
void decode(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    for (auto _ : state) {
        auto result = TimeFrame::decode(w.encoded);
        if (!result) {
            state.SkipWithError("decode failed");
            break;
        }
        benchmark::DoNotOptimize(result.value().channels.constData());
    }
    report(state, w);
}

// FrameView::index: every check decode makes, no payload copied.
void index(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    for (auto _ : state) {
        auto result = TimeFrame::FrameView::index(w.encoded);
        if (!result) {
            state.SkipWithError("index failed");
            break;
        }
        benchmark::DoNotOptimize(result.value().itemCount());
    }
    report(state, w);
}

// memcpy of the whole frame into a fresh buffer per iteration: the allocation pattern of encode
// (one output buffer, first touched by the copy, freed afterwards).
void memcpyFresh(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    for (auto _ : state) {
        QByteArray copy(w.encoded.size(), Qt::Uninitialized);
        std::memcpy(copy.data(), w.encoded.constData(), size_t(w.encoded.size()));
        benchmark::DoNotOptimize(copy.constData());
        benchmark::ClobberMemory();
    }
    report(state, w);
}

// memcpy of the whole frame into one buffer allocated and touched before timing: the bandwidth
// of the copy alone, with no allocation and no page faults.
void memcpyReused(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    QByteArray copy(w.encoded.size(), '\0');
    for (auto _ : state) {
        std::memcpy(copy.data(), w.encoded.constData(), size_t(w.encoded.size()));
        benchmark::DoNotOptimize(copy.constData());
        benchmark::ClobberMemory();
    }
    report(state, w);
}

// memcpy of each item's payload into a fresh buffer of its own: the allocation pattern of
// decode (one QByteArray per item), without parsing or checks.
void memcpyItemsFresh(benchmark::State &state, WorkloadFn workload)
{
    const Workload &w = workload();
    std::vector<QByteArray> copies(w.itemSizes.size());
    for (auto _ : state) {
        const char *source = w.encoded.constData();
        for (size_t i = 0; i < w.itemSizes.size(); ++i) {
            copies[i] = QByteArray(w.itemSizes[i], Qt::Uninitialized);
            std::memcpy(copies[i].data(), source, size_t(w.itemSizes[i]));
            source += w.itemSizes[i];
        }
        benchmark::DoNotOptimize(copies.data());
        benchmark::ClobberMemory();
        for (QByteArray &copy : copies)
            copy = QByteArray();
    }
    report(state, w);
}

void registerAll(const char *name, WorkloadFn workload)
{
    const auto add = [&](const char *what, void (*fn)(benchmark::State &, WorkloadFn)) {
        const std::string full = std::string(name) + '/' + what;
        benchmark::RegisterBenchmark(full.c_str(), fn, workload)->Unit(benchmark::kMillisecond);
    };
    add("encode", encode);
    add("decode", decode);
    add("index", index);
    add("memcpy_fresh", memcpyFresh);
    add("memcpy_reused", memcpyReused);
    add("memcpy_items_fresh", memcpyItemsFresh);
}

} // namespace

int main(int argc, char **argv)
{
    registerAll("json_120k_45B", jsonWorkload);
    registerAll("blob_64x1MiB", blobWorkload);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
