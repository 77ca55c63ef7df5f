// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/servicehost.h"

#include <QGroupBox>

class QLabel;
class QListView;
class QPushButton;
class QStringListModel;

// The server at a glance: state, the URLs a client on the LAN can use (copy to clipboard),
// connected clients, events per second, and a start/stop button.
class ServerPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit ServerPanel(QWidget *parent = nullptr);

    void setState(const ServiceState &state);
    QStringList urls() const; // as the state gave them (LanUrls)

Q_SIGNALS:
    void servingRequested(bool serving);

private:
    void copySelected();

    QLabel *m_state = nullptr;
    QLabel *m_clients = nullptr;
    QLabel *m_rate = nullptr;
    QListView *m_urlView = nullptr;
    QStringListModel *m_urls = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_toggle = nullptr;
    bool m_listening = false;
};
