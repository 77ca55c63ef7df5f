// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QStringList>
#include <QUrl>

// The addresses a person can open in a browser to reach the server: the one builder behind the
// headless start line, the server panel and the tray. No widgets, so the executable's headless
// mode uses it too.
namespace LanUrls {

// Whether a browser can open http://address/: not link-local (169.254.0.0/16, fe80::/10, which
// need an interface scope no URL carries), multicast, broadcast or unspecified.
bool isOpenable(const QHostAddress &address);

// The URLs of a server listening on bind:port. Bound to all interfaces: the loopback address
// first (this computer), then every openable address of machine (each once, in its order).
// Bound to one address: that address, where it is openable. IPv6 hosts come bracketed (QUrl).
QList<QUrl> urls(const QHostAddress &bind, quint16 port, bool tls,
                 const QList<QHostAddress> &machine);
// The same with the addresses of this machine's interfaces that are up. Asks the system for
// its interfaces: call it off the GUI thread.
QList<QUrl> urls(const QHostAddress &bind, quint16 port, bool tls);

QStringList toStrings(const QList<QUrl> &urls);

} // namespace LanUrls
