// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;
struct ServiceState;

// The system tray entry while the window is hidden and the server keeps serving: the server's
// address and events/s in its menu, with Show and Quit.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable(); // the desktop has a system tray

    void setVisible(bool visible);
    void setState(const ServiceState &state);
    // The one-line notice shown the first time the window goes to the tray.
    void notifyHidden();

    QString stateText() const;

Q_SIGNALS:
    void showRequested();
    void quitRequested();

private:
    std::unique_ptr<QMenu> m_menu; // a QMenu has no QObject parent here: it is a top-level widget
    QSystemTrayIcon *m_icon = nullptr;
    QAction *m_state = nullptr;
    QAction *m_rate = nullptr;
};
