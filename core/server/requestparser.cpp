// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestparser.h"

#include "router.h"

#include <QCoreApplication>

#include <cstring>

namespace Server {

namespace {

constexpr qsizetype kMaxChunkLine = 1024; // a chunk size with extensions
constexpr int kMaxContentLengthDigits = 18;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

QByteArrayView withoutCr(QByteArrayView line)
{
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    return line;
}

// Digits only, no sign, no spaces: anything else in a Content-Length is refused.
qint64 parseDecimal(QByteArrayView v)
{
    if (v.size() > kMaxContentLengthDigits || v.startsWith('-'))
        return -1;
    return parseInteger(v).value_or(-1);
}

// Hex digits only, at most 15 (so that sizes add up without overflow).
qint64 parseHex(QByteArrayView v)
{
    if (v.size() > 15 || v.startsWith('-'))
        return -1;
    return parseInteger(v, 16).value_or(-1);
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView item = trimmed(comma < 0 ? list : list.first(comma));
        if (item.compare(token, Qt::CaseInsensitive) == 0)
            return true;
        if (comma < 0)
            break;
        list = list.sliced(comma + 1);
    }
    return false;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Server::RequestParser", text);
}

} // namespace

RequestParser::Result RequestParser::fail(int status, const char *error, const QString &detail)
{
    m_state = State::Failed;
    m_failure.status = status;
    m_failure.error = error;
    m_failure.detail = detail;
    return Result::Failed;
}

HttpRequest RequestParser::takeRequest()
{
    m_state = State::Idle;
    return std::exchange(m_request, HttpRequest {});
}

