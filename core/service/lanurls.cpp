// SPDX-License-Identifier: GPL-3.0-or-later
#include "lanurls.h"

#include <QNetworkInterface>

using namespace Qt::StringLiterals;

namespace LanUrls {

namespace {

QUrl urlFor(const QHostAddress &address, quint16 port, bool tls)
{
    QHostAddress plain = address;
    plain.setScopeId(QString());
    QUrl url;
    url.setScheme(tls ? u"https"_s : u"http"_s);
    url.setHost(plain.toString());
    url.setPort(port);
    url.setPath(u"/"_s);
    return url;
}

bool isAny(const QHostAddress &address)
{
    return address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6;
}

} // namespace

bool isOpenable(const QHostAddress &address)
{
    if (address.isNull() || isAny(address) || address.isLinkLocal() || address.isMulticast()
        || address.isBroadcast())
        return false;
    return address.protocol() == QAbstractSocket::IPv4Protocol
        || address.protocol() == QAbstractSocket::IPv6Protocol;
}

QList<QUrl> urls(const QHostAddress &bind, quint16 port, bool tls,
                 const QList<QHostAddress> &machine)
{
    if (!isAny(bind))
        return isOpenable(bind) ? QList<QUrl> {urlFor(bind, port, tls)} : QList<QUrl> {};
    const bool v4 = bind != QHostAddress::AnyIPv6;
    const bool v6 = bind != QHostAddress::AnyIPv4;
    QList<QUrl> list {urlFor(v4 ? QHostAddress(QHostAddress::LocalHost)
                                : QHostAddress(QHostAddress::LocalHostIPv6),
                             port, tls)};
    for (const QHostAddress &address : machine) {
        if (address.isLoopback() || !isOpenable(address))
            continue;
        const bool isV4 = address.protocol() == QAbstractSocket::IPv4Protocol;
        if ((isV4 && !v4) || (!isV4 && !v6))
            continue;
        const QUrl url = urlFor(address, port, tls);
        if (!list.contains(url))
            list.append(url);
    }
    return list;
}

QList<QUrl> urls(const QHostAddress &bind, quint16 port, bool tls)
{
    QList<QHostAddress> machine;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        if (!interface.flags().testFlags(QNetworkInterface::IsUp | QNetworkInterface::IsRunning))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries())
            machine.append(entry.ip());
    }
    return urls(bind, port, tls, machine);
}

QStringList toStrings(const QList<QUrl> &urls)
{
    QStringList strings;
    for (const QUrl &url : urls)
        strings.append(url.toString());
    return strings;
}

} // namespace LanUrls
