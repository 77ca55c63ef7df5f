// SPDX-License-Identifier: GPL-3.0-or-later
// The InfluxDB line protocol, rule by rule: every escape, quoting, comment and type rule, the
// series key as the channel, the fields as one JSON object, the timestamp in UNIX ms.
#include "ingest/lineprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Ingest::LineProtocol::Precision;

Q_DECLARE_METATYPE(Precision)

namespace {

constexpr std::optional<qint64> kArrival; // no timestamp in the line

struct Expected
{
    QString channel;
    QByteArray data;
    std::optional<qint64> timestamp; // none: the engine stamps the arrival time
};

} // namespace

Q_DECLARE_METATYPE(Expected)
Q_DECLARE_METATYPE(QList<Expected>)

class tst_LineProtocol final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void floatsReadBackExactly_data();
    void floatsReadBackExactly();
    void precisionNames();
    void refusalAppendsNothing();
};

void tst_LineProtocol::accepted_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Precision>("precision");
    QTest::addColumn<QList<Expected>>("expected");
    const Precision ns = Precision::Nanoseconds;
    auto one = [](const QString &channel, const QByteArray &data, std::optional<qint64> ts) {
        return QList<Expected> {{channel, data, ts}};
    };

    // The series key and its escapes.
    QTest::addRow("measurement only") << "cpu value=1 1700000000000000000"_ba << ns
                                      << one(u"cpu"_s, R"({"value":1})", 1'700'000'000'000);
    QTest::addRow("tags sorted whatever their order")
        << "cpu,region=eu,host=a value=1 1700000000000000000"_ba << ns
        << one(u"cpu,host=a,region=eu"_s, R"({"value":1})", 1'700'000'000'000);
    QTest::addRow("tags already sorted")
        << "cpu,host=a,region=eu value=1 1700000000000000000"_ba << ns
        << one(u"cpu,host=a,region=eu"_s, R"({"value":1})", 1'700'000'000'000);
    QTest::addRow("escaped comma and space in the measurement")
        << R"(my\,meas\ ure value=1 0)"_ba << ns << one(uR"(my\,meas\ ure)"_s, R"({"value":1})", 0);
    QTest::addRow("equals sign in the measurement is plain")
        << "a=b value=1 0"_ba << ns << one(u"a=b"_s, R"({"value":1})", 0);
    QTest::addRow("escaped = , and space in tag key and value")
        << R"(m,t\ k\=x=v\,1\ 2\=3 f=1 0)"_ba << ns
        << one(uR"(m,t\ k\=x=v\,1\ 2\=3)"_s, R"({"f":1})", 0);
    QTest::addRow("backslash before another character is a backslash")
        << R"(my\measurement f=1 0)"_ba << ns << one(uR"(my\\measurement)"_s, R"({"f":1})", 0);
    QTest::addRow("two backslashes are one")
        << R"(my\\measurement f=1 0)"_ba << ns << one(uR"(my\\measurement)"_s, R"({"f":1})", 0);
    QTest::addRow("escaped tags sorted by their unescaped keys")
        << R"(m,b=1,a\ z=2 f=1 0)"_ba << ns << one(uR"(m,a\ z=2,b=1)"_s, R"({"f":1})", 0);
    QTest::addRow("UTF-8 in names") << "températureé,lieu=café f=1 0"_ba << ns
                                    << one(u"températureé,lieu=café"_s, R"({"f":1})", 0);
    QTest::addRow("series key of exactly 128 bytes")
        << QByteArray(128, 'm') + " f=1 0" << ns << one(QString(128, u'm'), R"({"f":1})", 0);

    // Field keys.
    QTest::addRow("escaped field key")
        << R"(m f\ 1\,x\=y=1 0)"_ba << ns << one(u"m"_s, R"({"f 1,x=y":1})", 0);
    QTest::addRow("field key with a quote")
        << R"(m f"q=1 0)"_ba << ns << one(u"m"_s, R"({"f\"q":1})", 0);
    QTest::addRow("fields in line order")
        << "m z=1,a=2,m=3 0"_ba << ns << one(u"m"_s, R"({"z":1,"a":2,"m":3})", 0);
    QTest::addRow("a field key given twice: the last value wins")
        << "m a=1,b=2,a=3 0"_ba << ns << one(u"m"_s, R"({"b":2,"a":3})", 0);

    // Field types.
    QTest::addRow("floats written as JSON wants them")
        << "m a=007.50,b=-000.0100,c=100,d=0.000000000000000000001,e=123456789012345 0"_ba << ns
        << one(u"m"_s,
               R"({"a":7.5,"b":-0.01,"c":100,"d":0.000000000000000000001,"e":123456789012345})", 0);
    QTest::addRow("negative zero keeps its sign")
        << "m f=-0.0 0"_ba << ns << one(u"m"_s, R"({"f":-0})", 0);
    QTest::addRow("floats")
        << "m a=1,b=-1.5,c=1e3,d=1.5E-3,e=.5,f=-.25,g=1.,h=0 0"_ba << ns
        << one(u"m"_s, R"({"a":1,"b":-1.5,"c":1000,"d":0.0015,"e":0.5,"f":-0.25,"g":1,"h":0})", 0);
    QTest::addRow("float exponent with sign")
        << "m a=1e+2,b=1e-2 0"_ba << ns << one(u"m"_s, R"({"a":100,"b":0.01})", 0);
    QTest::addRow("integers exact to 64 bits")
        << "m a=1i,b=-9223372036854775808i,c=9223372036854775807i 0"_ba << ns
        << one(u"m"_s, R"({"a":1,"b":-9223372036854775808,"c":9223372036854775807})", 0);
    QTest::addRow("unsigned exact to 64 bits")
        << "m a=0u,b=18446744073709551615u 0"_ba << ns
        << one(u"m"_s, R"({"a":0,"b":18446744073709551615})", 0);
    QTest::addRow("booleans, every spelling")
        << "m a=t,b=T,c=true,d=True,e=TRUE,f=f,g=F,h=false,i=False,j=FALSE 0"_ba << ns
        << one(u"m"_s,
               R"({"a":true,"b":true,"c":true,"d":true,"e":true,"f":false,"g":false,"h":false,"i":false,"j":false})",
               0);
    QTest::addRow("string") << R"(m s="hello world" 0)"_ba << ns
                            << one(u"m"_s, R"({"s":"hello world"})", 0);
    QTest::addRow("string with escaped quote and backslash")
        << R"(m s="a\"b\\c" 0)"_ba << ns << one(u"m"_s, R"({"s":"a\"b\\c"})", 0);
    QTest::addRow("string: backslash before another character is kept")
        << R"(m s="a\nb" 0)"_ba << ns << one(u"m"_s, R"({"s":"a\\nb"})", 0);
    QTest::addRow("string with comma, space, equals and a hash")
        << R"(m s="a, b=c #d",n=1 0)"_ba << ns << one(u"m"_s, R"({"s":"a, b=c #d","n":1})", 0);
    QTest::addRow("string spanning two lines")
        << "m s=\"a\nb\" 0\nm n=1 0"_ba << ns
        << QList<Expected> {{u"m"_s, R"({"s":"a\nb"})", 0}, {u"m"_s, R"({"n":1})", 0}};
    QTest::addRow("empty string") << R"(m s="" 0)"_ba << ns << one(u"m"_s, R"({"s":""})", 0);
    QTest::addRow("string with control characters and UTF-8")
        << "m s=\"\ttab é\x01\" 0"_ba << ns << one(u"m"_s, "{\"s\":\"\\ttab é\\u0001\"}", 0);

    // Timestamps and precision.
    QTest::addRow("no timestamp: arrival time")
        << "m f=1"_ba << ns << one(u"m"_s, R"({"f":1})", kArrival);
    QTest::addRow("no timestamp, trailing spaces")
        << "m f=1   "_ba << ns << one(u"m"_s, R"({"f":1})", kArrival);
    QTest::addRow("nanoseconds cut toward minus infinity")
        << "m f=1 1999999\nm f=1 -1\nm f=1 -1000000\nm f=1 -1000001"_ba << ns
        << QList<Expected> {{u"m"_s, R"({"f":1})", 1},
                            {u"m"_s, R"({"f":1})", -1},
                            {u"m"_s, R"({"f":1})", -1},
                            {u"m"_s, R"({"f":1})", -2}};
    QTest::addRow("microseconds") << "m f=1 1700000000000999"_ba << Precision::Microseconds
                                  << one(u"m"_s, R"({"f":1})", 1'700'000'000'000);
    QTest::addRow("milliseconds") << "m f=1 1700000000123"_ba << Precision::Milliseconds
                                  << one(u"m"_s, R"({"f":1})", 1'700'000'000'123);
    QTest::addRow("seconds") << "m f=1 1700000000"_ba << Precision::Seconds
                             << one(u"m"_s, R"({"f":1})", 1'700'000'000'000);
    QTest::addRow("minutes") << "m f=1 2"_ba << Precision::Minutes
                             << one(u"m"_s, R"({"f":1})", 120'000);
    QTest::addRow("hours") << "m f=1 2"_ba << Precision::Hours
                           << one(u"m"_s, R"({"f":1})", 7'200'000);
    QTest::addRow("largest nanosecond timestamp")
        << "m f=1 9223372036854775807"_ba << ns << one(u"m"_s, R"({"f":1})", 9'223'372'036'854);

    // Lines, blanks, comments, whitespace.
    QTest::addRow("several lines, blank lines, comments")
        << "# a comment\n\ncpu f=1 0\n   \n  # indented comment, f=2\ncpu f=2 1000000\n"_ba << ns
        << QList<Expected> {{u"cpu"_s, R"({"f":1})", 0}, {u"cpu"_s, R"({"f":2})", 1}};
    QTest::addRow("CRLF line ends")
        << "m f=1 0\r\nm f=2 1000000\r\n"_ba << ns
        << QList<Expected> {{u"m"_s, R"({"f":1})", 0}, {u"m"_s, R"({"f":2})", 1}};
    QTest::addRow("several spaces between sections")
        << "m   f=1    1000000"_ba << ns << one(u"m"_s, R"({"f":1})", 1);
    QTest::addRow("leading spaces") << "   m f=1 0"_ba << ns << one(u"m"_s, R"({"f":1})", 0);
    QTest::addRow("empty body") << QByteArray() << ns << QList<Expected> {};
    QTest::addRow("only comments") << "# x\n#y"_ba << ns << QList<Expected> {};
    QTest::addRow("no final line feed")
        << "m f=1 0\nm f=2 0"_ba << ns
        << QList<Expected> {{u"m"_s, R"({"f":1})", 0}, {u"m"_s, R"({"f":2})", 0}};
}

