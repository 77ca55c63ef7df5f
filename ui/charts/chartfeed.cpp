// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/chartfeed.h"

#include <QThread>

using namespace Qt::StringLiterals;

ChartFeed::ChartFeed(QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_model(new ChartModel)
{
    qRegisterMetaType<ChartSnapshot>();
    qRegisterMetaType<ChartRequest>();
    qRegisterMetaType<QList<Engine::LiveEvent>>();
    qRegisterMetaType<QList<Series::ChannelInfo>>();
    m_thread->setObjectName(u"SyncStreamer charts"_s);
    // Emitted on the chart thread, as the model's own: receivers on the GUI thread get them
    // queued.
    connect(m_model, &ChartModel::snapshotReady, this, &ChartFeed::snapshotReady,
            Qt::DirectConnection);
    connect(m_model, &ChartModel::catalogChanged, this, &ChartFeed::catalogChanged,
            Qt::DirectConnection);
    m_model->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_model, &QObject::deleteLater);
    m_thread->start();
}

ChartFeed::~ChartFeed()
{
    disconnect(m_engineConnection);
    m_thread->quit();
    m_thread->wait();
}

void ChartFeed::setEngine(const std::shared_ptr<Engine::EngineApi> &engine)
{
    disconnect(m_engineConnection);
    disconnect(m_finishedConnection);
    if (engine) {
        m_engineConnection = connect(
            engine.get(), &Engine::EngineApi::liveEvents, m_model,
            [m = m_model](const QList<Engine::LiveEvent> &events) { m->addEvents(events); },
            Qt::QueuedConnection);
        m_finishedConnection = connect(
            engine.get(), &Engine::EngineApi::frameFinished, m_model,
            [m = m_model](const Engine::FrameSummary &frame) { m->frameFinished(frame); },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(m_model, [m = m_model, engine] { m->setHistory(engine); });
}

void ChartFeed::snapshotTaken()
{
    m_model->snapshotTaken();
}

void ChartFeed::cancelLoading()
{
    QMetaObject::invokeMethod(m_model, [m = m_model] { m->cancelLoading(); });
}

void ChartFeed::setFrame(const TimeFrame::FrameView &view)
{
    QMetaObject::invokeMethod(m_model, [m = m_model, view] { m->setFrame(view); });
}

void ChartFeed::setRequest(const ChartRequest &request)
{
    QMetaObject::invokeMethod(m_model, [m = m_model, request] { m->setRequest(request); });
}

void ChartFeed::addEvents(const QList<Engine::LiveEvent> &events)
{
    QMetaObject::invokeMethod(m_model, [m = m_model, events] { m->addEvents(events); });
}

void ChartFeed::clear()
{
    QMetaObject::invokeMethod(m_model, [m = m_model] { m->clear(); });
}