RequestParser::Result RequestParser::parse(QByteArrayView input, qsizetype *consumed)
{
    qsizetype base = 0;
    auto consume = [&](qsizetype n) {
        base += n;
        input = input.sliced(n);
    };
    auto needMore = [&]() {
        *consumed = base;
        return Result::NeedMore;
    };

    for (;;) {
        switch (m_state) {
        case State::Idle: {
            // RFC 9112, 2.2: empty lines before a request line are ignored.
            qsizetype skip = 0;
            while (skip < input.size() && (input[skip] == '\r' || input[skip] == '\n'))
                ++skip;
            consume(skip);
            if (input.isEmpty())
                return needMore();
            m_request = HttpRequest {};
            m_failure = Failure {};
            m_scanned = 0;
            m_lineStart = 0;
            m_lines = 0;
            m_chunked = false;
            m_chunkedTotal = 0;
            m_wantsContinue = false;
            m_trailerBytes = 0;
            m_trailers = 0;
            m_state = State::Head;
            break;
        }
        case State::Head: {
            // The head stays in the caller's buffer until its empty line arrives; only the
            // scan position moves, so each byte is looked at once.
            const char *data = input.data();
            qsizetype i = m_scanned;
            bool headDone = false;
            while (i < input.size()) {
                const void *nl = std::memchr(data + i, '\n', size_t(input.size() - i));
                if (!nl)
                    break;
                i = static_cast<const char *>(nl) - data;
                const qsizetype lineLength =
                    i - m_lineStart - (i > m_lineStart && data[i - 1] == '\r' ? 1 : 0);
                // Every check is made as soon as the bytes it concerns are there, in the same
                // order however the bytes were split into reads (tests/fuzz/fuzz_guard.cpp).
                if (m_lines == 0) {
                    if (lineLength > m_limits.maxRequestLine)
                        return fail(414, "request_line_too_long",
                                    tr("The request line is longer than %1 bytes.")
                                        .arg(m_limits.maxRequestLine));
                    if (const Result r = checkRequestLine(
                            input.first(m_lineStart + lineLength).sliced(m_lineStart));
                        r == Result::Failed)
                        return r;
                    m_headerStart = i + 1;
                } else if (i - m_headerStart > m_limits.maxHeaderBytes) {
                    return fail(431, "header_too_large",
                                tr("The request's header is larger than %1 bytes.")
                                    .arg(m_limits.maxHeaderBytes));
                } else if (lineLength == 0) {
                    const Result r = parseHead(input.first(i + 1));
                    consume(i + 1);
                    if (r == Result::Failed)
                        return r;
                    headDone = true;
                    break;
                } else if (m_lines > m_limits.maxHeaders) {
                    return fail(
                        431, "too_many_headers",
                        tr("The request has more than %1 header lines.").arg(m_limits.maxHeaders));
                }
                ++m_lines;
                m_lineStart = ++i;
            }
            if (headDone)
                break;
            m_scanned = input.size();
            if (m_lines == 0
                && input.size() - m_lineStart - (input.endsWith('\r') ? 1 : 0)
                    > m_limits.maxRequestLine)
                return fail(
                    414, "request_line_too_long",
                    tr("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLine));
            if (m_lines > 0 && input.size() - m_headerStart > m_limits.maxHeaderBytes)
                return fail(431, "header_too_large",
                            tr("The request's header is larger than %1 bytes.")
                                .arg(m_limits.maxHeaderBytes));
            return needMore();
        }
        case State::Body: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, input.size()));
            m_request.body.append(input.first(n));
            m_remaining -= n;
            consume(n);
            if (m_remaining > 0)
                return needMore();
            m_state = State::Complete;
            break;
        }
        case State::ChunkSize: {
            const qsizetype nl = input.indexOf('\n');
            if (nl < 0) {
                if (input.size() > kMaxChunkLine)
                    return fail(400, "bad_chunk", tr("A chunk-size line is too long."));
                return needMore();
            }
            if (nl > kMaxChunkLine)
                return fail(400, "bad_chunk", tr("A chunk-size line is too long."));
            QByteArrayView line = withoutCr(input.first(nl));
            if (const qsizetype semi = line.indexOf(';'); semi >= 0)
                line = line.first(semi);
            const qint64 size = parseHex(trimmed(line));
            if (size < 0)
                return fail(400, "bad_chunk", tr("A chunk size is not a hexadecimal number."));
            consume(nl + 1);
            if (size == 0) {
                m_state = State::Trailers;
                break;
            }
            if (m_chunkedTotal + size > m_limits.maxBody)
                return fail(413, "body_too_large",
                            tr("The body is larger than the limit of %1 bytes (--max-body).")
                                .arg(m_limits.maxBody));
            m_chunkedTotal += size;
            m_remaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, input.size()));
            m_request.body.append(input.first(n));
            m_remaining -= n;
            consume(n);
            if (m_remaining > 0)
                return needMore();
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            if (input.isEmpty())
                return needMore();
            if (input[0] == '\n') {
                consume(1);
            } else if (input[0] == '\r') {
                if (input.size() < 2)
                    return needMore();
                if (input[1] != '\n')
                    return fail(400, "bad_chunk", tr("A chunk does not end with CRLF."));
                consume(2);
            } else {
                return fail(400, "bad_chunk", tr("A chunk is longer than its size says."));
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            const qsizetype nl = input.indexOf('\n');
            if (nl < 0) {
                // What is there already, with the line feed still to come; nothing yet or a
                // lone CR may still be the empty line that ends the trailer.
                if (!input.isEmpty() && input != "\r"
                    && m_trailerBytes + input.size() + 1 > m_limits.maxHeaderBytes)
                    return fail(431, "header_too_large",
                                tr("The request's trailer is larger than %1 bytes.")
                                    .arg(m_limits.maxHeaderBytes));
                return needMore();
            }
            const QByteArrayView line = withoutCr(input.first(nl));
            consume(nl + 1);
            if (line.isEmpty()) {
                m_state = State::Complete;
                break;
            }
            m_trailerBytes += nl + 1;
            if (++m_trailers > m_limits.maxHeaders || m_trailerBytes > m_limits.maxHeaderBytes)
                return fail(431, "header_too_large", tr("The request's trailer is too large."));
            break;
        }
        case State::Complete:
            *consumed = base;
            return Result::Complete;
        case State::Failed:
            *consumed = base;
            return Result::Failed;
        }
    }
}

RequestParser::Result RequestParser::checkRequestLine(QByteArrayView line)
{
    if (!parseRequestLine(line))
        return fail(400, "bad_request_line",
                    tr("The request line is not \"METHOD /target HTTP/1.x\"."));
    if (m_request.minorVersion < 0)
        return fail(505, "http_version_not_supported",
                    tr("Only HTTP/1.0 and HTTP/1.1 are served."));
    return Result::NeedMore;
}

bool RequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0)
        return false;
    const qsizetype sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1)
        return false;
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method))
        return false;
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return false;
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || version[5] < '0'
        || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return false;
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    m_request.minorVersion = version[5] == '1' ? version[7] - '0' : -1 - (version[5] - '0');

    QByteArrayView path = target;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        // absolute-form (RFC 9112, 3.2.2): the path starts after the authority
        const qsizetype authority = target.indexOf("//") + 2;
        qsizetype end = authority;
        while (end < target.size() && target[end] != '/' && target[end] != '?')
            ++end;
        path = target.sliced(end);
    } else if (target != "*" && !target.startsWith('/')) {
        return false;
    }
    const qsizetype q = path.indexOf('?');
    m_request.path = (q < 0 ? path : path.first(q)).toByteArray();
    if (!m_request.path.startsWith('/') && m_request.path != "*")
        m_request.path.prepend('/');
    m_request.query = q < 0 ? QByteArray() : path.sliced(q + 1).toByteArray();
    return true;
}

