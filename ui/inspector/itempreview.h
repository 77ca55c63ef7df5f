// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

// How an item's payload is shown: pretty JSON, text, or a hex dump, by the channel's type.
namespace ItemPreview {

QString full(const QString &type, QByteArrayView data); // for the preview pane
QString line(const QString &type, QByteArrayView data); // one line for the table, shortened
QString hexDump(QByteArrayView data, qsizetype maxBytes = 64 * 1024);

} // namespace ItemPreview
