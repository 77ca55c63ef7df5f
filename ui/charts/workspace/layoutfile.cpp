// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/workspace/layoutfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace LayoutFile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LayoutFile", text);
}

constexpr auto kLastKey = "charts/lastLayout";

} // namespace

QFuture<Loaded> read(const QString &fileName)
{
    return QtConcurrent::run([fileName] {
        Loaded out;
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly)) {
            out.error = tr("Cannot open the layout %1: %2").arg(fileName, file.errorString());
            return out;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 20), &error);
        if (error.error != QJsonParseError::NoError) {
            out.error = tr("The layout %1 is not valid JSON (at byte %2: %3).")
                            .arg(fileName)
                            .arg(error.offset)
                            .arg(error.errorString());
            return out;
        }
        if (!document.isObject() || !document.object().value(u"panes"_s).isObject()) {
            out.error = tr("The file %1 is not a chart layout (no \"panes\").").arg(fileName);
            return out;
        }
        out.layout = document.object();
        return out;
    });
}

QFuture<QString> write(const QString &fileName, const QJsonObject &layout)
{
    return QtConcurrent::run([fileName, layout] {
        QDir().mkpath(QFileInfo(fileName).absolutePath());
        QSaveFile file(fileName);
        if (!file.open(QIODevice::WriteOnly))
            return tr("Cannot write the layout %1: %2").arg(fileName, file.errorString());
        file.write(QJsonDocument(layout).toJson(QJsonDocument::Indented));
        if (!file.commit())
            return tr("Cannot write the layout %1: %2").arg(fileName, file.errorString());
        return QString();
    });
}

QString lastFileName()
{
    return QSettings().value(QLatin1StringView(kLastKey)).toString();
}

void setLastFileName(const QString &fileName)
{
    QSettings().setValue(QLatin1StringView(kLastKey), fileName);
}

} // namespace LayoutFile
