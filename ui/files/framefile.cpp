// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/framefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QStringDecoder>

namespace {

// What a file that is not a TimeFrame looks like, from its first bytes: "JSON", "CSV", "text",
// or empty where it looks like none of them (binary data, or a TimeFrame of another version).
QString lookalike(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 kSniffBytes = 4096;
    const QByteArray head = file.read(kSniffBytes);
    const bool whole = file.atEnd();
    if (head.isEmpty() || head.contains('\0'))
        return {};
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(head);
    // A cut in the middle of a character at the end of the sample is not an error.
    if (utf8.hasError() && whole)
        return {};
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\r' && c != u'\t')
            return {};
    }
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u'{') || trimmed.startsWith(u'[')) {
        if (!whole || !QJsonDocument::fromJson(head).isNull())
            return QCoreApplication::translate("LoadedFrame", "JSON");
    }
    const QString firstLine = trimmed.section(u'\n', 0, 0);
    if (firstLine.contains(u',') || firstLine.contains(u';') || firstLine.contains(u'\t'))
        return QCoreApplication::translate("LoadedFrame", "CSV");
    return QCoreApplication::translate("LoadedFrame", "text");
}

} // namespace

LoadedFrame loadFrameFile(const QString &fileName, std::optional<TimeFrame::Layout> layout)
{
    LoadedFrame result;
    result.fileName = fileName;
    const auto fail = [&result](TimeFrame::Error error) {
        result.error = std::move(error);
        return result;
    };

    const auto bytes = TimeFrame::readFileBytes(fileName);
    if (!bytes) {
        // Text read as a header gives a "version" such as 31498 ("{\n"): say what the file is.
        if (bytes.error().code == TimeFrame::ErrorCode::UnsupportedVersion
            || bytes.error().code == TimeFrame::ErrorCode::HeaderTruncated
            || bytes.error().code == TimeFrame::ErrorCode::SectionTruncated
            || bytes.error().code == TimeFrame::ErrorCode::SizeOverflow) {
            const QString looks = lookalike(fileName);
            if (!looks.isEmpty())
                return fail({bytes.error().code, -1,
                             QCoreApplication::translate(
                                 "LoadedFrame", "it is not a TimeFrame file; it looks like %1.")
                                 .arg(looks)});
        }
        return fail(bytes.error());
    }
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
