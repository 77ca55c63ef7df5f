// SPDX-License-Identifier: GPL-3.0-or-later
// The one rule for what a content type holds: JSON, other text, or bytes. Case and parameters
// do not count, "+json" and "+xml" suffixes do.
#include "format/contenttype.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ContentType::Kind)

class tst_ContentType final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kind_data();
    void kind();
};

void tst_ContentType::kind_data()
{
    using ContentType::Kind;
    QTest::addColumn<QString>("type");
    QTest::addColumn<Kind>("expected");
    QTest::addRow("application/json") << u"application/json"_s << Kind::Json;
    QTest::addRow("Application/JSON") << u"Application/JSON"_s << Kind::Json;
    QTest::addRow("json with charset") << u"application/json; charset=utf-8"_s << Kind::Json;
    QTest::addRow("json, blanks") << u" application/json ;charset=utf-8"_s << Kind::Json;
    QTest::addRow("vnd +json") << u"application/vnd.foo+json"_s << Kind::Json;
    QTest::addRow("+JSON with parameter") << u"application/geo+JSON; v=2"_s << Kind::Json;
    QTest::addRow("text/plain") << u"text/plain"_s << Kind::Text;
    QTest::addRow("text/plain; charset") << u"text/plain; charset=utf-8"_s << Kind::Text;
    QTest::addRow("TEXT/CSV") << u"TEXT/CSV"_s << Kind::Text;
    QTest::addRow("application/xml") << u"application/xml"_s << Kind::Text;
    QTest::addRow("+xml") << u"image/svg+xml"_s << Kind::Text;
    QTest::addRow("image/png") << u"image/png"_s << Kind::Binary;
    QTest::addRow("octet-stream") << u"application/octet-stream"_s << Kind::Binary;
    QTest::addRow("empty") << QString() << Kind::Binary;
    QTest::addRow("json without a slash") << u"json"_s << Kind::Binary;
    QTest::addRow("no subtype") << u"application/"_s << Kind::Binary;
    QTest::addRow("bare suffix") << u"application/+json"_s << Kind::Binary;
    QTest::addRow("json in a parameter") << u"image/png; x=application/json"_s << Kind::Binary;
    QTest::addRow("jsonp") << u"application/jsonp"_s << Kind::Binary;
}

void tst_ContentType::kind()
{
    QFETCH(QString, type);
    QFETCH(ContentType::Kind, expected);
    QCOMPARE(ContentType::kind(QStringView(type)), expected);
    // The server reads the type as bytes: the same answer.
    const QByteArray latin1 = type.toLatin1();
    QCOMPARE(ContentType::kind(QByteArrayView(latin1)), expected);
    QCOMPARE(ContentType::isJson(QStringView(type)), expected == ContentType::Kind::Json);
    QCOMPARE(ContentType::isText(QStringView(type)), expected != ContentType::Kind::Binary);
}

QTEST_APPLESS_MAIN(tst_ContentType)
#include "tst_contenttype.moc"
