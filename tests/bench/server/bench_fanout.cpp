// SPDX-License-Identifier: GPL-3.0-or-later
// Live fan-out: the real `syncstreamer --headless`, SUBSCRIBERS clients on GET /events, and one
// producer posting EVENTS_PER_SECOND single events for SECONDS. Every subscriber must receive
// every event, in order; the figure is the time from the write of a POST to the arrival of its
// event at each subscriber (p50/p99/max over all subscribers), and the server's resident memory.
//
//   bench_fanout [subscribers=500] [events-per-second=2000] [seconds=60] [syncstreamer]
//
// The subscribers are spread over source addresses 127.0.0.10, .11, ... (50 each), so that the
// server's per-peer connection cap (64 by default) admits them all, as it would admit 500 readers
// on a LAN. The clients use epoll on two threads so that they cost the two-core machine as little
// as possible; the server and the clients share its cores, which the figures include.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

int connectFrom(const char *source, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local {};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote {};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0
        || ::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        bytes.remove_prefix(size_t(n));
    }
    return true;
}

// Latencies in 10 µs steps up to 2 s; the last bucket holds everything slower.
struct Histogram
{
    static constexpr qint64 kStepNs = 10'000;
    std::vector<qint64> counts = std::vector<qint64>(200'001, 0);
    qint64 total = 0;
    qint64 maxNs = 0;
    void add(qint64 ns)
    {
        ++counts[size_t(std::clamp<qint64>(ns / kStepNs, 0, qint64(counts.size()) - 1))];
        ++total;
        maxNs = std::max(maxNs, ns);
    }
    void merge(const Histogram &other)
    {
        for (size_t i = 0; i < counts.size(); ++i)
            counts[i] += other.counts[i];
        total += other.total;
        maxNs = std::max(maxNs, other.maxNs);
    }
    double percentileMs(double p) const
    {
        const qint64 wanted = qint64(p * double(total));
        qint64 seen = 0;
        for (size_t i = 0; i < counts.size(); ++i) {
            seen += counts[i];
            if (seen > wanted)
                return double(i + 1) * double(kStepNs) / 1e6;
        }
        return double(maxNs) / 1e6;
    }
};

struct Subscriber
{
    int fd = -1;
    std::string pending; // an unfinished line
    qint64 nextSeq = 0; // the event it must receive next
    qint64 outOfOrder = 0;
};

// Reads its subscribers' streams until `stop`, matching each `"seq":N` to its send time.
void readStreams(std::vector<Subscriber> *subscribers, const std::vector<std::atomic<qint64>> *sent,
                 Histogram *latencies, const std::atomic<bool> *stop, std::atomic<int> *finished)
{
    const int epoll = ::epoll_create1(0);
    for (size_t i = 0; i < subscribers->size(); ++i) {
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, (*subscribers)[i].fd, &ev);
    }
    std::array<epoll_event, 256> ready;
    std::vector<char> buffer(1 << 16);
    constexpr std::string_view needle = "\"seq\":";
    while (!stop->load(std::memory_order_relaxed)) {
        const int n = ::epoll_wait(epoll, ready.data(), int(ready.size()), 100);
        for (int r = 0; r < n; ++r) {
            Subscriber &s = (*subscribers)[ready[size_t(r)].data.u64];
            const ssize_t got = ::recv(s.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
            if (got <= 0)
                continue;
            const qint64 arrived = nowNs();
            s.pending.append(buffer.data(), size_t(got));
            std::string_view text(s.pending);
            size_t consumed = 0;
            for (size_t at = text.find(needle); at != std::string_view::npos;
                 at = text.find(needle, at)) {
                const size_t digits = at + needle.size();
                size_t end = digits;
                while (end < text.size() && text[end] >= '0' && text[end] <= '9')
                    ++end;
                if (end == text.size())
                    break; // the number goes on in the next read
                qint64 seq = 0;
                for (size_t i = digits; i < end; ++i)
                    seq = seq * 10 + (text[i] - '0');
                if (seq != s.nextSeq)
                    ++s.outOfOrder;
                s.nextSeq = seq + 1;
                if (size_t(s.nextSeq) == sent->size())
                    finished->fetch_add(1, std::memory_order_relaxed);
                if (seq >= 0 && size_t(seq) < sent->size())
                    latencies->add(arrived - (*sent)[size_t(seq)].load(std::memory_order_acquire));
                consumed = end;
                at = end;
            }
            const size_t lastLine = text.rfind('\n');
            const size_t keep =
                lastLine == std::string_view::npos ? consumed : std::max(consumed, lastLine + 1);
            s.pending.erase(0, keep);
        }
    }
    ::close(epoll);
}

qint64 statusKiB(qint64 pid, const char *field)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(std::strlen(field)))
                .trimmed()
                .split(' ')
                .value(0)
                .toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int subscriberCount = argc > 1 ? std::max(1, atoi(argv[1])) : 500;
    const int rate = argc > 2 ? std::max(1, atoi(argv[2])) : 2000;
    const int seconds = argc > 3 ? std::max(1, atoi(argv[3])) : 60;
    const QString executable = argc > 4
        ? QString::fromLocal8Bit(argv[4])
        : QCoreApplication::applicationDirPath() + u"/syncstreamer"_s;

    QTemporaryDir dataDir;
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(executable,
                 {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                  u"--data-dir"_s, dataDir.path(), u"--max-connections"_s,
                  QString::number(subscriberCount + 64)});
    quint16 port = 0;
    QByteArray output;
    static const QRegularExpression serving(u"Serving https?://[^:]+:(\\d+)/"_s);
    while (port == 0 && server.waitForReadyRead(10'000)) {
        output += server.readAllStandardOutput();
        const auto match = serving.match(QString::fromUtf8(output));
        if (match.hasMatch())
            port = quint16(match.captured(1).toUInt());
    }
    if (port == 0) {
        std::fprintf(stderr, "bench_fanout: %s did not start\n", qPrintable(executable));
        return 1;
    }
    const qint64 pid = server.processId();
    const qint64 rssAtStartKiB = statusKiB(pid, "VmRSS:");

    // Subscribe everyone and wait for each stream's opening comment.
    std::array<std::vector<Subscriber>, 2> groups;
    for (int i = 0; i < subscriberCount; ++i) {
        const QByteArray source = "127.0.0." + QByteArray::number(10 + i / 50);
        Subscriber s;
        s.fd = connectFrom(source.constData(), port);
        if (s.fd < 0
            || !writeAll(s.fd, "GET /events?channels=fanout HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            std::fprintf(stderr, "bench_fanout: subscriber %d could not connect\n", i);
            return 1;
        }
        std::string head;
        char chunk[4096];
        while (head.find(": subscribed") == std::string::npos) {
            const ssize_t n = ::recv(s.fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                std::fprintf(stderr, "bench_fanout: subscriber %d refused: %s\n", i, head.c_str());
                return 1;
            }
            head.append(chunk, size_t(n));
        }
        groups[size_t(i % 2)].push_back(std::move(s));
    }

    const qint64 total = qint64(rate) * seconds;
    std::vector<std::atomic<qint64>> sent(static_cast<size_t>(total));
    std::atomic<bool> stop {false};
    std::atomic<int> finished {0}; // subscribers that received the last event
    std::array<Histogram, 2> latencies;
    std::vector<std::thread> readers;
    for (size_t g = 0; g < groups.size(); ++g)
        readers.emplace_back(readStreams, &groups[g], &sent, &latencies[g], &stop, &finished);

    // The producer: one keep-alive connection, each POST written at its slot of the schedule
    // without waiting for the answer to the one before (as several producers would); a thread
    // of its own counts the acknowledgements.
    const int producer = connectFrom("127.0.0.1", port);
    const int one = 1;
    ::setsockopt(producer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::atomic<qint64> acknowledged {0};
    std::thread acknowledgements([&] {
        std::string answers;
        char chunk[1 << 14];
        constexpr std::string_view ok = "HTTP/1.1 200 ";
        while (acknowledged.load() < total) {
            const ssize_t n = ::recv(producer, chunk, sizeof chunk, 0);
            if (n <= 0)
                return;
            answers.append(chunk, size_t(n));
            size_t at = 0;
            qint64 found = 0;
            for (size_t next = answers.find(ok); next != std::string::npos;
                 next = answers.find(ok, at)) {
                ++found;
                at = next + ok.size();
            }
            acknowledged += found;
            answers.erase(0, at == 0 ? 0 : at);
        }
    });
    qint64 maxRssKiB = rssAtStartKiB;
    qint64 lateSlots = 0;
    const auto start = Clock::now();
    auto nextSample = start + std::chrono::seconds(1);
    for (qint64 seq = 0; seq < total; ++seq) {
        const auto slot = start + std::chrono::nanoseconds(seq * 1'000'000'000 / rate);
        if (Clock::now() > slot + std::chrono::milliseconds(1))
            ++lateSlots;
        std::this_thread::sleep_until(slot);
        const std::string body = "{\"seq\":" + std::to_string(seq) + "}";
        const std::string request = "POST /channel/fanout HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Content-Type: application/json\r\nContent-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body;
        sent[size_t(seq)].store(nowNs(), std::memory_order_release);
        if (!writeAll(producer, request)) {
            std::fprintf(stderr, "bench_fanout: the producer's connection closed\n");
            return 1;
        }
        if (Clock::now() >= nextSample) {
            maxRssKiB = std::max(maxRssKiB, statusKiB(pid, "VmRSS:"));
            nextSample += std::chrono::seconds(1);
        }
    }
    const double postSeconds = std::chrono::duration<double>(Clock::now() - start).count();

    // Wait (at most 10 s) until every subscriber has the last event.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (finished.load() < subscriberCount && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
    for (std::thread &t : readers)
        t.join();
    ::shutdown(producer, SHUT_RDWR);
    acknowledgements.join();
    maxRssKiB = std::max(maxRssKiB, statusKiB(pid, "VmRSS:"));
    const qint64 peakKiB = statusKiB(pid, "VmHWM:");

    Histogram all;
    for (const Histogram &h : latencies)
        all.merge(h);
    qint64 complete = 0;
    qint64 outOfOrder = 0;
    for (const auto &group : groups) {
        for (const Subscriber &s : group) {
            complete += s.nextSeq == total ? 1 : 0;
            outOfOrder += s.outOfOrder;
            ::close(s.fd);
        }
    }
    ::close(producer);
    server.terminate();
    server.waitForFinished(15'000);

    std::printf("subscribers %d  events %lld in %.1f s (%d/s asked, %lld slots late)\n",
                subscriberCount, static_cast<long long>(total), postSeconds, rate,
                static_cast<long long>(lateSlots));
    std::printf("acknowledged %lld of %lld posts\n", static_cast<long long>(acknowledged.load()),
                static_cast<long long>(total));
    std::printf("deliveries %lld of %lld  subscribers with every event %lld  out of order %lld\n",
                static_cast<long long>(all.total), static_cast<long long>(total * subscriberCount),
                static_cast<long long>(complete), static_cast<long long>(outOfOrder));
    std::printf("post -> receive  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n",
                all.percentileMs(0.5), all.percentileMs(0.99), all.percentileMs(0.999),
                double(all.maxNs) / 1e6);
    std::printf("server RSS  start %lld MB  max sampled %lld MB  peak (VmHWM) %lld MB\n",
                static_cast<long long>(rssAtStartKiB / 1024),
                static_cast<long long>(maxRssKiB / 1024), static_cast<long long>(peakKiB / 1024));
    const bool everyEvent =
        complete == subscriberCount && outOfOrder == 0 && all.total == total * subscriberCount;
    return everyEvent ? 0 : 2;
}
