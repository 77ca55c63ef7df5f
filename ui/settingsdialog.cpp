// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

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

constexpr qint64 kMiB = qint64(1) << 20;
constexpr qint64 kHourMs = 3600LL * 1000;
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
    m_layout = new QComboBox(server);
    m_layout->setObjectName(u"layout"_s);
    m_layout->addItem(tr("Documented (type size, id size, type, id)"),
                      int(TimeFrame::Layout::Documented));
    m_layout->addItem(tr("Reference (id size, type size, id, type)"),
                      int(TimeFrame::Layout::Reference));
    serverForm->addRow(buddyLabel(tr("&Port:"), m_port), m_port);
    serverForm->addRow(buddyLabel(tr("&Listen on:"), m_bind), m_bind);
    serverForm->addRow(buddyLabel(tr("&Write token:"), m_writeToken), m_writeToken);
    serverForm->addRow(buddyLabel(tr("&Read token:"), m_readToken), m_readToken);
    serverForm->addRow(buddyLabel(tr("TLS &certificate:"), m_tlsCert), certRow);
    serverForm->addRow(buddyLabel(tr("TLS &key:"), m_tlsKey), keyRow);
    serverForm->addRow(buddyLabel(tr("Metadata la&yout:"), m_layout), m_layout);

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

void SettingsDialog::addFields()
{
    using S = AppSettings;
    m_fields = {
        {m_port, [](const S &s) { return QString::number(s.server.port); },
         [](S &t, const S &f) {
             t.server.port = f.server.port;
         }},
        {m_bind,
         [](const S &s) {
             return s.server.bindAddress == QHostAddress::Any ? QString()
                                                              : s.server.bindAddress.toString();
         },
         [](S &t, const S &f) {
             t.server.bindAddress = f.server.bindAddress;
         }},
        {m_writeToken, [](const S &s) { return QString::fromUtf8(s.server.writeToken); },
         [](S &t, const S &f) { t.server.writeToken = f.server.writeToken; }, true},
        {m_readToken, [](const S &s) { return QString::fromUtf8(s.server.readToken); },
         [](S &t, const S &f) { t.server.readToken = f.server.readToken; }, true},
        {m_tlsCert, [](const S &s) { return s.server.tlsCertificateFile; },
         [](S &t, const S &f) {
             t.server.tlsCertificateFile = f.server.tlsCertificateFile;
         }},
        {m_tlsKey, [](const S &s) { return s.server.tlsKeyFile; },
         [](S &t, const S &f) {
             t.server.tlsKeyFile = f.server.tlsKeyFile;
         }},
        {m_layout, [](const S &s) { return TimeFrame::layoutName(s.engine.layout); },
         [](S &t, const S &f) {
             t.engine.layout = f.engine.layout;
         }},
        {m_frameDuration,
         [](const S &s) { return tr("%1 s").arg(double(s.engine.frameDurationMs) / 1000); },
         [](S &t, const S &f) {
             t.engine.frameDurationMs = f.engine.frameDurationMs;
         }},
        {m_history, [](const S &s) { return QString::number(s.engine.history); },
         [](S &t, const S &f) {
             t.engine.history = f.engine.history;
         }},
        {m_dataDir, [](const S &s) { return s.engine.dataDir; },
         [](S &t, const S &f) {
             t.engine.dataDir = f.engine.dataDir;
         }},
        {m_retainFrames, [](const S &s) { return QString::number(s.engine.retainFrames); },
         [](S &t, const S &f) {
             t.engine.retainFrames = f.engine.retainFrames;
         }},
        {m_retainMiB, [](const S &s) { return QLocale().formattedDataSize(s.engine.retainBytes); },
         [](S &t, const S &f) {
             t.engine.retainBytes = f.engine.retainBytes;
         }},
        {m_retainHours,
         [](const S &s) { return tr("%1 h").arg(double(s.engine.retainAgeMs) / double(kHourMs)); },
         [](S &t, const S &f) {
             t.engine.retainAgeMs = f.engine.retainAgeMs;
         }},
        {m_fsync, [](const S &s) { return Engine::fsyncPolicyName(s.engine.fsync); },
         [](S &t, const S &f) {
             t.engine.fsync = f.engine.fsync;
         }},
        {m_tray, [](const S &s) { return s.tray ? tr("on") : tr("off"); },
         [](S &t, const S &f) {
             t.tray = f.tray;
         }},
        {m_timeZone, [](const S &s) { return s.utcTimes ? tr("UTC") : tr("local time"); },
         [](S &t, const S &f) {
             t.utcTimes = f.utcTimes;
         }},
    };
    for (const Field &field : std::as_const(m_fields)) {
        QWidget *w = field.widget;
        if (auto *spin = qobject_cast<QSpinBox *>(w))
            connect(spin, &QSpinBox::valueChanged, this, &SettingsDialog::updateMarks);
        else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w))
            connect(dspin, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::updateMarks);
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::updateMarks);
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            connect(combo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateMarks);
        else if (auto *check = qobject_cast<QCheckBox *>(w))
            connect(check, &QCheckBox::toggled, this, &SettingsDialog::updateMarks);
    }
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

