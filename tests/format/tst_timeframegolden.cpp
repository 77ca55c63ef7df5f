// SPDX-License-Identifier: GPL-3.0-or-later
// Golden files: the shared worked example and one folder per case under data/, each an input.tf
// and the expected.json that describes it. The .tf files were computed from the format's
// description, not written by this codec's encoder.

#include "format/frameview.h"
#include "format/timeframe.h"
#include "format/timeframejson.h"
#include "framebytes.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace TimeFrame;

namespace {

struct GoldenCase
{
    const char *name;
    bool certain;
};

constexpr GoldenCase kCases[] = {
    {"reference-layout", true},     {"no-channels", false},       {"zero-items", true},
    {"zero-items-reference", true}, {"unicode-ids", true},        {"unicode-ids-reference", true},
    {"ambiguous-both-mime", false}, {"ambiguous-no-mime", false},
};

QByteArray readAll(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonDocument parseJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s", qUtf8Printable(error.errorString()));
    return doc;
}

} // namespace

class tst_TimeFrameGolden final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharedExample();
    void sharedExampleThroughView();
    void cases_data();
    void cases();
    void everyCaseIsListed();
    void relayoutBetweenGoldenPairs_data();
    void relayoutBetweenGoldenPairs();

private:
    // Checks one golden pair; certain is what guessLayout() must report.
    void checkCase(const QString &tfFile, const QString &jsonFile, bool certain);
};

void tst_TimeFrameGolden::checkCase(const QString &tfFile, const QString &jsonFile, bool certain)
{
    const QByteArray tf = readAll(tfFile);
    const QByteArray json = readAll(jsonFile);
    QVERIFY2(!tf.isEmpty(), qUtf8Printable(tfFile));
    QVERIFY2(!json.isEmpty(), qUtf8Printable(jsonFile));

    const Result<JsonFrame> expected = fromJson(json);
    QVERIFY2(expected.ok(), FrameBytes::whyNot(expected).constData());
    QVERIFY2(expected->layout.has_value(), "the golden JSON names its layout");
    const Layout layout = *expected->layout;

    // decode(x) == fromJson(json), with the layout given and with the layout guessed.
    const Result<Frame> decoded = decode(tf, layout);
    QVERIFY2(decoded.ok(), FrameBytes::whyNot(decoded).constData());
    QCOMPARE(*decoded, expected->frame);

    const Result<LayoutGuess> guess = guessLayout(tf);
    QVERIFY2(guess.ok(), FrameBytes::whyNot(guess).constData());
    QCOMPARE(layoutName(guess->layout), layoutName(layout));
    QCOMPARE(guess->certain, certain);
    QVERIFY(!guess->reason.isEmpty());

    const Result<Frame> decodedAuto = decode(tf, std::nullopt);
    QVERIFY2(decodedAuto.ok(), FrameBytes::whyNot(decodedAuto).constData());
    QCOMPARE(*decodedAuto, expected->frame);

    const Result<FrameView> view = FrameView::index(tf, std::nullopt);
    QVERIFY2(view.ok(), FrameBytes::whyNot(view).constData());
    QCOMPARE(layoutName(view->layout()), layoutName(layout));
    QCOMPARE(view->toFrame(), expected->frame);

    // encode(decode(x)) == x, byte for byte.
    const Result<QByteArray> encoded = encode(*decoded, layout);
    QVERIFY2(encoded.ok(), FrameBytes::whyNot(encoded).constData());
    QCOMPARE(encoded->toHex(' '), tf.toHex(' '));

    // toJson(decode(x)) says what the golden JSON says (same members and values, any spacing).
    const QJsonDocument actualJson = parseJson(toJson(*decoded, layout));
    const QJsonDocument expectedJson = parseJson(json);
    QVERIFY(actualJson.isObject());
    if (actualJson != expectedJson) {
        qWarning("toJson wrote:\n%s", actualJson.toJson().constData());
        QFAIL("toJson differs from the golden JSON");
    }
}

void tst_TimeFrameGolden::sharedExample()
{
    const QString dir = QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA "/timeframe");
    if (!QFileInfo::exists(dir + u"/example.tf"_s))
        QSKIP(qPrintable(u"the shared worked example is not here: "_s + dir));

    checkCase(dir + u"/example.tf"_s, dir + u"/example.json"_s, /*certain=*/true);
}

