// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "files/frameexporter.h"

#include <QDialog>

class QComboBox;
class LayoutComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLineEdit;
class QRadioButton;

// File → Export: the selected frames or a time range, as one file per frame into a folder or
// merged into one file, in TimeFrame, CSV or JSON.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // The selected frames' count and span, and the span of every frame of the list.
    ExportDialog(int selectedCount, qint64 selectedFrom, qint64 selectedTo, qint64 allFrom,
                 qint64 allTo, QWidget *parent = nullptr);

    bool rangeChosen() const; // false: the selected frames
    FrameExporter::Options options() const;

    // Where an export starts without a remembered folder: Documents (created if needed), else
    // the home folder. Touches the disk: the dialog calls it on a worker thread.
    static QString defaultFolder();
    // fileName with the format's extension: appended, or replacing another format's.
    static QString withExtension(const QString &fileName, FrameExporter::Format format);

private:
    void updateState();
    void browse();
    void updateTarget(); // a folder for one file per frame, a file named with its extension else
    void remember() const; // format, files, layout and folder, for the next export

    QRadioButton *m_selected = nullptr;
    QRadioButton *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QRadioButton *m_perFrame = nullptr;
    QRadioButton *m_merged = nullptr;
    QComboBox *m_format = nullptr;
    LayoutComboBox *m_layout = nullptr;
    QLineEdit *m_target = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_folder;
    QString m_suggested; // the target as updateTarget() last wrote it
    bool m_targetIsFile = false;
    qint64 m_selectedFrom = 0;
    qint64 m_selectedTo = 0;
};
