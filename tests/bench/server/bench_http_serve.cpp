// SPDX-License-Identifier: GPL-3.0-or-later
// The real engine and HTTP server on 127.0.0.1, for wrk. With --fill N, N events of 45 bytes are
// put into the first frame (120 000 give a 7.3 MB frame); --batch-file writes a TimeFrame of
// that many events for POST /batch.
#include "engine/frameengine.h"
#include "format/timeframe.h"
#include "server/httpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"port"_s, u"port"_s, u"port"_s, u"8080"_s},
                       {u"frame-duration"_s, u"ms"_s, u"ms"_s, u"10000"_s},
                       {u"threads"_s, u"worker threads (0: one per core)"_s, u"count"_s, u"0"_s},
                       {u"fill"_s, u"events in the first frame"_s, u"count"_s, u"0"_s},
                       {u"history"_s,
                        u"finished frames kept in memory (older ones are read "
                        u"from disk when requested)"_s,
                        u"count"_s, QString::number(Engine::EngineConfig().history)},
                       {u"batch-file"_s, u"write a TimeFrame batch body here"_s, u"file"_s},
                       {u"batch-events"_s, u"events in the batch body"_s, u"count"_s, u"1000"_s}});
    parser.process(app);
    const QByteArray json = R"({"sensor":"temp-01","value":21.5,"ok":true})"; // 45 bytes

    if (parser.isSet(u"batch-file"_s)) {
        TimeFrame::Frame f {0, 1, {}};
        for (int c = 0; c < 10; ++c)
            f.channels.append(
                TimeFrame::Channel {u"bench-"_s + QString::number(c), u"application/json"_s, {}});
        const int n = parser.value(u"batch-events"_s).toInt();
        for (int i = 0; i < n; ++i)
            f.channels[i % 10].items.append(TimeFrame::Item {0, json});
        QFile out(parser.value(u"batch-file"_s));
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        out.write(TimeFrame::encode(f).value());
        return 0;
    }

    QTemporaryDir dir;
    Engine::EngineConfig config;
    config.dataDir = dir.path();
    config.frameDurationMs = parser.value(u"frame-duration"_s).toLongLong();
    config.fsync = Engine::FsyncPolicy::Never;
    config.history = parser.value(u"history"_s).toInt();
    Engine::FrameEngine engine(config);
    QString error;
    if (!engine.start(Engine::Threading::OwnThread, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const int fill = parser.value(u"fill"_s).toInt();
    for (int done = 0; done < fill;) {
        QList<Engine::Event> events;
        for (int i = 0; i < 10'000 && done < fill; ++i, ++done)
            events.append(Engine::Event {u"fill"_s, u"application/json"_s, json, std::nullopt});
        if (!engine.ingest(events).ok())
            return 1;
    }
    Server::ServerOptions options;
    options.bindAddress = QHostAddress::LocalHost;
    options.port = quint16(parser.value(u"port"_s).toUInt());
    options.limits.maxBody = qint64(256) << 20;
    options.threads = parser.value(u"threads"_s).toInt();
    Server::HttpServer server(&engine, options);
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("serving on 127.0.0.1:%d, %d threads\n", server.port(), server.workerCount());
    std::fflush(stdout);
    return app.exec();
}
