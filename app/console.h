// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

// Writes to the process's standard streams without going through the Qt message handler, so
// command output stays exactly what was asked for (no prefixes, no categories).
namespace Console {

void out(const QString &text); // UTF-8 on stdout
void outBytes(QByteArrayView data); // raw bytes on stdout
void err(const QString &text); // UTF-8 on stderr

} // namespace Console
