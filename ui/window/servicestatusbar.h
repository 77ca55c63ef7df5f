// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/servicehost.h"

#include <QObject>

class QLabel;
class QStatusBar;

// The permanent part of the status bar: frames retained, disk used, storage state, last error.
class ServiceStatusBar : public QObject
{
    Q_OBJECT
public:
    explicit ServiceStatusBar(QStatusBar *bar);

    void setState(const ServiceState &state);

private:
    QLabel *m_frames = nullptr;
    QLabel *m_disk = nullptr;
    QLabel *m_storage = nullptr;
    QLabel *m_error = nullptr;
};
