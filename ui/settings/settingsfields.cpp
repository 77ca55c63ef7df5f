// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's fields: which setting each shows, and the settings read from them.
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

constexpr qint64 kMiB = qint64(1) << 20;
constexpr qint64 kHourMs = 3600LL * 1000;

} // namespace

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

void SettingsDialog::setSettings(const AppSettings &s)
{
    m_port->setValue(s.server.port);
    m_bind->setText(s.server.bindAddress == QHostAddress::Any ? QString()
                                                              : s.server.bindAddress.toString());
    m_writeToken->setText(QString::fromUtf8(s.server.writeToken));
    m_readToken->setText(QString::fromUtf8(s.server.readToken));
    m_tlsCert->setText(QDir::toNativeSeparators(s.server.tlsCertificateFile));
    m_tlsKey->setText(QDir::toNativeSeparators(s.server.tlsKeyFile));
    m_layout->setChosenLayout(s.engine.layout);
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
    s.engine.layout = m_layout->chosenLayout().value_or(TimeFrame::Layout::Documented);
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
