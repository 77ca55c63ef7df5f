// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytes_p.h"
#include "parser_p.h"

#include <QCoreApplication>

#include <limits>

namespace TimeFrame::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimeFrame", text);
}

struct Field
{
    qint64 offset;
    qint64 size;
    const char *name;
};

constexpr Field kHeaderFields[] = {
    {0, 2, QT_TRANSLATE_NOOP("TimeFrame", "version")},
    {2, 4, QT_TRANSLATE_NOOP("TimeFrame", "metadata size")},
    {6, 8, QT_TRANSLATE_NOOP("TimeFrame", "data size")},
    {14, 8, QT_TRANSLATE_NOOP("TimeFrame", "start timestamp")},
    {22, 8, QT_TRANSLATE_NOOP("TimeFrame", "end timestamp")},
};

} // namespace

Error headerTruncated(qint64 available)
{
    for (const Field &field : kHeaderFields) {
        if (available < field.offset + field.size) {
            return Error {ErrorCode::HeaderTruncated, field.offset,
                          tr("the file ends inside the header's %1 field: %2 bytes where the "
                             "header needs %3")
                              .arg(tr(field.name))
                              .arg(available)
                              .arg(kHeaderSize)};
        }
    }
    Q_UNREACHABLE();
}

namespace {

Error truncatedAt(qint64 offset, const QString &what, qint64 available)
{
    return Error {ErrorCode::SectionTruncated, offset,
                  tr("the file ends inside %1, which starts at byte %2; only %3 bytes are present")
                      .arg(what)
                      .arg(offset)
                      .arg(available)};
}

// Finds the first field the end of the bytes cuts, for a precise message. The header's sizes
// are already known to be sane, and available < the declared total.
Error describeTruncation(QByteArrayView bytes, const Header &header)
{
    const qint64 available = bytes.size();
    const qint64 metaEnd = kHeaderSize + qint64(header.metadataSize);
    qint64 pos = kHeaderSize;
    int record = 0;
    while (pos < metaEnd) {
        const QString name = tr("metadata record %1").arg(record);
        if (available < pos + 8)
            return truncatedAt(pos, tr("the data offset of %1").arg(name), available);
        if (available < pos + 12)
            return truncatedAt(pos + 8, tr("the first string size of %1").arg(name), available);
        if (available < pos + 16)
            return truncatedAt(pos + 12, tr("the second string size of %1").arg(name), available);
        const qint64 first = readBig<quint32>(bytes.data() + pos + 8);
        const qint64 second = readBig<quint32>(bytes.data() + pos + 12);
        if (available < pos + 16 + first)
            return truncatedAt(pos + 16, tr("the first string of %1").arg(name), available);
        if (available < pos + 16 + first + second) {
            return truncatedAt(pos + 16 + first, tr("the second string of %1").arg(name),
                               available);
        }
        pos += 16 + first + second;
        ++record;
    }
    if (available < metaEnd)
        return truncatedAt(available, tr("the metadata section"), available);

    pos = metaEnd;
    const qint64 dataEnd = metaEnd + qint64(header.dataSize);
    qint64 item = 0;
    while (pos < dataEnd) {
        const QString name = tr("item %1 of the data section").arg(item);
        if (available < pos + 8)
            return truncatedAt(pos, tr("the timestamp of %1").arg(name), available);
        if (available < pos + 16)
            return truncatedAt(pos + 8, tr("the data size of %1").arg(name), available);
        const quint64 size = readBig<quint64>(bytes.data() + pos + 8);
        if (size > quint64(available - pos - 16))
            return truncatedAt(pos + 16, tr("the record data of %1").arg(name), available);
        pos += 16 + qint64(size);
        ++item;
    }
    return truncatedAt(available, tr("the data section"), available);
}

} // namespace

Result<Header> checkHeader(QByteArrayView bytes)
{
    auto header = parseHeader(bytes, bytes.size());
    if (!header && header.error().code == ErrorCode::SectionTruncated)
        return describeTruncation(bytes, parseHeader(bytes, -1).value());
    return header;
}

