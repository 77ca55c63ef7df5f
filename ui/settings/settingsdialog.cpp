// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/settingsdialog.h"

#include "common/layoutcombobox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr const char *kOwnToolTip = "ownToolTip"; // a field's tooltip before any mark

QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &stored, const AppSettings &running,
                               QWidget *parent)
    : QDialog(parent)
    , m_stored(stored)
    , m_running(running)
{
    setWindowTitle(tr("Settings"));
    QGroupBox *server = createServerGroup();
    QGroupBox *storage = createStorageGroup();
    QGroupBox *window = createWindowGroup();

    m_overridden = new QLabel(this);
    m_overridden->setWordWrap(true);
    m_overridden->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setForegroundRole(QPalette::Highlight);
    m_error->hide();
    m_restart = new QLabel(this);
    m_restart->setObjectName(u"restart"_s);
    m_restart->setWordWrap(true);

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                 | QDialogButtonBox::Apply | QDialogButtonBox::RestoreDefaults,
                             this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setSettings(AppSettings {}); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(storage);
    layout->addWidget(window);
    layout->addWidget(m_overridden);
    layout->addWidget(m_restart);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setSettings(running);
    addFields();
    updateMarks();
}

QGroupBox *SettingsDialog::createServerGroup()
{
    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    m_port = new QSpinBox(server);
    m_port->setObjectName(u"port"_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_bind = new QLineEdit(server);
    m_bind->setObjectName(u"bindAddress"_s);
    m_bind->setPlaceholderText(tr("all interfaces"));
    m_bind->setToolTip(tr("An address of this computer, such as 127.0.0.1 for this computer "
                          "only; empty for all interfaces (IPv4 and IPv6)."));
    m_writeToken = new QLineEdit(server);
    m_writeToken->setObjectName(u"writeToken"_s);
    m_writeToken->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_writeToken->setPlaceholderText(tr("none: only this computer may post"));
    m_readToken = new QLineEdit(server);
    m_readToken->setObjectName(u"readToken"_s);
    m_readToken->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_readToken->setPlaceholderText(tr("none: reads are open"));
    QWidget *certRow = nullptr;
    QWidget *keyRow = nullptr;
    m_tlsCert = pathRow(u"tlsCertificate"_s, false, &certRow);
    m_tlsCert->setPlaceholderText(tr("none: plain HTTP"));
    m_tlsKey = pathRow(u"tlsKey"_s, false, &keyRow);
    m_layout = new LayoutComboBox(LayoutComboBox::Guess::NotOffered, server);
    m_layout->setObjectName(u"layout"_s);
    serverForm->addRow(buddyLabel(tr("&Port:"), m_port), m_port);
    serverForm->addRow(buddyLabel(tr("&Listen on:"), m_bind), m_bind);
    serverForm->addRow(buddyLabel(tr("&Write token:"), m_writeToken), m_writeToken);
    serverForm->addRow(buddyLabel(tr("&Read token:"), m_readToken), m_readToken);
    serverForm->addRow(buddyLabel(tr("TLS &certificate:"), m_tlsCert), certRow);
    serverForm->addRow(buddyLabel(tr("TLS &key:"), m_tlsKey), keyRow);
    serverForm->addRow(buddyLabel(tr("Metadata la&yout:"), m_layout), m_layout);
    return server;
}

QGroupBox *SettingsDialog::createStorageGroup()
{
    auto *storage = new QGroupBox(tr("Frames and storage"), this);
    auto *storageForm = new QFormLayout(storage);
    m_frameDuration = new QDoubleSpinBox(storage);
    m_frameDuration->setObjectName(u"frameDuration"_s);
    m_frameDuration->setDecimals(1);
    m_frameDuration->setRange(double(Engine::EngineConfig::kMinFrameDurationMs) / 1000, 86400);
    m_frameDuration->setSuffix(tr(" s"));
    m_history = new QSpinBox(storage);
    m_history->setObjectName(u"history"_s);
    m_history->setRange(0, 100'000);
    m_history->setSuffix(tr(" frames"));
    QWidget *dataRow = nullptr;
    m_dataDir = pathRow(u"dataDir"_s, true, &dataRow);
    m_dataDir->setPlaceholderText(QDir::toNativeSeparators(Engine::EngineConfig::defaultDataDir()));
    m_retainFrames = new QSpinBox(storage);
    m_retainFrames->setObjectName(u"retainFrames"_s);
    m_retainFrames->setRange(0, 1'000'000'000);
    m_retainFrames->setSpecialValueText(tr("no limit"));
    m_retainFrames->setSuffix(tr(" frames"));
    m_retainMiB = new QSpinBox(storage);
    m_retainMiB->setObjectName(u"retainSize"_s);
    m_retainMiB->setRange(0, 100'000'000);
    m_retainMiB->setSpecialValueText(tr("no limit"));
    m_retainMiB->setSuffix(tr(" MiB"));
    m_retainHours = new QDoubleSpinBox(storage);
    m_retainHours->setObjectName(u"retainAge"_s);
    m_retainHours->setDecimals(1);
    m_retainHours->setRange(0, 87'600);
    m_retainHours->setSpecialValueText(tr("no limit"));
    m_retainHours->setSuffix(tr(" h"));
    m_fsync = new QComboBox(storage);
    m_fsync->setObjectName(u"fsync"_s);
    m_fsync->addItem(tr("Before every acknowledgement (safest)"), int(Engine::FsyncPolicy::Always));
    m_fsync->addItem(tr("At most every 100 ms (default)"), int(Engine::FsyncPolicy::Interval));
    m_fsync->addItem(tr("Left to the system (fastest)"), int(Engine::FsyncPolicy::Never));
    storageForm->addRow(buddyLabel(tr("&Frame duration:"), m_frameDuration), m_frameDuration);
    storageForm->addRow(buddyLabel(tr("&History in memory:"), m_history), m_history);
    storageForm->addRow(buddyLabel(tr("Data d&irectory:"), m_dataDir), dataRow);
    storageForm->addRow(buddyLabel(tr("Keep at &most:"), m_retainFrames), m_retainFrames);
    storageForm->addRow(buddyLabel(tr("Keep at most (&size):"), m_retainMiB), m_retainMiB);
    storageForm->addRow(buddyLabel(tr("Remove after (&age):"), m_retainHours), m_retainHours);
    storageForm->addRow(buddyLabel(tr("&Journal sync:"), m_fsync), m_fsync);
    return storage;
}

QGroupBox *SettingsDialog::createWindowGroup()
{
    auto *window = new QGroupBox(tr("Window"), this);
    auto *windowLayout = new QVBoxLayout(window);
    m_tray =
        new QCheckBox(tr("Keep serving in the system &tray when the window is closed"), window);
    m_tray->setObjectName(u"tray"_s);
    windowLayout->addWidget(m_tray);
    m_timeZone = new QComboBox(window);
    m_timeZone->setObjectName(u"timeZone"_s);
    m_timeZone->addItem(tr("Local time, with the zone shown"), false);
    m_timeZone->addItem(tr("UTC"), true);
    auto *zoneRow = new QHBoxLayout;
    zoneRow->addWidget(buddyLabel(tr("Show ti&mes in:"), m_timeZone));
    zoneRow->addWidget(m_timeZone, 1);
    windowLayout->addLayout(zoneRow);
    return window;
}

QStringList SettingsDialog::differingFields() const
{
    QStringList names;
    for (const Field &field : m_fields) {
        if (field.text(m_running) != field.text(m_stored))
            names.append(field.widget->objectName());
    }
    return names;
}

void SettingsDialog::updateMarks()
{
    for (const Field &field : std::as_const(m_fields)) {
        QWidget *label = nullptr;
        for (QLabel *candidate : findChildren<QLabel *>()) {
            if (candidate->buddy() == field.widget)
                label = candidate;
        }
        const bool differs = field.text(m_running) != field.text(m_stored);
        QFont font = field.widget->font();
        font.setBold(differs);
        QString tip;
        if (differs)
            tip = field.secret
                ? tr("Running with a value other than the stored one.")
                : tr("Running with %1; stored: %2.")
                      .arg(field.text(m_running).isEmpty() ? tr("none") : field.text(m_running),
                           field.text(m_stored).isEmpty() ? tr("none") : field.text(m_stored));
        if (label) {
            label->setFont(font);
            label->setToolTip(tip);
        }
        field.widget->setProperty("differsFromStored", differs);
        // The field's own tooltip, with the mark's sentence after it.
        if (!field.widget->property(kOwnToolTip).isValid())
            field.widget->setProperty(kOwnToolTip, field.widget->toolTip());
        const QString own = field.widget->property(kOwnToolTip).toString();
        field.widget->setToolTip(own.isEmpty() || tip.isEmpty() ? QString(own + tip)
                                                                : QString(own + u'\n' + tip));
    }
    m_restart->setText(restartText());
}

AppSettings::Restart SettingsDialog::pendingRestart() const
{
    return AppSettings::restartFor(m_running, settings());
}

QString SettingsDialog::restartText() const
{
    switch (pendingRestart()) {
    case AppSettings::Restart::Engine:
        return tr("Apply restarts the engine and the server: the open frame is finished now, "
                  "producers and clients reconnect.");
    case AppSettings::Restart::Server:
        return tr("Apply restarts the server: clients and producers reconnect; the engine and "
                  "the open frame keep running.");
    case AppSettings::Restart::None:
        break;
    }
    return tr("Apply restarts nothing: the server and the engine keep running.");
}

AppSettings SettingsDialog::storedSettings() const
{
    const AppSettings shown = settings();
    AppSettings s = m_stored;
    for (const Field &field : m_fields) {
        const bool keptRunning = field.text(shown) == field.text(m_running)
            && field.text(m_running) != field.text(m_stored);
        if (!keptRunning)
            field.copy(s, shown);
    }
    return s;
}

QLineEdit *SettingsDialog::pathRow(const QString &objectName, bool folder, QWidget **row)
{
    *row = new QWidget(this);
    auto *layout = new QHBoxLayout(*row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(*row);
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(true);
    auto *browse = new QToolButton(*row);
    browse->setText(tr("…"));
    browse->setAccessibleName(folder ? tr("Choose a folder") : tr("Choose a file"));
    browse->setToolTip(browse->accessibleName());
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit, folder] {
        const QString chosen = folder
            ? QFileDialog::getExistingDirectory(this, tr("Data directory"), edit->text())
            : QFileDialog::getOpenFileName(this, tr("PEM file"), edit->text(),
                                           tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!chosen.isEmpty())
            edit->setText(QDir::toNativeSeparators(chosen));
    });
    return edit;
}

void SettingsDialog::setOverridden(const QStringList &options)
{
    QStringList names;
    for (const QString &option : options)
        names.append(u"--"_s + option);
    m_overridden->setText(
        tr("Given on the command line, %1 take precedence over these settings until the program "
           "is started again.")
            .arg(names.join(u", "_s)));
    m_overridden->setVisible(!options.isEmpty());
}

void SettingsDialog::setTrayAvailable(bool available)
{
    m_tray->setEnabled(available);
    m_tray->setProperty(kOwnToolTip,
                        available ? QString()
                                  : tr("This desktop has no system tray: closing "
                                       "the window quits."));
    updateMarks();
}

bool SettingsDialog::apply()
{
    const AppSettings s = settings();
    const AppSettings stored = storedSettings();
    QString problem;
    const QString bind = m_bind->text().trimmed();
    if (!bind.isEmpty() && QHostAddress(bind).isNull())
        problem = tr("\"%1\" is not an IP address.").arg(bind);
    if (problem.isEmpty())
        problem = s.validate();
    if (problem.isEmpty())
        problem = stored.validate();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return false;
    QSettings store;
    stored.save(store);
    store.sync();
    m_stored = stored;
    m_running = s;
    updateMarks();
    Q_EMIT applied(stored, s);
    return true;
}
