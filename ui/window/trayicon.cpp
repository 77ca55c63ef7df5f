// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/trayicon.h"

#include "service/servicehost.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
    , m_icon(new QSystemTrayIcon(this))
{
    const QIcon appIcon = QApplication::windowIcon();
    m_icon->setIcon(appIcon.isNull() ? QIcon::fromTheme(
                        u"network-server"_s, qApp->style()->standardIcon(QStyle::SP_ComputerIcon))
                                     : appIcon);
    m_state = m_menu->addAction(QString());
    m_state->setEnabled(false);
    m_rate = m_menu->addAction(QString());
    m_rate->setEnabled(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Show SyncStreamer"), this, &TrayIcon::showRequested);
    m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT showRequested();
            });
    setState({});
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::setVisible(bool visible)
{
    m_icon->setVisible(visible);
}

void TrayIcon::setState(const ServiceState &state)
{
    QString text;
    if (state.listening) {
        // The first address another computer can use; this computer's own where it has none.
        QUrl shown = state.urls.value(0);
        for (const QUrl &url : state.urls) {
            if (!QHostAddress(url.host()).isLoopback()) {
                shown = url;
                break;
            }
        }
        text = shown.isEmpty() ? tr("Serving on port %1").arg(state.port)
                               : tr("Serving %1").arg(shown.toString());
    } else if (state.phase == ServiceState::Phase::Running) {
        text = tr("Server stopped");
    } else if (state.phase == ServiceState::Phase::Failed) {
        text = tr("Failed: %1").arg(state.error);
    } else {
        text = tr("Starting…");
    }
    m_state->setText(text);
    m_rate->setText(tr("%1 events/s").arg(QLocale().toString(state.eventsPerSecond, 'f', 1)));
    m_icon->setToolTip(tr("SyncStreamer — %1").arg(text));
}

QString TrayIcon::stateText() const
{
    return m_state->text();
}

void TrayIcon::notifyHidden()
{
    m_icon->showMessage(tr("SyncStreamer keeps serving"),
                        tr("The window is closed; the server runs on. Quit from this icon's menu."),
                        QSystemTrayIcon::Information);
}
