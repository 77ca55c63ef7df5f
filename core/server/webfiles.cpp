// SPDX-License-Identifier: GPL-3.0-or-later
#include "webfiles.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QHash>

#include <mutex>

void syncstreamerInitWebResources()
{
    static std::once_flag once;
    std::call_once(once, [] { Q_INIT_RESOURCE(web); });
}

namespace Server {

namespace {

constexpr QLatin1StringView kRoot(":/web/");

QByteArray contentTypeFor(QByteArrayView name)
{
    if (name.endsWith(".html"))
        return "text/html; charset=utf-8";
    if (name.endsWith(".css"))
        return "text/css; charset=utf-8";
    if (name.endsWith(".mjs") || name.endsWith(".js"))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(".svg"))
        return "image/svg+xml";
    if (name.endsWith(".json"))
        return "application/json";
    if (name.endsWith(".png"))
        return "image/png";
    if (name.endsWith(".txt") || name == "LICENSE")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

using WebFiles = QHash<QByteArray, WebFile>; // name below ":/web/" -> file

WebFiles loadWebFiles()
{
    syncstreamerInitWebResources();
    WebFiles files;
    QDirIterator it(kRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray name = QStringView(path).sliced(kRoot.size()).toUtf8();
        WebFile f;
        f.body = file.readAll();
        f.contentType = contentTypeFor(name);
        f.etag = '"' + QCryptographicHash::hash(f.body, QCryptographicHash::Sha256).toHex().left(32)
            + '"';
        files.insert(name, std::move(f));
    }
    return files;
}

} // namespace

const WebFile *webFile(QByteArrayView path)
{
    static const WebFiles files = loadWebFiles();
    if (!path.startsWith('/'))
        return nullptr;
    const QByteArrayView name = path == "/" ? QByteArrayView("index.html") : path.sliced(1);
    const auto it = files.constFind(name.toByteArray());
    return it == files.cend() ? nullptr : &*it;
}

} // namespace Server
