// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector/itempreview.h"

#include "format/contenttype.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

class PreviewTr
{
    Q_DECLARE_TR_FUNCTIONS(ItemPreview)
};

std::optional<QString> utf8(QByteArrayView data)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

namespace ItemPreview {

QString hexDump(QByteArrayView data, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(data.size(), maxBytes);
    for (qsizetype row = 0; row < n; row += 16) {
        out += QString::number(row, 16).rightJustified(8, u'0') % u"  "_s;
        QString ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < n) {
                const auto byte = quint8(data[i]);
                out += QString::number(byte, 16).rightJustified(2, u'0') % u' ';
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
            } else {
                out += u"   "_s;
            }
            if (i == row + 7)
                out += u' ';
        }
        out += u' ' % ascii % u'\n';
    }
    if (n < data.size())
        out += PreviewTr::tr("… %n more bytes", "", int(data.size() - n));
    return out;
}

QString full(const QString &type, QByteArrayView data)
{
    if (data.isEmpty())
        return PreviewTr::tr("(empty)");
    if (ContentType::isJson(type)) {
        const QJsonDocument doc = QJsonDocument::fromJson(data.toByteArray());
        if (!doc.isNull())
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    if (ContentType::isText(type)) {
        if (const auto text = utf8(data))
            return *text;
    }
    return hexDump(data);
}

QString line(const QString &type, QByteArrayView data)
{
    constexpr qsizetype kMax = 120;
    if (ContentType::isText(type)) {
        if (const auto text = utf8(data.first(std::min(data.size(), kMax * 4)))) {
            QString simple = text->simplified();
            if (simple.size() > kMax)
                simple = simple.left(kMax) % u'…';
            return simple;
        }
    }
    QString hex;
    for (qsizetype i = 0; i < std::min<qsizetype>(data.size(), 24); ++i)
        hex += QString::number(quint8(data[i]), 16).rightJustified(2, u'0') % u' ';
    if (data.size() > 24)
        hex += u'…';
    return hex.trimmed();
}

} // namespace ItemPreview
