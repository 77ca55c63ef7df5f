// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QJsonObject>
#include <QString>

// Layout files of the charts (JSON, see docs/GUI.md), read and written off the GUI thread.
namespace LayoutFile {

struct Loaded
{
    QJsonObject layout;
    QString error; // translated; empty on success
};

// A file that is not JSON, not an object or not a layout is an error; nothing is applied then.
QFuture<Loaded> read(const QString &fileName);
// Written through QSaveFile: a failed write leaves the old file. Empty on success.
QFuture<QString> write(const QString &fileName, const QJsonObject &layout);
// The file the last layout was saved to or opened from (QSettings): it opens at start.
QString lastFileName();
void setLastFileName(const QString &fileName);

} // namespace LayoutFile
