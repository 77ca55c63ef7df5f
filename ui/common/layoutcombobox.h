// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "format/timeframe.h"

#include <QComboBox>

#include <optional>

// The choice of a frame's metadata layout, as the settings, the import and the export dialogs
// offer it: each item's data is int(TimeFrame::Layout); the "guess" item, where offered, has
// none.
class LayoutComboBox : public QComboBox
{
    Q_OBJECT
public:
    enum class Guess { Offered, NotOffered };
    explicit LayoutComboBox(Guess guess, QWidget *parent = nullptr);

    // nullopt: the guess.
    std::optional<TimeFrame::Layout> chosenLayout() const;
    void setChosenLayout(std::optional<TimeFrame::Layout> layout);
};