void tst_LineProtocol::accepted()
{
    QFETCH(QByteArray, body);
    QFETCH(Precision, precision);
    QFETCH(QList<Expected>, expected);
    QList<Engine::Event> events;
    const auto error = Ingest::LineProtocol::parse(body, precision, &events);
    QVERIFY2(!error, error ? qPrintable(error->message()) : "");
    QCOMPARE(events.size(), expected.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].channel, expected[i].channel);
        QCOMPARE(events[i].type, u"application/json"_s);
        QCOMPARE(events[i].data, expected[i].data);
        QCOMPARE(events[i].timestamp, expected[i].timestamp);
        QJsonParseError parseError;
        QVERIFY(QJsonDocument::fromJson(events[i].data, &parseError).isObject());
    }
}

void tst_LineProtocol::refused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qsizetype>("line");
    QTest::addColumn<QString>("reason");

    QTest::addRow("no fields") << "cpu"_ba << qsizetype(1) << u"fields are missing"_s;
    QTest::addRow("no fields after tags")
        << "cpu,a=b"_ba << qsizetype(1) << u"fields are missing"_s;
    QTest::addRow("no measurement") << ",a=b f=1"_ba << qsizetype(1) << u"measurement is missing"_s;
    QTest::addRow("space first, then no measurement")
        << "m f=1\n ,a=1 f=1"_ba << qsizetype(2) << u"measurement is missing"_s;
    QTest::addRow("tag without value")
        << "m,a f=1"_ba << qsizetype(1) << u"tag \"a\" has no value"_s;
    QTest::addRow("tag with empty value")
        << "m,a= f=1"_ba << qsizetype(1) << u"tag \"a\" has no value"_s;
    QTest::addRow("tag without key") << "m,=b f=1"_ba << qsizetype(1) << u"tag key is missing"_s;
    QTest::addRow("empty tag") << "m, f=1"_ba << qsizetype(1) << u"tag key is missing"_s;
    QTest::addRow("unescaped = in tag value")
        << "m,a=b=c f=1"_ba << qsizetype(1) << u"unescaped \"=\""_s;
    QTest::addRow("tag given twice")
        << "m,a=1,a=2 f=1"_ba << qsizetype(1) << u"tag \"a\" is given twice"_s;
    QTest::addRow("field without value")
        << "m f= 0"_ba << qsizetype(1) << u"field \"f\" has no value"_s;
    QTest::addRow("field without =") << "m f 0"_ba << qsizetype(1) << u"field \"f\" has no value"_s;
    QTest::addRow("field without key") << "m =1 0"_ba << qsizetype(1) << u"field key is missing"_s;
    QTest::addRow("trailing comma in fields")
        << "m f=1, 0"_ba << qsizetype(1) << u"field key is missing"_s;
    QTest::addRow("bad float") << "m f=1.2.3"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("plus sign") << "m f=+1"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("nan") << "m f=nan"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("inf") << "m f=-inf"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("hex") << "m f=0x10"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("unquoted text") << "m f=hello"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("float out of range") << "m f=1e400"_ba << qsizetype(1) << u"out of range"_s;
    QTest::addRow("integer out of range")
        << "m f=9223372036854775808i"_ba << qsizetype(1) << u"out of range"_s;
    QTest::addRow("integer with a fraction")
        << "m f=1.5i"_ba << qsizetype(1) << u"not an integer"_s;
    QTest::addRow("integer without digits") << "m f=i"_ba << qsizetype(1) << u"not an integer"_s;
    QTest::addRow("integer just a minus") << "m f=-i"_ba << qsizetype(1) << u"not an integer"_s;
    QTest::addRow("negative unsigned") << "m f=-1u"_ba << qsizetype(1) << u"not an unsigned"_s;
    QTest::addRow("unsigned out of range")
        << "m f=18446744073709551616u"_ba << qsizetype(1) << u"out of range"_s;
    QTest::addRow("unterminated string")
        << "m s=\"abc 0\nm f=1"_ba << qsizetype(1) << u"no closing quote"_s;
    QTest::addRow("string not UTF-8") << "m s=\"\xff\""_ba << qsizetype(1) << u"not valid UTF-8"_s;
    QTest::addRow("single-quoted string") << "m s='a'"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("bad timestamp") << "m f=1 12abc"_ba << qsizetype(1) << u"not a 64-bit integer"_s;
    QTest::addRow("float timestamp") << "m f=1 1.5"_ba << qsizetype(1) << u"not a 64-bit integer"_s;
    QTest::addRow("timestamp out of range")
        << "m f=1 9223372036854775808"_ba << qsizetype(1) << u"not a 64-bit integer"_s;
    QTest::addRow("text after the timestamp")
        << "m f=1 0 0"_ba << qsizetype(1) << u"after the timestamp"_s;
    QTest::addRow("series key over 128 bytes")
        << "m f=1\n"_ba + QByteArray(129, 'm') + " f=1" << qsizetype(2) << u"129 bytes long"_s;
    QTest::addRow("series key over 128 bytes through its tags")
        << "m,t="_ba + QByteArray(125, 'v') + " f=1" << qsizetype(1) << u"129 bytes long"_s;
    QTest::addRow("control character in the measurement")
        << "m\x01x f=1"_ba << qsizetype(1) << u"control character"_s;
    QTest::addRow("tab is not a separator")
        << "m\tf=1"_ba << qsizetype(1) << u"fields are missing"_s;
    QTest::addRow("control character in a field key")
        << "m f\x02=1"_ba << qsizetype(1) << u"control character"_s;
    QTest::addRow("measurement not UTF-8")
        << "m\xc3 f=1"_ba << qsizetype(1) << u"not valid UTF-8"_s;
    QTest::addRow("a bare CR ends nothing")
        << "m f=1\rm f=2"_ba << qsizetype(1) << u"invalid value"_s;
    QTest::addRow("line numbers count blank lines and comments")
        << "\n# c\nm f=1\n\nm f=\n"_ba << qsizetype(5) << u"has no value"_s;
    QTest::addRow("line numbers count lines inside strings")
        << "m s=\"a\nb\nc\"\nm"_ba << qsizetype(4) << u"fields are missing"_s;
}

