// SPDX-License-Identifier: GPL-3.0-or-later
// The item preview shows JSON indented, text as text and anything else as a hex dump, by the
// channel's type as the producer sent it (any case, with parameters).
#include "inspector/itempreview.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_ItemPreview final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byType_data();
    void byType();
};

void tst_ItemPreview::byType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("full");
    QTest::addColumn<QString>("line");
    const QByteArray json = R"({"a":1})";
    const QString indented = u"{\n    \"a\": 1\n}\n"_s;
    const QString hex = u"00000000  7b 22 61 22 3a 31 7d"_s;
    QTest::addRow("application/json")
        << u"application/json"_s << json << indented << u"{\"a\":1}"_s;
    QTest::addRow("Application/JSON")
        << u"Application/JSON"_s << json << indented << u"{\"a\":1}"_s;
    QTest::addRow("json with charset")
        << u"application/json; charset=utf-8"_s << json << indented << u"{\"a\":1}"_s;
    QTest::addRow("vnd +json") << u"application/vnd.foo+json"_s << json << indented
                               << u"{\"a\":1}"_s;
    QTest::addRow("text with charset")
        << u"text/plain; charset=utf-8"_s << QByteArray("hello") << u"hello"_s << u"hello"_s;
    QTest::addRow("image/png") << u"image/png"_s << json << hex << u"7b 22 61 22 3a 31 7d"_s;
    QTest::addRow("empty type") << QString() << json << hex << u"7b 22 61 22 3a 31 7d"_s;
}

void tst_ItemPreview::byType()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, data);
    QFETCH(QString, full);
    QFETCH(QString, line);
    QVERIFY2(ItemPreview::full(type, data).startsWith(full),
             qPrintable(ItemPreview::full(type, data)));
    QCOMPARE(ItemPreview::line(type, data), line);
}

QTEST_APPLESS_MAIN(tst_ItemPreview)
#include "tst_itempreview.moc"