void SettingsDialog::setSettings(const AppSettings &s)
{
    m_port->setValue(s.server.port);
    m_bind->setText(s.server.bindAddress == QHostAddress::Any ? QString()
                                                              : s.server.bindAddress.toString());
    m_writeToken->setText(QString::fromUtf8(s.server.writeToken));
    m_readToken->setText(QString::fromUtf8(s.server.readToken));
    m_tlsCert->setText(QDir::toNativeSeparators(s.server.tlsCertificateFile));
    m_tlsKey->setText(QDir::toNativeSeparators(s.server.tlsKeyFile));
    m_layout->setCurrentIndex(m_layout->findData(int(s.engine.layout)));
    m_frameDuration->setValue(double(s.engine.frameDurationMs) / 1000);
    m_history->setValue(s.engine.history);
    m_dataDir->setText(QDir::toNativeSeparators(s.engine.dataDir));
    m_retainFrames->setValue(int(std::min<qint64>(s.engine.retainFrames, 1'000'000'000)));
    m_retainMiB->setValue(int(std::min<qint64>(s.engine.retainBytes / kMiB, 100'000'000)));
    m_retainHours->setValue(double(s.engine.retainAgeMs) / double(kHourMs));
    m_fsync->setCurrentIndex(m_fsync->findData(int(s.engine.fsync)));
    m_tray->setChecked(s.tray);
    m_timeZone->setCurrentIndex(m_timeZone->findData(s.utcTimes));
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_running;
    s.server.port = quint16(m_port->value());
    const QString bind = m_bind->text().trimmed();
    if (bind.isEmpty())
        s.server.bindAddress = QHostAddress::Any;
    else
        s.server.bindAddress.setAddress(bind);
    s.server.writeToken = m_writeToken->text().trimmed().toUtf8();
    s.server.readToken = m_readToken->text().trimmed().toUtf8();
    s.server.tlsCertificateFile = QDir::fromNativeSeparators(m_tlsCert->text().trimmed());
    s.server.tlsKeyFile = QDir::fromNativeSeparators(m_tlsKey->text().trimmed());
    s.engine.layout = TimeFrame::Layout(m_layout->currentData().toInt());
    s.engine.frameDurationMs = std::llround(m_frameDuration->value() * 1000);
    s.engine.history = m_history->value();
    s.engine.dataDir = QDir::fromNativeSeparators(m_dataDir->text().trimmed());
    s.engine.retainFrames = m_retainFrames->value();
    // Unchanged sizes keep their exact byte count (a default of 1 GiB is a whole MiB anyway).
    if (m_retainMiB->value()
        != int(std::min<qint64>(m_running.engine.retainBytes / kMiB, 100'000'000)))
        s.engine.retainBytes = qint64(m_retainMiB->value()) * kMiB;
    if (std::llround(m_retainHours->value() * 10)
        != std::llround(double(m_running.engine.retainAgeMs) / double(kHourMs) * 10))
        s.engine.retainAgeMs = std::llround(m_retainHours->value() * double(kHourMs));
    s.engine.fsync = Engine::FsyncPolicy(m_fsync->currentData().toInt());
    s.tray = m_tray->isChecked();
    s.utcTimes = m_timeZone->currentData().toBool();
    return s;
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
