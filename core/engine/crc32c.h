// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Engine {

// CRC-32C (Castagnoli), as iSCSI and ext4 use it: the journal's record checksum. Uses the SSE 4.2
// instruction where the CPU has it, a table otherwise; both give the same value.
quint32 crc32c(QByteArrayView bytes, quint32 crc = 0);

} // namespace Engine