void tst_LineProtocol::refused()
{
    QFETCH(QByteArray, body);
    QFETCH(qsizetype, line);
    QFETCH(QString, reason);
    QList<Engine::Event> events;
    const auto error = Ingest::LineProtocol::parse(body, Precision::Nanoseconds, &events);
    QVERIFY(error.has_value());
    QVERIFY2(error->reason.contains(reason), qPrintable(error->message()));
    QCOMPARE(error->line, line);
    QVERIFY(error->message().startsWith(u"line %1: "_s.arg(line)));
    QVERIFY(events.isEmpty());
}

void tst_LineProtocol::floatsReadBackExactly_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *t : {"0.1", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308",
                          "123456789.123456789", "1e21", "3.141592653589793", "0.30000000000000004",
                          "9007199254740993", "1234567890.12345", "1234567890.123456", "000.1000",
                          "-.5", "99999999999999.9"})
        QTest::addRow("%s", t) << QByteArray(t);
}

void tst_LineProtocol::floatsReadBackExactly()
{
    QFETCH(QByteArray, text);
    QList<Engine::Event> events;
    QVERIFY(
        !Ingest::LineProtocol::parse(QByteArray("m f=" + text), Precision::Nanoseconds, &events));
    QCOMPARE(events.size(), 1);
    const QJsonObject object = QJsonDocument::fromJson(events[0].data).object();
    QVERIFY2(object.contains(u"f"_s), events[0].data.constData());
    const double expected = text.toDouble();
    const double read = object.value(u"f"_s).toDouble();
    QCOMPARE(std::signbit(read), std::signbit(expected));
    QCOMPARE(read, expected);
}

