// SPDX-License-Identifier: GPL-3.0-or-later
// Post -> live event latency: subscribes to GET /events, posts events one at a time over a
// keep-alive connection and measures from the write of each POST to the arrival of its event.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const quint16 port = quint16(argc > 1 ? QByteArray(argv[1]).toUInt() : 8080);
    const int count = argc > 2 ? QByteArray(argv[2]).toInt() : 2000;

    QTcpSocket events;
    events.connectToHost(QHostAddress::LocalHost, port);
    if (!events.waitForConnected(5000))
        return 1;
    events.write("GET /events?channels=latency HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QByteArray stream;
    while (!stream.contains(": subscribed")) {
        if (!events.waitForReadyRead(5000))
            return 1;
        stream += events.readAll();
    }
    stream.clear();

    QTcpSocket post;
    post.connectToHost(QHostAddress::LocalHost, port);
    post.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!post.waitForConnected(5000))
        return 1;
    std::vector<double> latencies;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        const QByteArray body = "{\"seq\":" + QByteArray::number(i) + "}";
        const QByteArray request = "POST /channel/latency HTTP/1.1\r\nHost: localhost\r\n"
                                   "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const qint64 sent = clock.nsecsElapsed();
        post.write(request);
        post.flush();
        const QByteArray needle = "\"json\":{\"seq\":" + QByteArray::number(i) + "}";
        while (!stream.contains(needle)) {
            if (!events.waitForReadyRead(5000))
                return 2;
            stream += events.readAll();
        }
        latencies.push_back(double(clock.nsecsElapsed() - sent) / 1e6);
        stream.clear();
        while (!post.readAll().isEmpty() || post.waitForReadyRead(0)) { }
    }
    std::sort(latencies.begin(), latencies.end());
    auto at = [&](double q) {
        return latencies[size_t(q * double(latencies.size() - 1))];
    };
    std::printf("events %d  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n", count, at(0.5),
                at(0.9), at(0.99), latencies.back());
    return 0;
}
