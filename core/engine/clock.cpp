// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

#include <QDateTime>

namespace Engine {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Engine
