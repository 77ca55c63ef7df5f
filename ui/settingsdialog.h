// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// File → Settings: the server's and the engine's options and the tray choice. OK and Apply
// store them with QSettings and emit applied(); the window then restarts the service with them.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    // The values the widgets show.
    AppSettings settings() const;
    void setSettings(const AppSettings &settings);
    // Names the command-line options that take precedence over these settings in this run.
    void setOverridden(const QStringList &options);
    void setTrayAvailable(bool available);

public Q_SLOTS:
    // Checks the values, stores them in QSettings and emits applied(); false (and a message in
    // the dialog) where a value is unusable.
    bool apply();

Q_SIGNALS:
    void applied(const AppSettings &settings);

private:
    QLineEdit *pathRow(const QString &objectName, bool folder, QWidget **row);

    QSpinBox *m_port = nullptr;
    QLineEdit *m_bind = nullptr;
    QLineEdit *m_writeToken = nullptr;
    QLineEdit *m_readToken = nullptr;
    QLineEdit *m_tlsCert = nullptr;
    QLineEdit *m_tlsKey = nullptr;
    QComboBox *m_layout = nullptr;
    QDoubleSpinBox *m_frameDuration = nullptr;
    QSpinBox *m_history = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QSpinBox *m_retainFrames = nullptr;
    QSpinBox *m_retainMiB = nullptr;
    QDoubleSpinBox *m_retainHours = nullptr;
    QComboBox *m_fsync = nullptr;
    QCheckBox *m_tray = nullptr;
    QLabel *m_overridden = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    AppSettings m_loaded; // what fields the dialog does not show keep
};
