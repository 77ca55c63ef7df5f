// SPDX-License-Identifier: GPL-3.0-or-later
#include "framefile.h"

#include <QCoreApplication>

LoadedFrame loadFrameFile(const QString &fileName, std::optional<TimeFrame::Layout> layout)
{
    LoadedFrame result;
    result.fileName = fileName;
    const auto fail = [&result](TimeFrame::Error error) {
        result.error = std::move(error);
        return result;
    };

    const auto bytes = TimeFrame::readFileBytes(fileName);
    if (!bytes)
        return fail(bytes.error());
    const auto guess = TimeFrame::guessLayout(*bytes);
    if (!guess)
        return fail(guess.error());
    auto view = TimeFrame::FrameView::index(*bytes, layout.value_or(guess->layout));
    if (!view)
        return fail(view.error());

    result.view = std::move(view).value();
    result.guess = *guess;
    if (layout && *layout != guess->layout) {
        result.guess.layout = *layout;
        result.guess.certain = true;
        result.guess.reason = QCoreApplication::translate("LoadedFrame", "chosen when importing");
    }
    result.ok = true;
    return result;
}
