// SPDX-License-Identifier: GPL-3.0-or-later
#include "framefile.h"

LoadedFrame loadFrameFile(const QString &fileName)
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
    auto view = TimeFrame::FrameView::index(*bytes, guess->layout);
    if (!view)
        return fail(view.error());

    result.view = std::move(view).value();
    result.guess = *guess;
    result.ok = true;
    return result;
}
