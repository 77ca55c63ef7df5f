// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

// HTTP/1.1 responses read from raw bytes, for tests that talk to the server over a plain
// QTcpSocket (requests no well-behaved client would send).
struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0
                && QByteArrayView(line).first(colon).compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Splits complete responses off the front of `data`; what is incomplete stays.
inline QList<RawResponse> takeResponses(QByteArray &data)
{
    QList<RawResponse> out;
    for (;;) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            return out;
        RawResponse r;
        r.head = data.left(end);
        if (!r.head.startsWith("HTTP/1.1 "))
            return out;
        r.status = r.head.mid(9, 3).toInt();
        qint64 length = 0;
        if (r.status >= 200 && r.status != 204 && r.status != 304) {
            const QByteArray cl = r.header("content-length");
            length = cl.isEmpty() ? -1 : cl.toLongLong();
        }
        if (length < 0) // no length: the rest of the connection, taken when it closes
            return out;
        if (data.size() < end + 4 + length)
            return out;
        r.body = data.mid(end + 4, length);
        data.remove(0, end + 4 + length);
        out.append(r);
    }
}

// Reads until `count` responses arrived or the server closed; *closed tells which.
inline QList<RawResponse> readResponses(QTcpSocket &socket, QByteArray &pending, int count,
                                        bool *closed = nullptr)
{
    QList<RawResponse> got;
    bool gone = false;
    for (int rounds = 0; rounds < 400 && got.size() < count; ++rounds) {
        pending += socket.readAll();
        got += takeResponses(pending);
        if (got.size() >= count)
            break;
        if (socket.state() != QAbstractSocket::ConnectedState) {
            gone = true;
            pending += socket.readAll();
            got += takeResponses(pending);
            break;
        }
        socket.waitForReadyRead(50);
    }
    if (closed)
        *closed = gone;
    return got;
}
