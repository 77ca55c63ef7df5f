// SPDX-License-Identifier: GPL-3.0-or-later
#include "json.h"

#include "format/contenttype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

namespace Json {

namespace {

constexpr int kMaxDepth = 256;

class Validator
{
public:
    // members: where given, the raw key (quotes included) and value of each member of a
    // top-level object, in order.
    explicit Validator(QByteArrayView text,
                       QList<std::pair<QByteArrayView, QByteArrayView>> *members = nullptr)
        : m_p(reinterpret_cast<const uchar *>(text.data()))
        , m_end(m_p + text.size())
        , m_members(members)
    { }

    bool document()
    {
        whitespace();
        if (!value(0))
            return false;
        whitespace();
        return m_p == m_end;
    }

private:
    void whitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word)
    {
        for (; *word; ++word, ++m_p) {
            if (m_p == m_end || *m_p != uchar(*word))
                return false;
        }
        return true;
    }

    bool digits()
    {
        const uchar *start = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        return m_p > start;
    }

    bool number()
    {
        if (*m_p == '-')
            ++m_p;
        if (m_p == m_end)
            return false;
        if (*m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
        }
        return true;
    }

    static bool isHex(uchar c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    bool string()
    {
        ++m_p; // opening quote
        while (m_p < m_end) {
            const uchar c = *m_p;
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                ++m_p;
                if (m_p == m_end)
                    return false;
                const uchar e = *m_p++;
                if (e == 'u') {
                    for (int i = 0; i < 4; ++i, ++m_p) {
                        if (m_p == m_end || !isHex(*m_p))
                            return false;
                    }
                } else if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                             || e == 'r' || e == 't')) {
                    return false;
                }
            } else {
                ++m_p; // bytes >= 0x80: the whole text is valid UTF-8 (isValid())
            }
        }
        return false;
    }

    bool value(int depth)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '{':
            return depth < kMaxDepth && object(depth + 1);
        case '[':
            return depth < kMaxDepth && array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool object(int depth)
    {
        ++m_p;
        whitespace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            const uchar *key = m_p;
            if (m_p == m_end || *m_p != '"' || !string())
                return false;
            const uchar *keyEnd = m_p;
            whitespace();
            if (m_p == m_end || *m_p != ':')
                return false;
            ++m_p;
            whitespace();
            const uchar *valueStart = m_p;
            if (!value(depth))
                return false;
            if (m_members && depth == 1)
                m_members->append({span(key, keyEnd), span(valueStart, m_p)});
            whitespace();
            if (m_p == m_end)
                return false;
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
            whitespace();
        }
    }

    bool array(int depth)
    {
        ++m_p;
        whitespace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (!value(depth))
                return false;
            whitespace();
            if (m_p == m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
            whitespace();
        }
    }

    static QByteArrayView span(const uchar *begin, const uchar *end)
    {
        return QByteArrayView(reinterpret_cast<const char *>(begin), end - begin);
    }

    const uchar *m_p;
    const uchar *m_end;
    QList<std::pair<QByteArrayView, QByteArrayView>> *m_members;
};

} // namespace

void appendString(QByteArray &out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    qsizetype plainStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        out.append(utf8.sliced(plainStart, i - plainStart));
        plainStart = i + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(utf8.sliced(plainStart));
    out.append('"');
}

void appendString(QByteArray &out, QStringView text)
{
    appendString(out, QByteArrayView(text.toUtf8()));
}

void appendNumber(QByteArray &out, qint64 value)
{
    char buffer[24];
    char *end = buffer + sizeof buffer;
    char *p = end;
    const bool negative = value < 0;
    quint64 v = negative ? 0 - quint64(value) : quint64(value);
    do {
        *--p = char('0' + v % 10);
        v /= 10;
    } while (v);
    if (negative)
        *--p = '-';
    out.append(p, end - p);
}

bool isValid(QByteArrayView text)
{
    return text.isValidUtf8() && Validator(text).document();
}

std::optional<QByteArrayView> rawMember(QByteArrayView object, QStringView key)
{
    QList<std::pair<QByteArrayView, QByteArrayView>> members;
    if (!object.isValidUtf8() || !Validator(object, &members).document())
        return std::nullopt;
    std::optional<QByteArrayView> found;
    const QByteArray plain = '"' + key.toUtf8() + '"';
    for (const auto &[rawKey, value] : members) {
        // A key with escapes is compared as the text it stands for.
        const bool same = rawKey.contains('\\')
            ? QJsonDocument::fromJson('[' + rawKey.toByteArray() + ']').array().at(0).toString()
                == key
            : rawKey == plain;
        if (same)
            found = value; // the last one, as QJsonDocument keeps it
    }
    return found;
}

bool isJsonType(QByteArrayView mimeType)
{
    return ContentType::isJson(mimeType);
}

bool isJsonType(QStringView mimeType)
{
    return ContentType::isJson(mimeType);
}

QByteArray error(QByteArrayView code, QStringView detail)
{
    QByteArray out;
    out.reserve(32 + code.size() + detail.size());
    out.append("{\"error\":");
    appendString(out, code);
    out.append(",\"detail\":");
    appendString(out, detail);
    out.append('}');
    return out;
}

} // namespace Json
