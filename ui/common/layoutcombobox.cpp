// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/layoutcombobox.h"

LayoutComboBox::LayoutComboBox(Guess guess, QWidget *parent)
    : QComboBox(parent)
{
    if (guess == Guess::Offered)
        addItem(tr("Guess for each file"));
    addItem(tr("Documented (type size, id size, type, id)"), int(TimeFrame::Layout::Documented));
    addItem(tr("Reference (id size, type size, id, type)"), int(TimeFrame::Layout::Reference));
}

std::optional<TimeFrame::Layout> LayoutComboBox::chosenLayout() const
{
    const QVariant choice = currentData();
    if (!choice.isValid())
        return std::nullopt;
    return TimeFrame::Layout(choice.toInt());
}

void LayoutComboBox::setChosenLayout(std::optional<TimeFrame::Layout> layout)
{
    // Without a layout: the first item, which is the guess where it is offered.
    setCurrentIndex(layout ? std::max(0, findData(int(*layout))) : 0);
}