RequestParser::Result RequestParser::parseHead(QByteArrayView head)
{
    // The request line was checked when it arrived (checkRequestLine()).
    qsizetype nl = head.indexOf('\n');
    const qsizetype headerBytes = head.size() - nl - 1;
    if (headerBytes > m_limits.maxHeaderBytes)
        return fail(
            431, "header_too_large",
            tr("The request's header is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));

    qint64 contentLength = -1;
    int hosts = 0;
    QByteArray transferEncoding;
    bool closeRequested = false;
    bool keepAliveRequested = false;
    QByteArrayView rest = head.sliced(nl + 1);
    m_request.headers.reserve(8);
    while (!rest.isEmpty()) {
        nl = rest.indexOf('\n');
        const QByteArrayView line = withoutCr(rest.first(nl));
        rest = rest.sliced(nl + 1);
        if (line.isEmpty())
            break;
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, "bad_header", tr("Folded header lines are not accepted."));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, "bad_header", tr("A header line is not \"Name: value\"."));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (char c : value) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
                return fail(400, "bad_header", tr("A header value contains a control character."));
        }
        QByteArray name = line.first(colon).toByteArray().toLower();
        if (name == "content-length") {
            const qint64 n = parseDecimal(value);
            if (n < 0 || (contentLength >= 0 && contentLength != n))
                return fail(400, "bad_content_length",
                            tr("The Content-Length is not one decimal number."));
            contentLength = n;
        } else if (name == "transfer-encoding") {
            if (!transferEncoding.isEmpty())
                transferEncoding += ',';
            transferEncoding += value;
        } else if (name == "host") {
            ++hosts;
        } else if (name == "connection") {
            closeRequested = closeRequested || containsToken(value, "close");
            keepAliveRequested = keepAliveRequested || containsToken(value, "keep-alive");
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return fail(417, "expectation_failed",
                            tr("Only \"Expect: 100-continue\" is understood."));
            m_wantsContinue = m_request.minorVersion >= 1;
        }
        m_request.headers.emplaceBack(std::move(name), value.toByteArray());
    }

    if (m_request.minorVersion >= 1 && hosts != 1)
        return fail(400, "bad_host", tr("An HTTP/1.1 request needs exactly one Host header."));
    m_request.keepAlive =
        m_request.minorVersion >= 1 ? !closeRequested : (keepAliveRequested && !closeRequested);

    if (!transferEncoding.isEmpty()) {
        if (contentLength >= 0 || m_request.minorVersion == 0)
            return fail(400, "bad_transfer_encoding",
                        tr("Transfer-Encoding is not accepted together with Content-Length or "
                           "over HTTP/1.0."));
        if (trimmed(transferEncoding).compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(501, "unsupported_transfer_encoding",
                        tr("Only the chunked transfer coding is understood."));
        m_chunked = true;
    }
    return startBody();
}

RequestParser::Result RequestParser::startBody()
{
    qint64 contentLength = -1;
    if (!m_chunked) {
        const QByteArray value = m_request.header("content-length");
        contentLength = value.isEmpty() ? 0 : parseDecimal(value);
    }
    if (contentLength > m_limits.maxBody) {
        m_wantsContinue = false;
        const Result r = fail(413, "body_too_large",
                              tr("The body of %1 bytes is larger than the limit of %2 bytes "
                                 "(--max-body).")
                                  .arg(contentLength)
                                  .arg(m_limits.maxBody));
        m_failure.unreadBodyBytes = contentLength;
        return r;
    }
    if (m_chunked) {
        m_request.hasBody = true;
        m_state = State::ChunkSize;
        return Result::NeedMore;
    }
    if (contentLength == 0) {
        m_wantsContinue = false;
        m_state = State::Complete;
        return Result::Complete;
    }
    m_request.hasBody = true;
    // Grown as bytes arrive rather than reserved up front, so a client that declares a large
    // body and sends nothing holds no memory.
    m_request.body.reserve(qsizetype(qMin<qint64>(contentLength, 64 * 1024)));
    m_remaining = contentLength;
    m_state = State::Body;
    return Result::NeedMore;
}

} // namespace Server
