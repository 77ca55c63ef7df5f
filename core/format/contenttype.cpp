// SPDX-License-Identifier: GPL-3.0-or-later
#include "contenttype.h"

#include <QLatin1StringView>

using namespace Qt::StringLiterals;

namespace ContentType {

namespace {

// One rule for both spellings of a type (the server reads bytes, the window strings), without
// an allocation: the server asks it for every event it is posted.
template<typename View> Kind kindOf(View type)
{
    // The media type is what stands before the first parameter, without surrounding blanks.
    const qsizetype semicolon = type.indexOf(u';');
    const View media = (semicolon < 0 ? type : type.first(semicolon)).trimmed();
    const qsizetype slash = media.indexOf(u'/');
    if (slash <= 0 || slash == media.size() - 1)
        return Kind::Binary;
    const View top = media.first(slash);
    const View sub = media.sliced(slash + 1);
    const auto is = [](View part, QLatin1StringView word) {
        return part.compare(word, Qt::CaseInsensitive) == 0;
    };
    const auto hasSuffix = [](View part, QLatin1StringView suffix) {
        return part.size() > suffix.size() && part.endsWith(suffix, Qt::CaseInsensitive);
    };
    if ((is(top, "application"_L1) && is(sub, "json"_L1)) || hasSuffix(sub, "+json"_L1))
        return Kind::Json;
    if (is(top, "text"_L1) || (is(top, "application"_L1) && is(sub, "xml"_L1))
        || hasSuffix(sub, "+xml"_L1))
        return Kind::Text;
    return Kind::Binary;
}

} // namespace

Kind kind(QStringView type)
{
    return kindOf(type);
}

Kind kind(QByteArrayView type)
{
    return kindOf(QLatin1StringView(type));
}

} // namespace ContentType
