// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/serverpanel.h"

#include "service/lanurls.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ServerPanel::ServerPanel(QWidget *parent)
    : QGroupBox(tr("Server"), parent)
    , m_urls(new QStringListModel(this))
{
    auto *form = new QFormLayout;
    m_state = new QLabel(this);
    m_clients = new QLabel(this);
    m_rate = new QLabel(this);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Clients:"), m_clients);
    form->addRow(tr("Events/s:"), m_rate);

    m_urlView = new QListView(this);
    m_urlView->setModel(m_urls);
    m_urlView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_urlView->setAccessibleName(tr("Addresses for clients"));
    m_urlView->setToolTip(tr("Open one of these in a browser on the LAN"));
    m_urlView->setMaximumHeight(m_urlView->fontMetrics().height() * 5);
    auto *urlLabel = new QLabel(tr("&Addresses:"), this);
    urlLabel->setBuddy(m_urlView);

    m_copy = new QPushButton(tr("&Copy address"), this);
    connect(m_copy, &QPushButton::clicked, this, &ServerPanel::copySelected);
    m_toggle = new QPushButton(tr("S&top server"), this);
    connect(m_toggle, &QPushButton::clicked, this,
            [this] { Q_EMIT servingRequested(!m_listening); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_toggle);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(urlLabel);
    layout->addWidget(m_urlView);
    layout->addLayout(buttons);
    setState({});
}

void ServerPanel::setState(const ServiceState &state)
{
    m_listening = state.listening;
    QString text;
    switch (state.phase) {
    case ServiceState::Phase::Stopped:
        text = tr("stopped");
        break;
    case ServiceState::Phase::Starting:
        text = tr("starting…");
        break;
    case ServiceState::Phase::Failed:
        text = tr("failed: %1").arg(state.error);
        break;
    case ServiceState::Phase::Running:
        text = state.listening      ? tr("serving on port %1").arg(state.port)
            : state.error.isEmpty() ? tr("collecting, not serving")
                                    : tr("not serving: %1").arg(state.error);
        break;
    }
    m_state->setText(text);
    m_state->setToolTip(text);
    m_state->setWordWrap(true);
    const QLocale locale;
    m_clients->setText(locale.toString(state.connections));
    m_rate->setText(locale.toString(state.eventsPerSecond, 'f', 0));
    const QStringList urls = state.listening ? LanUrls::toStrings(state.urls) : QStringList();
    if (urls != m_urls->stringList()) {
        m_urls->setStringList(urls);
        if (!urls.isEmpty())
            m_urlView->setCurrentIndex(m_urls->index(0));
    }
    m_copy->setEnabled(!urls.isEmpty());
    m_toggle->setText(state.listening ? tr("S&top server") : tr("S&tart server"));
    m_toggle->setEnabled(state.phase == ServiceState::Phase::Running);
}

QStringList ServerPanel::urls() const
{
    return m_urls->stringList();
}

void ServerPanel::copySelected()
{
    const QModelIndex current = m_urlView->currentIndex();
    const QString url =
        current.isValid() ? current.data().toString() : m_urls->stringList().value(0);
    if (!url.isEmpty())
        QApplication::clipboard()->setText(url);
}