Result<std::vector<RawRecord>> parseRecords(QByteArrayView bytes, const Header &header)
{
    std::vector<RawRecord> records;
    const qint64 end = kHeaderSize + qint64(header.metadataSize);
    qint64 pos = kHeaderSize;
    while (pos < end) {
        const qint64 left = end - pos;
        if (left < kRecordFixedSize) {
            const char *field = left < 8 ? QT_TRANSLATE_NOOP("TimeFrame", "data offset")
                : left < 12              ? QT_TRANSLATE_NOOP("TimeFrame", "first string size")
                                         : QT_TRANSLATE_NOOP("TimeFrame", "second string size");
            const qint64 fieldOffset = pos + (left < 8 ? 0 : left < 12 ? 8 : 12);
            return Error {ErrorCode::RecordTruncated, fieldOffset,
                          tr("the metadata section ends inside the %1 of record %2: %3 bytes left "
                             "where a record needs at least %4")
                              .arg(tr(field))
                              .arg(records.size())
                              .arg(left)
                              .arg(kRecordFixedSize)};
        }
        RawRecord record;
        record.recordOffset = pos;
        record.dataOffset = readBig<quint64>(bytes.data() + pos);
        const qint64 firstSize = readBig<quint32>(bytes.data() + pos + 8);
        const qint64 secondSize = readBig<quint32>(bytes.data() + pos + 12);
        const qint64 strings = left - kRecordFixedSize;
        if (firstSize > strings) {
            return Error {ErrorCode::StringOutOfBounds, pos + 8,
                          tr("record %1's first string claims %2 bytes but only %3 remain in the "
                             "metadata section")
                              .arg(records.size())
                              .arg(firstSize)
                              .arg(strings)};
        }
        if (secondSize > strings - firstSize) {
            return Error {ErrorCode::StringOutOfBounds, pos + 12,
                          tr("record %1's second string claims %2 bytes but only %3 remain in the "
                             "metadata section")
                              .arg(records.size())
                              .arg(secondSize)
                              .arg(strings - firstSize)};
        }
        record.first = RawString {pos + kRecordFixedSize, firstSize};
        record.second = RawString {pos + kRecordFixedSize + firstSize, secondSize};
        records.push_back(record);
        pos += kRecordFixedSize + firstSize + secondSize;
    }
    return records;
}

LayoutGuess guessFromRecords(const std::vector<RawRecord> &records, QByteArrayView bytes)
{
    int documented = 0; // first string looks like a type, second does not
    int reference = 0; // second string looks like a type, first does not
    for (const RawRecord &record : records) {
        const bool firstMime =
            looksLikeMimeType(bytes.data() + record.first.offset, record.first.size);
        const bool secondMime =
            looksLikeMimeType(bytes.data() + record.second.offset, record.second.size);
        if (firstMime && !secondMime)
            ++documented;
        else if (secondMime && !firstMime)
            ++reference;
    }

    LayoutGuess guess;
    if (documented == 0 && reference == 0) {
        guess.layout = Layout::Documented;
        guess.certain = false;
        guess.reason = records.empty()
            ? tr("The frame has no channels; the documented layout was assumed.")
            : tr("No channel record tells the layouts apart; the documented layout was "
                 "assumed.");
    } else if (documented >= reference) {
        guess.layout = Layout::Documented;
        guess.certain = reference == 0;
        guess.reason = tr("In %1 of %2 channel records the type comes first, as in the "
                          "documented layout.")
                           .arg(documented)
                           .arg(records.size());
    } else {
        guess.layout = Layout::Reference;
        guess.certain = documented == 0;
        guess.reason = tr("In %1 of %2 channel records the id comes first, as in the reference "
                          "layout.")
                           .arg(reference)
                           .arg(records.size());
    }
    return guess;
}

namespace {

bool isRestrictedNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!'
        || c == '#' || c == '$' || c == '&' || c == '-' || c == '^' || c == '_' || c == '.'
        || c == '+';
}

bool isAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Consumes one restricted name (1 to 127 characters, starting with a letter or digit).
qsizetype restrictedName(const char *data, qsizetype size)
{
    if (size == 0 || !isAlnum(data[0]))
        return 0;
    qsizetype n = 1;
    while (n < size && isRestrictedNameChar(data[n]))
        ++n;
    return n <= 127 ? n : 0;
}

} // namespace

bool looksLikeMimeType(const char *data, qsizetype size)
{
    const qsizetype type = restrictedName(data, size);
    if (type == 0 || type >= size || data[type] != '/')
        return false;
    const qsizetype subtype = restrictedName(data + type + 1, size - type - 1);
    if (subtype == 0)
        return false;
    qsizetype pos = type + 1 + subtype;
    while (pos < size && (data[pos] == ' ' || data[pos] == '\t'))
        ++pos;
    return pos == size || data[pos] == ';';
}

} // namespace TimeFrame::detail
