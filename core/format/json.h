// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <optional>

// Small, allocation-free JSON pieces for the hot paths (the HTTP API, the ingest of other
// protocols), where building a QJsonDocument per request or per event would cost more than the
// rest of the work.
namespace Json {

// Appends a JSON string literal (with quotes) for UTF-8 text.
void appendString(QByteArray &out, QByteArrayView utf8);
void appendString(QByteArray &out, QStringView text);
void appendNumber(QByteArray &out, qint64 value);

// True where the bytes are exactly one JSON value (RFC 8259, any type at the top, surrounding
// whitespace allowed) in valid UTF-8, nested at most 256 deep.
bool isValid(QByteArrayView text);

// The bytes of the value of the member `key` of a top-level JSON object, exactly as they stand
// in `object` (the last one where the key repeats); nullopt where `object` is not a valid JSON
// object (as isValid()) or has no such member.
std::optional<QByteArrayView> rawMember(QByteArrayView object, QStringView key);

// JSON types (format/contenttype.h says which): bodies of such channels must parse.
bool isJsonType(QByteArrayView mimeType);
bool isJsonType(QStringView mimeType);

// {"error":"...","detail":"..."}
QByteArray error(QByteArrayView code, QStringView detail);

} // namespace Json