void tst_LineProtocol::precisionNames()
{
    using namespace Ingest::LineProtocol;
    QCOMPARE(precisionV2("ns"), Precision::Nanoseconds);
    QCOMPARE(precisionV2("us"), Precision::Microseconds);
    QCOMPARE(precisionV2("ms"), Precision::Milliseconds);
    QCOMPARE(precisionV2("s"), Precision::Seconds);
    for (const char *bad : {"n", "u", "m", "h", "", "NS", "sec"})
        QVERIFY2(!precisionV2(bad), bad);
    QCOMPARE(precisionV1("n"), Precision::Nanoseconds);
    QCOMPARE(precisionV1("ns"), Precision::Nanoseconds);
    QCOMPARE(precisionV1("u"), Precision::Microseconds);
    QCOMPARE(precisionV1("ms"), Precision::Milliseconds);
    QCOMPARE(precisionV1("s"), Precision::Seconds);
    QCOMPARE(precisionV1("m"), Precision::Minutes);
    QCOMPARE(precisionV1("h"), Precision::Hours);
    for (const char *bad : {"us", "", "d", "H"})
        QVERIFY2(!precisionV1(bad), bad);
}

void tst_LineProtocol::refusalAppendsNothing()
{
    QList<Engine::Event> events {Engine::Event {u"x"_s, u"text/plain"_s, "kept", 1}};
    const auto error =
        Ingest::LineProtocol::parse("m f=1\nm f=2\nm f=", Precision::Nanoseconds, &events);
    QVERIFY(error);
    QCOMPARE(error->line, 3);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, "kept"_ba);
}

QTEST_APPLESS_MAIN(tst_LineProtocol)

#include "tst_lineprotocol.moc"
