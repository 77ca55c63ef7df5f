// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelid.h"

#include <QString>

namespace Engine {

ChannelIdProblem checkChannelId(QStringView id)
{
    if (id.isEmpty())
        return ChannelIdProblem::Empty;
    if (!id.isValidUtf16()) // a lone surrogate has no UTF-8 form
        return ChannelIdProblem::NotUtf8;
    qsizetype utf8Bytes = 0;
    for (const QChar c : id) {
        if (c.category() == QChar::Other_Control)
            return ChannelIdProblem::ControlCharacter;
        // A surrogate pair is 4 bytes of UTF-8: count 2 for each half.
        const char16_t u = c.unicode();
        utf8Bytes += u < 0x80 ? 1 : (u < 0x800 || c.isSurrogate()) ? 2 : 3;
    }
    return utf8Bytes <= kMaxChannelIdBytes ? ChannelIdProblem::None : ChannelIdProblem::TooLong;
}

ChannelIdProblem checkChannelId(QByteArrayView utf8Id)
{
    if (utf8Id.isEmpty())
        return ChannelIdProblem::Empty;
    if (utf8Id.size() > kMaxChannelIdBytes)
        return ChannelIdProblem::TooLong;
    for (const char c : utf8Id) {
        if (uchar(c) < 0x20 || uchar(c) == 0x7f)
            return ChannelIdProblem::ControlCharacter;
    }
    if (!utf8Id.isValidUtf8())
        return ChannelIdProblem::NotUtf8;
    return checkChannelId(QString::fromUtf8(utf8Id));
}

} // namespace Engine
