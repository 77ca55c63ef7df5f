// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the real engine for the kill -9 test.
//   engine_crash_harness <data-dir> <frame-ms>          reads "<channel> <seq>" lines from stdin,
//                                                      ingests each, prints it back once acked
//   engine_crash_harness <data-dir> <frame-ms> --drain  waits until the frame open at start is
//                                                      archived, prints "drained", exits
#include "engine/frameengine.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>
#include <iostream>
#include <string>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s <data-dir> <frame-ms> [--drain]\n", argv[0]);
        return 2;
    }
    Engine::EngineConfig config;
    config.dataDir = args[1];
    config.frameDurationMs = args[2].toLongLong();
    config.retainFrames = 0;
    config.retainBytes = 0;
    config.retainAgeMs = 0;
    Engine::FrameEngine engine(config);
    QString error;
    if (!engine.start(Engine::Threading::OwnThread, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }

    if (args.size() > 3 && args[3] == u"--drain"_s) {
        const qint64 open = engine.status().openFrameId;
        for (;;) {
            const Engine::FrameIndex index = engine.index();
            if (!index->isEmpty() && index->first().id >= open)
                break;
            QThread::msleep(5);
        }
        std::printf("drained\n");
        return 0;
    }

    std::printf("ready\n");
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
        const QString text = QString::fromStdString(line);
        const qsizetype space = text.indexOf(u' ');
        if (space <= 0)
            continue;
        Engine::Event event;
        event.channel = text.left(space);
        event.type = u"text/plain"_s;
        event.data = text.mid(space + 1).toUtf8();
        const Engine::IngestResult result = engine.ingest(event);
        if (result.ok())
            std::printf("%s\n", line.c_str());
        else
            std::printf("refused %s\n", qPrintable(result.failure->message));
        std::fflush(stdout); // the ack reaches the test only after ingest() returned
    }
    return 0;
}
