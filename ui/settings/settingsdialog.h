// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class LayoutComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// File → Settings: the server's and the engine's options and the window's. It shows what runs,
// marks what differs from the stored value (an option given on the command line), and says
// which restart Apply will cause. OK and Apply store the settings with QSettings and emit
// applied(); the window then restarts only the part whose options changed.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &stored, const AppSettings &running,
                   QWidget *parent = nullptr);
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr)
        : SettingsDialog(settings, settings, parent)
    { }

    // What should run: the values the widgets show.
    AppSettings settings() const;
    // What Apply stores: the values shown, except a running value that differs from the stored
    // one and was left as it is (a command-line option is not made permanent by Apply).
    AppSettings storedSettings() const;
    void setSettings(const AppSettings &settings); // fills the widgets
    // The object names of the fields whose running value differs from the stored one.
    QStringList differingFields() const;
    // Which restart Apply would cause now, as the dialog says it.
    AppSettings::Restart pendingRestart() const;
    QString restartText() const;
    // Names the command-line options that take precedence over these settings in this run.
    void setOverridden(const QStringList &options);
    void setTrayAvailable(bool available);

public Q_SLOTS:
    // Checks the values, stores them in QSettings and emits applied(); false (and a message in
    // the dialog) where a value is unusable.
    bool apply();

Q_SIGNALS:
    // stored: what was written to QSettings; wanted: what should run now.
    void applied(const AppSettings &stored, const AppSettings &wanted);

private:
    struct Field
    {
        QWidget *widget;
        QString (*text)(const AppSettings &); // the value as compared and shown
        void (*copy)(AppSettings &to, const AppSettings &from);
        bool secret = false; // a token: marked, its value not shown
    };
    QLineEdit *pathRow(const QString &objectName, bool folder, QWidget **row);
    // The dialog's three groups of fields, built once by the constructor.
    QGroupBox *createServerGroup();
    QGroupBox *createStorageGroup();
    QGroupBox *createWindowGroup();
    void addFields();
    void updateMarks();

    QSpinBox *m_port = nullptr;
    QLineEdit *m_bind = nullptr;
    QLineEdit *m_writeToken = nullptr;
    QLineEdit *m_readToken = nullptr;
    QLineEdit *m_tlsCert = nullptr;
    QLineEdit *m_tlsKey = nullptr;
    LayoutComboBox *m_layout = nullptr;
    QDoubleSpinBox *m_frameDuration = nullptr;
    QSpinBox *m_history = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QSpinBox *m_retainFrames = nullptr;
    QSpinBox *m_retainMiB = nullptr;
    QDoubleSpinBox *m_retainHours = nullptr;
    QComboBox *m_fsync = nullptr;
    QCheckBox *m_tray = nullptr;
    QComboBox *m_timeZone = nullptr;
    QLabel *m_overridden = nullptr;
    QLabel *m_restart = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    AppSettings m_stored;
    AppSettings m_running; // also what fields the dialog does not show keep
    QList<Field> m_fields;
};
