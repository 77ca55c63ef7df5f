// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QStringView>

namespace Engine {

// The channel-id rule, the one place it is written: 1 to kMaxChannelIdBytes bytes of UTF-8,
// no control character (C0, DEL, C1). The engine checks every new channel with it; the server
// checks a request's ids with it before decoding the rest.
inline constexpr qsizetype kMaxChannelIdBytes = 128;

enum class ChannelIdProblem { None, Empty, TooLong, NotUtf8, ControlCharacter };

ChannelIdProblem checkChannelId(QByteArrayView utf8Id);
ChannelIdProblem checkChannelId(QStringView id);

} // namespace Engine
