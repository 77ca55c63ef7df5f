// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QStringView>

// What a channel's content type says about its payloads: JSON, other text, or bytes. The one
// rule for the server (which bodies must parse), the charts (which channels have numeric
// leaves), the exporter, the item preview and the workspace's log. Types are compared without
// case and without parameters, so "Application/JSON; charset=utf-8" is JSON, as RFC 9110 reads
// it; a frame written by another server keeps the producer's type exactly as sent.
namespace ContentType {

enum class Kind {
    Json, // application/json and any structured "+json" type (RFC 6839)
    Text, // text/*, application/xml and any "+xml" type
    Binary, // everything else, the empty type included
};

Kind kind(QStringView type);
Kind kind(QByteArrayView type);

inline bool isJson(QStringView type)
{
    return kind(type) == Kind::Json;
}
inline bool isJson(QByteArrayView type)
{
    return kind(type) == Kind::Json;
}
// JSON or other text: shown as characters rather than bytes.
inline bool isText(QStringView type)
{
    return kind(type) != Kind::Binary;
}

} // namespace ContentType