// The worked example seen through the zero-copy view: record bounds and item positions.
void tst_TimeFrameGolden::sharedExampleThroughView()
{
    const QString dir = QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA "/timeframe");
    if (!QFileInfo::exists(dir + u"/example.tf"_s))
        QSKIP(qPrintable(u"the shared worked example is not here: "_s + dir));

    const QByteArray tf = readAll(dir + u"/example.tf"_s);
    const Result<FrameView> view = FrameView::index(tf);
    QVERIFY(view.ok());
    QCOMPARE(view->header().metadataSize, 150u);
    QCOMPARE(view->header().dataSize, quint64(195));
    QCOMPARE(view->channelCount(), 4);
    QCOMPARE(view->itemCount(), 6);

    // The first item starts right after the metadata, its data after its 16 fixed bytes.
    const qint64 dataAt = kHeaderSize + 150;
    QCOMPARE(view->item(0, 0).offset, dataAt + kItemFixedSize);
    QCOMPARE(view->item(0, 0).size, 16);
    QCOMPARE(view->itemData(0, 0), QByteArrayView("{\"celsius\":21.5}"));

    const qsizetype idle = view->channelIndex(u"idle");
    QCOMPARE(idle, 2);
    QCOMPARE(view->channel(idle).itemCount, 0);
    QCOMPARE(view->channel(idle).dataBegin, view->channel(idle).dataEnd);
    QCOMPARE(view->channel(1).dataEnd, view->channel(idle).dataBegin);
    QCOMPARE(view->channel(3).dataEnd, qint64(195));
    QCOMPARE(view->channel(3).payloadBytes, 4 + 8);
    QCOMPARE(view->itemData(3, 1).toByteArray(), u"café ok"_s.toUtf8());
    QCOMPARE(view->item(3, 1).offset + view->item(3, 1).size, tf.size());
}

// One row per folder under data/; certain says whether the strings tell the layouts apart.
// Both strings look like MIME types, or neither does, in the ambiguous cases: the default
// layout is taken, and it is the right one there.
void tst_TimeFrameGolden::cases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("certain");
    for (const GoldenCase &c : kCases)
        QTest::addRow("%s", c.name) << QString::fromUtf8(c.name) << c.certain;
}

void tst_TimeFrameGolden::cases()
{
    QFETCH(QString, name);
    QFETCH(bool, certain);
    const QString dir = QStringLiteral(SYNCSTREAMER_TESTDATA) + u'/' + name;
    checkCase(dir + u"/input.tf"_s, dir + u"/expected.json"_s, certain);
}

// A folder added under data/ without a row would never be checked.
void tst_TimeFrameGolden::everyCaseIsListed()
{
    QStringList folders =
        QDir(QStringLiteral(SYNCSTREAMER_TESTDATA)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QStringList listed;
    for (const GoldenCase &c : kCases)
        listed.append(QString::fromUtf8(c.name));
    folders.sort();
    listed.sort();
    QCOMPARE(folders, listed);
}

// The same frames written in each layout, independently of the encoder: relayout() turns one
// into the other byte for byte, and leaves a frame alone when the layouts are the same.
void tst_TimeFrameGolden::relayoutBetweenGoldenPairs_data()
{
    QTest::addColumn<QString>("documented");
    QTest::addColumn<QString>("reference");
    const QString data = QStringLiteral(SYNCSTREAMER_TESTDATA) + u'/';
    QTest::addRow("zero items") << data + u"zero-items/input.tf"_s
                                << data + u"zero-items-reference/input.tf"_s;
    QTest::addRow("unicode ids") << data + u"unicode-ids/input.tf"_s
                                 << data + u"unicode-ids-reference/input.tf"_s;
    const QString example = QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA "/timeframe/example.tf");
    if (QFileInfo::exists(example))
        QTest::addRow("worked example") << example << data + u"reference-layout/input.tf"_s;
}

void tst_TimeFrameGolden::relayoutBetweenGoldenPairs()
{
    QFETCH(QString, documented);
    QFETCH(QString, reference);
    const QByteArray doc = readAll(documented);
    const QByteArray ref = readAll(reference);
    QVERIFY(!doc.isEmpty() && !ref.isEmpty());

    const Result<QByteArray> toReference = relayout(doc, Layout::Documented, Layout::Reference);
    QVERIFY2(toReference.ok(), FrameBytes::whyNot(toReference).constData());
    QCOMPARE(toReference->toHex(' '), ref.toHex(' '));
    const Result<QByteArray> toDocumented = relayout(ref, Layout::Reference, Layout::Documented);
    QVERIFY2(toDocumented.ok(), FrameBytes::whyNot(toDocumented).constData());
    QCOMPARE(toDocumented->toHex(' '), doc.toHex(' '));
    QCOMPARE(relayout(doc, Layout::Documented, Layout::Documented).value(), doc);

    // What does not decode in the layout given is refused, with the decoder's error.
    const Result<QByteArray> truncated =
        relayout(doc.left(doc.size() - 1), Layout::Documented, Layout::Reference);
    QVERIFY(!truncated.ok());
    QCOMPARE(truncated.error().code, ErrorCode::SectionTruncated);
}

QTEST_APPLESS_MAIN(tst_TimeFrameGolden)
#include "tst_timeframegolden.moc"
