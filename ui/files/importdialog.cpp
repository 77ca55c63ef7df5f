// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/importdialog.h"

#include "common/layoutcombobox.h"

#include <QGridLayout>
#include <QLabel>

ImportDialog::ImportDialog(QWidget *parent)
    : QFileDialog(parent, tr("Open TimeFrames"))
{
    // Qt's own dialog: the layout choice is a row of it.
    setOption(QFileDialog::DontUseNativeDialog);
    setFileMode(QFileDialog::ExistingFiles);
    setAcceptMode(QFileDialog::AcceptOpen);
    setNameFilters({tr("TimeFrame files (*.tf)"), tr("All files (*)")});

    m_layout = new LayoutComboBox(LayoutComboBox::Guess::Offered, this);
    auto *label = new QLabel(tr("&Layout:"), this);
    label->setBuddy(m_layout);
    if (auto *grid = qobject_cast<QGridLayout *>(QFileDialog::layout())) {
        const int row = grid->rowCount();
        grid->addWidget(label, row, 0);
        grid->addWidget(m_layout, row, 1, 1, grid->columnCount() - 1);
    }
    connect(this, &QFileDialog::filesSelected, this,
            [this](const QStringList &files) { Q_EMIT filesChosen(files, chosenLayout()); });
}

std::optional<TimeFrame::Layout> ImportDialog::chosenLayout() const
{
    return m_layout->chosenLayout();
}
