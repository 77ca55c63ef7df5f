// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineprotocol.h"

#include "engine/channelid.h"
#include "format/json.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ingest::LineProtocol {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ingest::LineProtocol", text);
}

// The characters a backslash escapes in each part of a line (a backslash before any other
// character is a backslash). Two backslashes are one, as InfluxDB's documentation says.
constexpr QByteArrayView kMeasurementSpecials = ", \\";
constexpr QByteArrayView kKeySpecials = ",= \\";

QByteArray unescape(QByteArrayView raw, QByteArrayView specials)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && specials.contains(raw[i + 1]))
            ++i;
        out.append(raw[i]);
    }
    return out;
}

void appendEscaped(QByteArray &out, QByteArrayView text, QByteArrayView specials)
{
    for (char c : text) {
        if (specials.contains(c))
            out.append('\\');
        out.append(c);
    }
}

struct Tag
{
    QByteArrayView key; // as written
    QByteArrayView value;
};

class Parser
{
public:
    Parser(QByteArrayView body, Precision precision, QList<Engine::Event> *out)
        : m_p(body.data())
        , m_end(body.data() + body.size())
        , m_precision(precision)
        , m_out(out)
        , m_type(channelType())
    { }

    std::optional<LineError> run()
    {
        const qsizetype before = m_out->size();
        while (m_p < m_end) {
            const qsizetype lineNumber = m_line;
            while (m_p < m_end && (*m_p == ' ' || *m_p == '\t'))
                ++m_p;
            if (m_p == m_end)
                break;
            if (atLineEnd()) {
                skipLineEnd();
                continue;
            }
            if (*m_p == '#') {
                while (m_p < m_end && *m_p != '\n')
                    ++m_p;
                skipLineEnd();
                continue;
            }
            if (!line()) {
                m_out->resize(before);
                return LineError {lineNumber, m_reason};
            }
        }
        return std::nullopt;
    }

private:
    // A line ends at a line feed, or at CR LF (the CR is not part of the line).
    bool atLineEnd() const
    {
        return m_p == m_end || *m_p == '\n' || (*m_p == '\r' && m_p + 1 < m_end && m_p[1] == '\n');
    }
    void skipLineEnd()
    {
        if (m_p < m_end && *m_p == '\r')
            ++m_p;
        if (m_p < m_end && *m_p == '\n') {
            ++m_p;
            ++m_line;
        }
    }
    bool fail(const QString &reason)
    {
        m_reason = reason;
        return false;
    }

