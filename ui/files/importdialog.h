// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QFileDialog>

#include <optional>

class LayoutComboBox;

// File → Open: several .tf files at once, with the metadata layout guessed per file unless the
// user picks one.
class ImportDialog : public QFileDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(QWidget *parent = nullptr);

    std::optional<TimeFrame::Layout> chosenLayout() const;

Q_SIGNALS:
    void filesChosen(const QStringList &fileNames, std::optional<TimeFrame::Layout> layout);

private:
    LayoutComboBox *m_layout = nullptr;
};
