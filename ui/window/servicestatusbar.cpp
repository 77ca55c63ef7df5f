// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/servicestatusbar.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

ServiceStatusBar::ServiceStatusBar(QStatusBar *bar)
    : QObject(bar)
    , m_frames(new QLabel(bar))
    , m_disk(new QLabel(bar))
    , m_storage(new QLabel(bar))
    , m_error(new QLabel(bar))
{
    m_error->setTextFormat(Qt::PlainText);
    bar->addPermanentWidget(m_error, 1);
    bar->addPermanentWidget(m_frames);
    bar->addPermanentWidget(m_disk);
    bar->addPermanentWidget(m_storage);
    setState({});
}

void ServiceStatusBar::setState(const ServiceState &state)
{
    const QLocale locale;
    m_frames->setText(tr("Frames: %1").arg(locale.toString(state.status.framesRetained)));
    m_disk->setText(tr("Disk: %1").arg(locale.formattedDataSize(state.status.bytesOnDisk)));
    const bool ok = state.status.storage == Engine::StorageState::Ok;
    m_storage->setText(state.phase != ServiceState::Phase::Running ? tr("Storage: —")
                           : ok                                    ? tr("Storage: OK")
                                                                   : tr("Storage: unavailable"));
    m_storage->setToolTip(ok ? QString() : state.status.storageDetail);
    m_error->setText(state.error.isEmpty() ? QString() : tr("Last error: %1").arg(state.error));
    m_error->setToolTip(state.error);
}