    // Scans an escaped name up to an unescaped comma or space (and '=' where stopAtEquals) or
    // the line's end; *escaped says whether it holds a backslash.
    QByteArrayView name(bool stopAtEquals, bool *escaped)
    {
        const char *start = m_p;
        *escaped = false;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '\\') {
                *escaped = true;
                if (m_p + 1 < m_end && m_p[1] != '\n')
                    ++m_p;
                ++m_p;
                continue;
            }
            if (c == ',' || c == ' ' || c == '\n' || (stopAtEquals && c == '='))
                break;
            ++m_p;
        }
        return QByteArrayView(start, m_p - start);
    }

    bool line()
    {
        const char *seriesStart = m_p;
        bool escaped = false;
        const QByteArrayView measurement = name(false, &escaped);
        bool anyEscape = escaped;
        if (measurement.isEmpty())
            return fail(tr("the measurement is missing"));
        bool tagsSorted = true;
        m_tags.clear();
        while (m_p < m_end && *m_p == ',') {
            ++m_p;
            const QByteArrayView key = name(true, &escaped);
            anyEscape |= escaped;
            if (key.isEmpty())
                return fail(tr("a tag key is missing"));
            if (m_p == m_end || *m_p != '=')
                return fail(tr("the tag \"%1\" has no value").arg(QString::fromUtf8(key)));
            ++m_p;
            const QByteArrayView value = name(true, &escaped);
            anyEscape |= escaped;
            if (m_p < m_end && *m_p == '=')
                return fail(tr("the value of the tag \"%1\" has an unescaped \"=\"")
                                .arg(QString::fromUtf8(key)));
            if (value.isEmpty())
                return fail(tr("the tag \"%1\" has no value").arg(QString::fromUtf8(key)));
            m_tags.append({key, value});
            if (m_tags.size() > 1 && !(m_tags[m_tags.size() - 2].key < m_tags.back().key))
                tagsSorted = false;
        }
        const QByteArrayView seriesRaw(seriesStart, m_p - seriesStart);
        if (m_p == m_end || *m_p != ' ')
            return fail(tr("the fields are missing"));
        while (m_p < m_end && *m_p == ' ')
            ++m_p;

        const QString *channel =
            m_channels.find(seriesRaw) != m_channels.end() ? &*m_channels.find(seriesRaw) : nullptr;
        if (!channel) {
            QString id;
            if (!seriesKey(measurement, anyEscape, tagsSorted, &id))
                return false;
            channel = &*m_channels.insert(seriesRaw, id);
        }

        if (!fields())
            return false;

        std::optional<qint64> timestamp;
        if (m_p < m_end && *m_p == ' ') {
            while (m_p < m_end && *m_p == ' ')
                ++m_p;
            if (!atLineEnd()) {
                qint64 ms = 0;
                if (!this->timestamp(&ms))
                    return false;
                timestamp = ms;
                while (m_p < m_end && *m_p == ' ')
                    ++m_p;
            }
        }
        if (!atLineEnd())
            return fail(tr("unexpected text after the timestamp"));
        skipLineEnd();

        m_out->append(Engine::Event {*channel, m_type, m_object, timestamp});
        return true;
    }

    // The canonical series key: measurement, then the tags sorted by key, escaped.
    bool seriesKey(QByteArrayView measurementRaw, bool anyEscape, bool tagsSorted, QString *id)
    {
        QList<std::pair<QByteArray, QByteArray>> tags;
        tags.reserve(m_tags.size());
        for (const Tag &tag : std::as_const(m_tags)) {
            if (anyEscape)
                tags.append({unescape(tag.key, kKeySpecials), unescape(tag.value, kKeySpecials)});
            else
                tags.append({tag.key.toByteArray(), tag.value.toByteArray()});
        }
        if (!tagsSorted || anyEscape) {
            std::sort(tags.begin(), tags.end(),
                      [](const auto &a, const auto &b) { return a.first < b.first; });
        }
        QByteArray key;
        appendEscaped(key,
                      anyEscape ? QByteArrayView(unescape(measurementRaw, kMeasurementSpecials))
                                : measurementRaw,
                      kMeasurementSpecials);
        for (qsizetype i = 0; i < tags.size(); ++i) {
            if (i > 0 && tags[i - 1].first == tags[i].first)
                return fail(
                    tr("the tag \"%1\" is given twice").arg(QString::fromUtf8(tags[i].first)));
            key.append(',');
            appendEscaped(key, tags[i].first, kKeySpecials);
            key.append('=');
            appendEscaped(key, tags[i].second, kKeySpecials);
        }
        switch (Engine::checkChannelId(QByteArrayView(key))) {
        case Engine::ChannelIdProblem::None:
            break;
        case Engine::ChannelIdProblem::Empty:
            return fail(tr("the measurement is missing"));
        case Engine::ChannelIdProblem::TooLong:
            return fail(tr("the series key is %1 bytes long; a channel id may be at most %2")
                            .arg(key.size())
                            .arg(Engine::kMaxChannelIdBytes));
        case Engine::ChannelIdProblem::NotUtf8:
            return fail(tr("the series key is not valid UTF-8"));
        case Engine::ChannelIdProblem::ControlCharacter:
            return fail(tr("the series key contains a control character"));
        }
        *id = QString::fromUtf8(key);
        return true;
    }

    bool fields()
    {
        m_object.clear();
        m_object.append('{');
        m_members.clear();
        for (;;) {
            const qsizetype memberStart = m_object.size();
            bool escaped = false;
            const QByteArrayView rawKey = name(true, &escaped);
            if (rawKey.isEmpty())
                return fail(tr("a field key is missing"));
            if (m_p == m_end || *m_p != '=')
                return fail(tr("the field \"%1\" has no value").arg(QString::fromUtf8(rawKey)));
            ++m_p;
            const QByteArray key = escaped ? unescape(rawKey, kKeySpecials) : QByteArray();
            const QByteArrayView keyText = escaped ? QByteArrayView(key) : rawKey;
            if (!keyText.isValidUtf8())
                return fail(tr("a field key is not valid UTF-8"));
            for (char c : keyText) {
                if (uchar(c) < 0x20 || uchar(c) == 0x7f)
                    return fail(tr("the field key \"%1\" contains a control character")
                                    .arg(QString::fromUtf8(keyText)));
            }
            if (memberStart > 1)
                m_object.append(',');
            const qsizetype keyStart = m_object.size();
            Json::appendString(m_object, keyText);
            const qsizetype keyEnd = m_object.size();
            m_object.append(':');
            if (!value(keyText))
                return false;
            m_members.append({memberStart, keyStart, keyEnd, m_object.size()});
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            break;
        }
        m_object.append('}');
        if (m_members.size() > 1)
            dropRepeatedKeys();
        return true;
    }

    // A field key given twice: the last value wins, where it stands.
    void dropRepeatedKeys()
    {
        auto keyOf = [this](const Member &m) {
            return QByteArrayView(m_object).sliced(m.keyStart, m.keyEnd - m.keyStart);
        };
        QVarLengthArray<bool, 16> dropped(m_members.size(), false);
        bool any = false;
        if (m_members.size() <= 16) {
            for (qsizetype i = 0; i < m_members.size(); ++i) {
                for (qsizetype j = i + 1; j < m_members.size() && !dropped[i]; ++j) {
                    if (keyOf(m_members[i]) == keyOf(m_members[j]))
                        dropped[i] = any = true;
                }
            }
        } else {
            QSet<QByteArrayView> later;
            for (qsizetype i = m_members.size() - 1; i >= 0; --i) {
                const QByteArrayView key = keyOf(m_members[i]);
                if (later.contains(key))
                    dropped[i] = any = true;
                else
                    later.insert(key);
            }
        }
        if (!any)
            return;
        QByteArray object;
        object.reserve(m_object.size());
        object.append('{');
        for (qsizetype i = 0; i < m_members.size(); ++i) {
            if (dropped[i])
                continue;
            const Member &m = m_members[i];
            if (object.size() > 1)
                object.append(',');
            object.append(QByteArrayView(m_object).sliced(m.keyStart, m.end - m.keyStart));
        }
        object.append('}');
        m_object = object;
    }

    bool value(QByteArrayView key)
    {
        if (m_p == m_end || *m_p == ' ' || *m_p == ',' || *m_p == '\n')
            return fail(tr("the field \"%1\" has no value").arg(QString::fromUtf8(key)));
        if (*m_p == '"')
            return string(key);
        const char *start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != ' ' && *m_p != '\n'
               && !(*m_p == '\r' && m_p + 1 < m_end && m_p[1] == '\n'))
            ++m_p;
        const QByteArrayView token(start, m_p - start);
        auto bad = [&](const char *what) {
            return fail(
                QCoreApplication::translate("Ingest::LineProtocol", what)
                    .arg(QString::fromUtf8(key),
                         QString::fromUtf8(token.first(std::min<qsizetype>(64, token.size())))));
        };
        static constexpr QByteArrayView kTrue[] = {"t", "T", "true", "True", "TRUE"};
        static constexpr QByteArrayView kFalse[] = {"f", "F", "false", "False", "FALSE"};
        for (QByteArrayView word : kTrue) {
            if (token == word) {
                m_object.append("true");
                return true;
            }
        }
        for (QByteArrayView word : kFalse) {
            if (token == word) {
                m_object.append("false");
                return true;
            }
        }
        const char last = token.back();
        char buffer[32];
        if (last == 'i' || last == 'u') {
            const QByteArrayView digits = token.chopped(1);
            std::to_chars_result written;
            std::from_chars_result read;
            if (last == 'i') {
                qint64 v = 0;
                read = std::from_chars(digits.begin(), digits.end(), v);
                written = std::to_chars(buffer, buffer + sizeof buffer, v);
            } else {
                quint64 v = 0;
                read = std::from_chars(digits.begin(), digits.end(), v);
                written = std::to_chars(buffer, buffer + sizeof buffer, v);
            }
            if (digits.isEmpty() || read.ptr != digits.end()
                || read.ec == std::errc::invalid_argument)
                return bad(last == 'i' ? QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                                           "the field \"%1\" is not an integer: %2")
                                       : QT_TRANSLATE_NOOP(
                                           "Ingest::LineProtocol",
                                           "the field \"%1\" is not an unsigned integer: %2"));
            if (read.ec == std::errc::result_out_of_range)
                return bad(
                    last == 'i'
                        ? QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                            "the integer field \"%1\" is out of range: %2")
                        : QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                            "the unsigned field \"%1\" is out of range: %2"));
            m_object.append(buffer, written.ptr - buffer);
            return true;
        }
        // A float: digits with an optional sign, point and exponent; no "inf", "nan" or hex.
        const qsizetype signLength = token.front() == '-' ? 1 : 0;
        if (token.size() == signLength
            || !((token[signLength] >= '0' && token[signLength] <= '9')
                 || token[signLength] == '.'))
            return bad(QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                         "the field \"%1\" has an invalid value: %2"));
        double v = 0;
        const std::from_chars_result read = std::from_chars(token.begin(), token.end(), v);
        if (read.ptr != token.end() || read.ec == std::errc::invalid_argument)
            return bad(QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                         "the field \"%1\" has an invalid value: %2"));
        if (read.ec == std::errc::result_out_of_range || !std::isfinite(v))
            return bad(QT_TRANSLATE_NOOP("Ingest::LineProtocol",
                                         "the float field \"%1\" is out of range: %2"));
        if (!appendPlainDecimal(token)) {
            const std::to_chars_result written = std::to_chars(buffer, buffer + sizeof buffer, v);
            m_object.append(buffer, written.ptr - buffer);
        }
        return true;
    }

    // A float written as plain decimal digits with at most 15 significant ones (12.5, -0.25,
    // 3.) is its own shortest round-trip form once written as JSON wants it (no leading zeros,
    // no trailing point or zeros): two such decimals are never the same double, so no shorter
    // one reads back as this one. Saves std::to_chars for the common case. False: not such a
    // decimal, nothing appended.
    bool appendPlainDecimal(QByteArrayView token)
    {
        const char *p = token.begin();
        const char *end = token.end();
        const bool negative = *p == '-';
        if (negative)
            ++p;
        const char *intStart = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        const char *intEnd = p;
        const char *fracStart = end;
        const char *fracEnd = end;
        if (p < end) {
            if (*p != '.')
                return false; // an exponent
            fracStart = ++p;
            while (p < end && *p >= '0' && *p <= '9')
                ++p;
            if (p != end)
                return false;
            fracEnd = end;
            while (fracEnd > fracStart && fracEnd[-1] == '0')
                --fracEnd;
        }
        while (intStart < intEnd && *intStart == '0')
            ++intStart;
        // Significant digits: from the first non-zero one to the last.
        qsizetype significant = (intEnd - intStart) + (fracEnd - fracStart);
        if (intStart == intEnd) {
            for (const char *q = fracStart; q < fracEnd && *q == '0'; ++q)
                --significant;
        }
        if (significant > 15)
            return false;
        char out[48];
        char *o = out;
        if (negative)
            *o++ = '-';
        if (intStart == intEnd)
            *o++ = '0';
        for (const char *q = intStart; q < intEnd; ++q)
            *o++ = *q;
        if (fracEnd > fracStart) {
            if (o - out + (fracEnd - fracStart) + 1 > qsizetype(sizeof out))
                return false;
            *o++ = '.';
            for (const char *q = fracStart; q < fracEnd; ++q)
                *o++ = *q;
        }
        m_object.append(out, o - out);
        return true;
    }

    bool string(QByteArrayView key)
    {
        ++m_p; // the opening quote
        m_text.clear();
        const char *plain = m_p;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                m_text.append(plain, m_p - plain);
                ++m_p;
                if (!QByteArrayView(m_text).isValidUtf8())
                    return fail(tr("the string field \"%1\" is not valid UTF-8")
                                    .arg(QString::fromUtf8(key)));
                Json::appendString(m_object, QByteArrayView(m_text));
                return true;
            }
            if (c == '\\' && m_p + 1 < m_end && (m_p[1] == '"' || m_p[1] == '\\')) {
                m_text.append(plain, m_p - plain);
                m_text.append(m_p[1]);
                m_p += 2;
                plain = m_p;
                continue;
            }
            if (c == '\n')
                ++m_line; // a string may span lines
            ++m_p;
        }
        return fail(tr("the string field \"%1\" has no closing quote").arg(QString::fromUtf8(key)));
    }

    bool timestamp(qint64 *ms)
    {
        const char *start = m_p;
        while (m_p < m_end && *m_p != ' ' && *m_p != '\n' && *m_p != '\r')
            ++m_p;
        const QByteArrayView token(start, m_p - start);
        qint64 t = 0;
        const std::from_chars_result read = std::from_chars(token.begin(), token.end(), t);
        if (token.isEmpty() || token.front() == '+' || read.ptr != token.end()
            || read.ec != std::errc())
            return fail(
                tr("the timestamp is not a 64-bit integer: %1")
                    .arg(QString::fromUtf8(token.first(std::min<qsizetype>(64, token.size())))));
        auto floorDiv = [](qint64 a, qint64 b) {
            qint64 q = a / b;
            if (a % b != 0 && a < 0)
                --q;
            return q;
        };
        qint64 factor = 1;
        switch (m_precision) {
        case Precision::Nanoseconds:
            *ms = floorDiv(t, 1'000'000);
            return true;
        case Precision::Microseconds:
            *ms = floorDiv(t, 1'000);
            return true;
        case Precision::Milliseconds:
            *ms = t;
            return true;
        case Precision::Seconds:
            factor = 1'000;
            break;
        case Precision::Minutes:
            factor = 60'000;
            break;
        case Precision::Hours:
            factor = 3'600'000;
            break;
        }
        if (__builtin_mul_overflow(t, factor, ms))
            return fail(tr("the timestamp %1 is out of range").arg(t));
        return true;
    }

    struct Member
    {
        qsizetype start; // where its "," or the key begins in m_object
        qsizetype keyStart;
        qsizetype keyEnd;
        qsizetype end;
    };

    const char *m_p;
    const char *m_end;
    Precision m_precision;
    QList<Engine::Event> *m_out;
    const QString m_type;
    qsizetype m_line = 1;
    QString m_reason;
    QList<Tag> m_tags;
    QByteArray m_object;
    QByteArray m_text;
    QVarLengthArray<Member, 16> m_members;
    // Series keys as written in this body, and the channel each names.
    QHash<QByteArrayView, QString> m_channels;
};

} // namespace

std::optional<Precision> precisionV2(QByteArrayView name)
{
    if (name == "ns")
        return Precision::Nanoseconds;
    if (name == "us")
        return Precision::Microseconds;
    if (name == "ms")
        return Precision::Milliseconds;
    if (name == "s")
        return Precision::Seconds;
    return std::nullopt;
}

std::optional<Precision> precisionV1(QByteArrayView name)
{
    if (name == "n" || name == "ns")
        return Precision::Nanoseconds;
    if (name == "u")
        return Precision::Microseconds;
    if (name == "ms")
        return Precision::Milliseconds;
    if (name == "s")
        return Precision::Seconds;
    if (name == "m")
        return Precision::Minutes;
    if (name == "h")
        return Precision::Hours;
    return std::nullopt;
}

QString LineError::message() const
{
    return tr("line %1: %2").arg(line).arg(reason);
}

QString channelType()
{
    static const QString type = u"application/json"_s;
    return type;
}

std::optional<LineError> parse(QByteArrayView body, Precision precision, QList<Engine::Event> *out)
{
    return Parser(body, precision, out).run();
}

} // namespace Ingest::LineProtocol
