// SPDX-License-Identifier: GPL-3.0-or-later
// The TimeFrame reader and writer: malformed input, edge cases that are valid, devices and files.

#include "format/frameview.h"
#include "format/timeframe.h"
#include "framebytes.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace TimeFrame;
using FrameBytes::ByteWriter;

Q_DECLARE_METATYPE(TimeFrame::ErrorCode)
Q_DECLARE_METATYPE(TimeFrame::Layout)
Q_DECLARE_METATYPE(TimeFrame::Frame)

namespace {

constexpr qint64 kAnyOffset = -2; // the error's offset is not checked
constexpr quint64 kU64Max = std::numeric_limits<quint64>::max();
constexpr qint64 kI64Max = std::numeric_limits<qint64>::max();

// A sequential device over fixed bytes (a pipe or socket, as far as the reader can tell), that
// records the largest read it was asked for. With endless set, it never ends: it serves zeros
// after its bytes, so a reader that believed a size would read forever.
class SequentialDevice final : public QIODevice
{
public:
    explicit SequentialDevice(QByteArray bytes, bool endless = false)
        : m_bytes(std::move(bytes))
        , m_endless(endless)
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_bytes.size() - m_position + QIODevice::bytesAvailable();
    }
    qint64 largestRead() const { return m_largestRead; }
    qint64 served() const { return m_served; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        m_largestRead = std::max(m_largestRead, maxSize);
        qint64 n = std::min<qint64>(maxSize, m_bytes.size() - m_position);
        if (n > 0) {
            std::memcpy(data, m_bytes.constData() + m_position, size_t(n));
            m_position += n;
        } else if (m_endless) {
            n = std::min<qint64>(maxSize, 4096);
            std::memset(data, 0, size_t(n));
        } else {
            return 0; // nothing more, and waitForReadyRead() says nothing will come
        }
        m_served += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_position = 0;
    qint64 m_largestRead = 0;
    qint64 m_served = 0;
    bool m_endless = false;
};

// The frame most malformed inputs are cut from: two channels, three items, documented layout.
struct Base
{
    QByteArray item00 = FrameBytes::item(1001, "{\"c\":1}");
    QByteArray item01 = FrameBytes::item(1002, "ab");
    QByteArray item10 = FrameBytes::item(1003, "hi");
    QByteArray data = item00 + item01 + item10;
    quint64 channel1Offset = quint64(item00.size() + item01.size());
    QByteArray record0 = FrameBytes::record(Layout::Documented, 0, "temp", "application/json");
    QByteArray record1 =
        FrameBytes::record(Layout::Documented, channel1Offset, "log", "text/plain");
    QByteArray metadata = record0 + record1;
    QByteArray bytes = FrameBytes::frame(metadata, data);

    qint64 record0At = kHeaderSize;
    qint64 record1At = kHeaderSize + record0.size();
    qint64 dataAt = kHeaderSize + metadata.size();
    qint64 item01At = dataAt + item00.size();
    qint64 item10At = dataAt + qint64(channel1Offset);
};

Frame sampleFrame()
{
    Frame f;
    f.startAt = 1795320000000;
    f.endAt = 1795320010000;
    f.channels = {
        Channel {u"temperature"_s,
                 u"application/json"_s,
                 {Item {1795320000125, QByteArrayLiteral("{\"celsius\":21.5}")}}},
        Channel {u"idle"_s, u"text/plain"_s, {}},
        Channel {
            u"camera-1"_s,
            u"application/octet-stream"_s,
            {Item {1795320001000, QByteArray(40, '\x7f')}, Item {1795320002000, QByteArray()}}},
    };
    return f;
}

} // namespace

class tst_TimeFrame final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void malformed_data();
    void malformed();
    void absurdSizes_data();
    void absurdSizes();
    void valid_data();
    void valid();
    void guess_data();
    void guess();
    void encodeRefusesInvalidFrames_data();
    void encodeRefusesInvalidFrames();
    void encodeWritesTheSpec();
    void parseHeader();
    void readFrameBytesFromDevices();
    void readFrameBytesStopsAtTheFrame();
    void readFrameBytesTruncatedDevice();
    void files();
    void names();
};

// Every row is one malformed input and the one error it must give, at the byte where it is.
// decode(), FrameView::index() and guessLayout() must all refuse it the same way.
void tst_TimeFrame::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Layout>("layout");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<qint64>("offset");

    using namespace FrameBytes;
    const Layout doc = Layout::Documented;
    const Base b;

    // --- the file ends inside a header field
    QTest::addRow("header: empty")
        << QByteArray() << doc << ErrorCode::HeaderTruncated << qint64(0);
    const struct
    {
        const char *field;
        qsizetype cut;
        qint64 fieldAt;
    } headerCuts[] = {{"version", 1, 0}, {"metadata size", 3, 2}, {"data size", 10, 6},
                      {"start", 18, 14}, {"end", 26, 22},         {"end, last byte", 29, 22}};
    for (const auto &c : headerCuts)
        QTest::addRow("header: ends inside %s", c.field)
            << b.bytes.left(c.cut) << doc << ErrorCode::HeaderTruncated << c.fieldAt;

    // --- the file ends inside a section it declares: every field of every record and item
    const struct
    {
        const char *field;
        qint64 cut;
        qint64 fieldAt; // the field the end of the file cuts
    } sectionCuts[] = {
        {"record 0 offset", b.record0At + 4, b.record0At},
        {"record 0 type size", b.record0At + 10, b.record0At + 8},
        {"record 0 id size", b.record0At + 14, b.record0At + 12},
        {"record 0 type", b.record0At + 20, b.record0At + 16},
        {"record 0 id", b.record1At - 1, b.record0At + 32},
        {"record 1 offset", b.record1At + 7, b.record1At},
        {"record 1 type size", b.record1At + 9, b.record1At + 8},
        {"record 1 id size", b.record1At + 13, b.record1At + 12},
        {"record 1 type", b.record1At + 17, b.record1At + 16},
        {"record 1 id", b.dataAt - 2, b.record1At + 26},
        {"the first item's timestamp", b.dataAt, b.dataAt},
        {"item timestamp", b.dataAt + 3, b.dataAt},
        {"item size", b.dataAt + 12, b.dataAt + 8},
        {"item data", b.dataAt + 18, b.dataAt + 16},
        {"second item timestamp", b.item01At + 5, b.item01At},
        {"second item size", b.item01At + 15, b.item01At + 8},
        {"second item data", b.item01At + 17, b.item01At + 16},
        {"second channel item timestamp", b.item10At + 1, b.item10At},
        {"second channel item size", b.item10At + 8, b.item10At + 8},
        {"second channel item data, last byte", b.bytes.size() - 1, b.item10At + 16},
    };
    for (const auto &c : sectionCuts)
        QTest::addRow("file ends inside %s", c.field)
            << b.bytes.left(c.cut) << doc << ErrorCode::SectionTruncated << c.fieldAt;

    // --- versions
    for (quint16 version : {quint16(0), quint16(2), quint16(0xFFFF)})
        QTest::addRow("version %u", unsigned(version))
            << frame(b.metadata, b.data, 1000, 2000, version) << doc
            << ErrorCode::UnsupportedVersion << qint64(0);

    // --- sizes near 2^64
    QTest::addRow("data size 2^64-1")
        << header(1, 0, kU64Max, 0, 0) << doc << ErrorCode::SizeOverflow << qint64(6);
    QTest::addRow("data size 2^63")
        << header(1, 0, quint64(1) << 63, 0, 0) << doc << ErrorCode::SizeOverflow << qint64(6);
    QTest::addRow("metadata + data size just past 2^63")
        << header(1, 0xFFFFFFFFu, quint64(kI64Max) - kHeaderSize - 0xFFFFFFFFu + 1, 0, 0) << doc
        << ErrorCode::SizeOverflow << qint64(6);
    QTest::addRow("data size 2^62, not present")
        << header(1, 0, quint64(1) << 62, 0, 0) << doc << ErrorCode::SectionTruncated << kAnyOffset;
    QTest::addRow("metadata size 2^32-1, not present")
        << header(1, 0xFFFFFFFFu, 0, 0, 0) << doc << ErrorCode::SectionTruncated << kAnyOffset;

    // --- trailing bytes
    QTest::addRow("one trailing byte")
        << QByteArray(b.bytes + '\0') << doc << ErrorCode::TrailingBytes << qint64(b.bytes.size());
    QTest::addRow("a second frame appended") << QByteArray(b.bytes + b.bytes) << doc
                                             << ErrorCode::TrailingBytes << qint64(b.bytes.size());

    // --- time range
    QTest::addRow("endAt < startAt") << frame(b.metadata, b.data, 2000, 1999) << doc
                                     << ErrorCode::InvalidTimeRange << qint64(22);
    QTest::addRow("endAt < startAt, empty frame")
        << frame({}, {}, 0, -1) << doc << ErrorCode::InvalidTimeRange << qint64(22);

    // --- the metadata section ends inside a record (its size splits the record)
    QTest::addRow("metadata ends inside record 0 offset")
        << frame(b.record0.left(4), b.data) << doc << ErrorCode::RecordTruncated << b.record0At;
    QTest::addRow("metadata ends inside record 0 type size")
        << frame(b.record0.left(10), b.data) << doc << ErrorCode::RecordTruncated
        << b.record0At + 8;
    QTest::addRow("metadata ends inside record 0 id size")
        << frame(b.record0.left(15), b.data) << doc << ErrorCode::RecordTruncated
        << b.record0At + 12;
    QTest::addRow("metadata ends inside record 1 offset")
        << frame(b.record0 + b.record1.left(1), b.data) << doc << ErrorCode::RecordTruncated
        << b.record1At;
    QTest::addRow("metadata ends inside record 1 id size")
        << frame(b.record0 + b.record1.left(12), b.data) << doc << ErrorCode::RecordTruncated
        << b.record1At + 12;
    QTest::addRow("metadata ends inside record 0 type")
        << frame(b.record0.left(20), b.data) << doc << ErrorCode::StringOutOfBounds
        << b.record0At + 8;
    QTest::addRow("metadata ends inside record 0 id")
        << frame(b.record0.chopped(1), b.data) << doc << ErrorCode::StringOutOfBounds
        << b.record0At + 12;
    QTest::addRow("metadata ends inside record 1 type")
        << frame(b.record0 + b.record1.left(18), b.data) << doc << ErrorCode::StringOutOfBounds
        << b.record1At + 8;

    // --- string sizes past the section
    QTest::addRow("type size past the metadata section")
        << frame(rawRecord(0, 0xFFFFFFFFu, 4, "text/plaintemp"), b.data.left(b.item00.size()))
        << doc << ErrorCode::StringOutOfBounds << b.record0At + 8;
    QTest::addRow("id size past the metadata section")
        << frame(rawRecord(0, 10, 5, "text/plaintemp"), b.data.left(b.item00.size())) << doc
        << ErrorCode::StringOutOfBounds << b.record0At + 12;
    QTest::addRow("both string sizes 2^32-1 (their sum wraps in 32 bits)")
        << frame(rawRecord(0, 0xFFFFFFFFu, 0xFFFFFFFFu, "text/plaintemp"),
                 b.data.left(b.item00.size()))
        << doc << ErrorCode::StringOutOfBounds << b.record0At + 8;
    QTest::addRow("string sizes 1 and 2^32-1 (their sum wraps to 0)")
        << frame(rawRecord(0, 1, 0xFFFFFFFFu, "x"), b.data.left(b.item00.size())) << doc
        << ErrorCode::StringOutOfBounds << b.record0At + 12;

    // --- strings
    QTest::addRow("empty id") << frame(record(doc, 0, "", "text/plain"), {}) << doc
                              << ErrorCode::EmptyChannelId << b.record0At + kRecordFixedSize + 10;
    QTest::addRow("empty type") << frame(record(doc, 0, "temp", ""), {}) << doc
                                << ErrorCode::EmptyChannelType << b.record0At + kRecordFixedSize;
    QTest::addRow("empty id, reference layout")
        << frame(record(Layout::Reference, 0, "", "text/plain"), {}) << Layout::Reference
        << ErrorCode::EmptyChannelId << b.record0At + kRecordFixedSize;
    const struct
    {
        const char *what;
        const char *bytes;
    } badUtf8[] = {
        {"a lone continuation byte", "temp\x80"}, {"a truncated sequence", "caf\xC3"},
        {"an overlong slash", "\xC0\xAF"},        {"a surrogate", "\xED\xA0\x80"},
        {"past U+10FFFF", "\xF4\x90\x80\x80"},    {"0xFF", "\xFF"},
    };
    const qint64 idAt = b.record0At + kRecordFixedSize + qint64(std::strlen("text/plain"));
    for (const auto &u : badUtf8)
        QTest::addRow("channel id with %s", u.what)
            << frame(record(doc, 0, u.bytes, "text/plain"), {}) << doc << ErrorCode::InvalidUtf8
            << idAt;
    QTest::addRow("channel type with invalid UTF-8")
        << frame(record(doc, 0, "temp", "text/\xFFplain"), {}) << doc << ErrorCode::InvalidUtf8
        << b.record0At + kRecordFixedSize;
    QTest::addRow("duplicate channel id")
        << frame(record(doc, 0, "temp", "text/plain") + record(doc, 0, "temp", "image/png"), {})
        << doc << ErrorCode::DuplicateChannel << b.record0At + 30 + kRecordFixedSize + 9;
    QTest::addRow("duplicate channel id, not adjacent")
        << frame(record(doc, 0, "a", "text/plain") + record(doc, 0, "b", "text/plain")
                     + record(doc, 0, "a", "text/plain"),
                 {})
        << doc << ErrorCode::DuplicateChannel << b.record0At + 2 * 27 + kRecordFixedSize + 10;

    // --- offsets
    QTest::addRow("first offset 1") << frame(record(doc, 1, "temp", "text/plain"), b.item00) << doc
                                    << ErrorCode::FirstOffsetNotZero << b.record0At;
    QTest::addRow("first offset 2^64-1")
        << frame(record(doc, kU64Max, "temp", "text/plain"), b.item00) << doc
        << ErrorCode::FirstOffsetNotZero << b.record0At;
    QTest::addRow("offsets decrease") << frame(
        record(doc, 0, "a", "text/plain") + record(doc, quint64(b.item00.size()), "b", "text/plain")
            + record(doc, quint64(b.item00.size()) - 1, "c", "text/plain"),
        b.item00 + b.item01) << doc << ErrorCode::OffsetDecreasing
                                      << b.record0At + 2 * 27;
    QTest::addRow("offset past the data size")
        << frame(record(doc, 0, "a", "text/plain")
                     + record(doc, quint64(b.data.size()) + 1, "b", "text/plain"),
                 b.data)
        << doc << ErrorCode::OffsetOutOfRange << b.record0At + 27;
    QTest::addRow("offset 2^64-1") << frame(
        record(doc, 0, "a", "text/plain") + record(doc, kU64Max, "b", "text/plain"), b.data)
                                   << doc << ErrorCode::OffsetOutOfRange << b.record0At + 27;
    QTest::addRow("data bytes with no channels")
        << frame({}, b.item00) << doc << ErrorCode::DataWithoutChannels << kHeaderSize;

    // --- offsets that skip or overlap: the channel before ends inside an item
    const auto twoChannels = [&](quint64 secondOffset) {
        return frame(record(doc, 0, "temp", "application/json")
                         + record(doc, secondOffset, "log", "text/plain"),
                     b.data);
    };
    const qint64 twoDataAt = b.dataAt; // same record sizes as the base frame
    QTest::addRow("second offset skips 4 bytes")
        << twoChannels(b.channel1Offset + 4) << doc << ErrorCode::ItemTruncated
        << twoDataAt + qint64(b.channel1Offset);
    QTest::addRow("second offset overlaps an item's timestamp")
        << twoChannels(quint64(b.item00.size()) + 3) << doc << ErrorCode::ItemTruncated
        << twoDataAt + b.item00.size();
    QTest::addRow("second offset overlaps an item's size")
        << twoChannels(quint64(b.item00.size()) + 9) << doc << ErrorCode::ItemTruncated
        << twoDataAt + b.item00.size() + 8;
    QTest::addRow("second offset overlaps an item's data")
        << twoChannels(b.channel1Offset - 1) << doc << ErrorCode::ItemOverrun
        << twoDataAt + b.item00.size() + 8;

    // --- the data section (the last channel) ends inside an item
    const QByteArray one = record(doc, 0, "temp", "application/json");
    const qint64 oneDataAt = kHeaderSize + one.size();
    QTest::addRow("channel ends inside an item timestamp")
        << frame(one, b.item00 + b.item01.left(7)) << doc << ErrorCode::ItemTruncated
        << oneDataAt + b.item00.size();
    QTest::addRow("channel ends inside an item size")
        << frame(one, b.item00 + b.item01.left(15)) << doc << ErrorCode::ItemTruncated
        << oneDataAt + b.item00.size() + 8;
    QTest::addRow("channel ends inside item data")
        << frame(one, b.item00 + b.item01.chopped(1)) << doc << ErrorCode::ItemOverrun
        << oneDataAt + b.item00.size() + 8;
    QTest::addRow("item data size 2^64-1")
        << frame(one, ByteWriter().i64(1).u64(kU64Max).text("x").bytes()) << doc
        << ErrorCode::ItemOverrun << oneDataAt + 8;
    QTest::addRow("item data size 2^63")
        << frame(one, ByteWriter().i64(1).u64(quint64(1) << 63).text("x").bytes()) << doc
        << ErrorCode::ItemOverrun << oneDataAt + 8;
    const QByteArray second = record(doc, quint64(b.item00.size()), "log", "text/plain");
    QTest::addRow("item overruns into the next channel")
        << frame(one + second,
                 ByteWriter().i64(1).u64(quint64(b.item00.size() - kItemFixedSize) + 1).bytes()
                     + b.item00.mid(kItemFixedSize) + b.item10)
        << doc << ErrorCode::ItemOverrun << oneDataAt + second.size() + 8;
}

void tst_TimeFrame::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Layout, layout);
    QFETCH(ErrorCode, code);
    QFETCH(qint64, offset);

    const auto check = [&](const Error &error, const char *what) {
        qDebug("%s: %s at %lld: %s", what, errorCodeName(error.code), error.offset,
               qUtf8Printable(error.message));
        COMPARE_CODE(error.code, code);
        if (offset != kAnyOffset)
            QCOMPARE(error.offset, offset);
        QVERIFY2(error.offset <= bytes.size(), "the offset is inside the input");
        QVERIFY(!error.message.isEmpty());
    };

    const Result<Frame> decoded = decode(bytes, layout);
    QVERIFY(!decoded.ok());
    check(decoded.error(), "decode");
    if (QTest::currentTestFailed())
        return;

    const Result<FrameView> view = FrameView::index(bytes, layout);
    QVERIFY(!view.ok());
    check(view.error(), "FrameView::index");
    if (QTest::currentTestFailed())
        return;

    const Result<LayoutGuess> guess = guessLayout(bytes);
    QVERIFY(!guess.ok());
    check(guess.error(), "guessLayout");
    if (QTest::currentTestFailed())
        return;

    const Result<Frame> decodedAuto = decode(bytes, std::nullopt);
    QVERIFY(!decodedAuto.ok());
    check(decodedAuto.error(), "decode (layout guessed)");
    if (QTest::currentTestFailed())
        return;

    const Result<FrameView> viewAuto = FrameView::index(bytes, std::nullopt);
    QVERIFY(!viewAuto.ok());
    check(viewAuto.error(), "FrameView::index (layout guessed)");
    if (QTest::currentTestFailed())
        return;

    // The same bytes through a device: the reader stops early or passes them on to the same
    // checks. It reads one frame, so what follows that frame is left in the device.
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Result<Frame> readBack = read(&buffer, layout);
    if (code == ErrorCode::TrailingBytes) {
        QVERIFY(readBack.ok());
        QCOMPARE(buffer.pos(), offset);
    } else {
        // A device reader refuses a header that claims more than it accepts before the rest.
        const Result<Header> claimed = TimeFrame::parseHeader(bytes, -1);
        const bool tooLarge = claimed.ok() && claimed->totalSize() > kMaxFrameBytes;
        QVERIFY(!readBack.ok());
        COMPARE_CODE(readBack.error().code, tooLarge ? ErrorCode::FrameTooLarge : code);
    }
}

// A 30-byte file whose header claims absurd sections must fail at once, from bytes and from
// devices, without allocating or reading what it claims.
void tst_TimeFrame::absurdSizes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("bytesCode");
    QTest::addColumn<ErrorCode>("bufferCode");
    QTest::addColumn<ErrorCode>("sequentialCode");

    using FrameBytes::header;
    QTest::addRow("metadata 2^32-1, data 2^64-16")
        << header(1, 0xFFFFFFFFu, kU64Max - 15, 0, 0) << ErrorCode::SizeOverflow
        << ErrorCode::SizeOverflow << ErrorCode::SizeOverflow;
    QTest::addRow("metadata 2^32-1, data 2^64-1")
        << header(1, 0xFFFFFFFFu, kU64Max, 0, 0) << ErrorCode::SizeOverflow
        << ErrorCode::SizeOverflow << ErrorCode::SizeOverflow;
    QTest::addRow("metadata 2^32-1, data 2^40")
        << header(1, 0xFFFFFFFFu, quint64(1) << 40, 0, 0) << ErrorCode::SectionTruncated
        << ErrorCode::FrameTooLarge << ErrorCode::FrameTooLarge;
    QTest::addRow("data just over the largest frame")
        << header(1, 0, quint64(kMaxFrameBytes - kHeaderSize + 1), 0, 0)
        << ErrorCode::SectionTruncated << ErrorCode::FrameTooLarge << ErrorCode::FrameTooLarge;
}

void tst_TimeFrame::absurdSizes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, bytesCode);
    QFETCH(ErrorCode, bufferCode);
    QFETCH(ErrorCode, sequentialCode);
    QCOMPARE(bytes.size(), kHeaderSize);

    const Result<Frame> decoded = decode(bytes);
    QVERIFY(!decoded.ok());
    COMPARE_CODE(decoded.error().code, bytesCode);
    const Result<Header> header = TimeFrame::parseHeader(bytes, bytes.size());
    QVERIFY(!header.ok());
    COMPARE_CODE(header.error().code, bytesCode);

    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Result<QByteArray> fromBuffer = readFrameBytes(&buffer);
    QVERIFY(!fromBuffer.ok());
    COMPARE_CODE(fromBuffer.error().code, bufferCode);

    // An endless pipe: a reader that believed the header would never return.
    SequentialDevice pipe(bytes, /*endless=*/true);
    const Result<QByteArray> fromPipe = readFrameBytes(&pipe);
    QVERIFY(!fromPipe.ok());
    COMPARE_CODE(fromPipe.error().code, sequentialCode);
    QVERIFY2(pipe.served() <= kHeaderSize + 64 * 1024,
             "the reader read more than the header before refusing it");

    SequentialDevice shortPipe(bytes);
    const Result<QByteArray> fromShortPipe = readFrameBytes(&shortPipe);
    QVERIFY(!fromShortPipe.ok());
    COMPARE_CODE(fromShortPipe.error().code, sequentialCode);
}

// Valid edge cases: each decodes in its layout, re-encodes to the same bytes, and indexes.
void tst_TimeFrame::valid_data()
{
    QTest::addColumn<Frame>("frame");
    using namespace FrameBytes;

    QTest::addRow("no channels") << Frame {1795320000000, 1795320010000, {}};
    QTest::addRow("no channels, empty time range") << Frame {0, 0, {}};
    QTest::addRow("one channel, zero items")
        << Frame {10, 20, {Channel {u"door"_s, u"application/json"_s, {}}}};
    QTest::addRow("zero-item channels first, middle and last")
        << Frame {10,
                  20,
                  {Channel {u"a"_s, u"text/plain"_s, {}},
                   Channel {u"b"_s, u"text/plain"_s, {Item {11, QByteArrayLiteral("x")}}},
                   Channel {u"c"_s, u"text/plain"_s, {}},
                   Channel {u"d"_s, u"text/plain"_s, {Item {12, QByteArrayLiteral("y")}}},
                   Channel {u"e"_s, u"text/plain"_s, {}}}};
    QTest::addRow("items with no data")
        << Frame {10, 20, {Channel {u"tick"_s, u"text/plain"_s, {Item {10, {}}, Item {20, {}}}}}};
    QTest::addRow("negative and extreme timestamps") << Frame {
        std::numeric_limits<qint64>::min(),
        kI64Max,
        {Channel {u"t"_s,
                  u"text/plain"_s,
                  {Item {std::numeric_limits<qint64>::min(), QByteArrayLiteral("a")},
                   Item {-1, QByteArrayLiteral("b")}, Item {kI64Max, QByteArrayLiteral("c")}}}}};
    QTest::addRow("unicode ids and types")
        << Frame {0,
                  1,
                  {Channel {u"température"_s, u"text/plain; charset=utf-8"_s, {}},
                   Channel {u"カメラ"_s, u"image/jpeg"_s, {Item {0, QByteArray(3, '\0')}}},
                   Channel {u"😀"_s, u"application/x-émoji"_s, {}}}};
    QTest::addRow("ids differ only in case") << Frame {
        0, 1, {Channel {u"Temp"_s, u"text/plain"_s, {}}, Channel {u"temp"_s, u"text/plain"_s, {}}}};
    QTest::addRow("sample") << sampleFrame();
}

void tst_TimeFrame::valid()
{
    QFETCH(Frame, frame);

    QVERIFY(validate(frame).ok());
    for (Layout layout : {Layout::Documented, Layout::Reference}) {
        const QByteArray name = layoutName(layout).toUtf8();
        const Result<QByteArray> bytes = encode(frame, layout);
        QVERIFY2(bytes.ok(), name.constData());

        const Result<Frame> decoded = decode(*bytes, layout);
        QVERIFY2(decoded.ok(), FrameBytes::whyNot(decoded).constData());
        QCOMPARE(*decoded, frame);

        const Result<QByteArray> again = encode(*decoded, layout);
        QVERIFY(again.ok());
        QCOMPARE(*again, *bytes);

        const Result<FrameView> view = FrameView::index(*bytes, layout);
        QVERIFY2(view.ok(), FrameBytes::whyNot(view).constData());
        QCOMPARE(view->layout(), layout);
        QCOMPARE(view->channelCount(), frame.channels.size());
        QCOMPARE(view->startAt(), frame.startAt);
        QCOMPARE(view->endAt(), frame.endAt);
        QCOMPARE(view->toFrame(), frame);
        QVERIFY(view->bytes().constData() == bytes->constData()); // shared, not copied
        qsizetype items = 0;
        for (qsizetype c = 0; c < frame.channels.size(); ++c) {
            const Channel &channel = frame.channels[c];
            QCOMPARE(view->channel(c).id, channel.id);
            QCOMPARE(view->channel(c).type, channel.type);
            QCOMPARE(view->channelIndex(channel.id), c);
            QCOMPARE(view->itemCount(c), channel.items.size());
            qint64 payload = 0;
            for (qsizetype i = 0; i < channel.items.size(); ++i) {
                QCOMPARE(view->item(c, i).timestamp, channel.items[i].timestamp);
                QCOMPARE(view->itemData(c, i).toByteArray(), channel.items[i].data);
                payload += channel.items[i].data.size();
            }
            QCOMPARE(view->channel(c).payloadBytes, payload);
            items += channel.items.size();
        }
        QCOMPARE(view->itemCount(), items);
        QCOMPARE(view->channelIndex(u"no such channel"), -1);

        // The header as the index of an archive reads it.
        const Result<Header> header = TimeFrame::parseHeader(*bytes, bytes->size());
        QVERIFY(header.ok());
        QCOMPARE(header->totalSize(), bytes->size());
        QCOMPARE(header->startAt, frame.startAt);
        QCOMPARE(header->endAt, frame.endAt);
    }
}

// Each record votes for the layout whose type slot holds the string that looks like a MIME type.
void tst_TimeFrame::guess_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Layout>("layout");
    QTest::addColumn<bool>("certain");

    using FrameBytes::frame;
    using FrameBytes::record;
    const Layout doc = Layout::Documented;
    const Layout ref = Layout::Reference;
    // Records written in one layout or the other; the strings decide the votes.
    const auto docRecord = [](const char *id, const char *type) {
        return record(Layout::Documented, 0, id, type);
    };
    const auto refRecord = [](const char *id, const char *type) {
        return record(Layout::Reference, 0, id, type);
    };

    QTest::addRow("no channels") << frame({}, {}) << doc << false;
    QTest::addRow("documented") << frame(docRecord("temp", "text/plain"), {}) << doc << true;
    QTest::addRow("reference") << frame(refRecord("temp", "text/plain"), {}) << ref << true;
    QTest::addRow("type with parameters")
        << frame(refRecord("log", "text/plain; charset=utf-8"), {}) << ref << true;
    QTest::addRow("vendor type") << frame(refRecord("cam", "application/vnd.acme+json"), {}) << ref
                                 << true;
    QTest::addRow("both look like types")
        << frame(docRecord("sensors/temp", "text/plain"), {}) << doc << false;
    QTest::addRow("neither looks like a type") << frame(docRecord("x", "y"), {}) << doc << false;
    QTest::addRow("a slash alone is not a type")
        << frame(refRecord("temp", "/"), {}) << doc << false;
    QTest::addRow("one vote among records that cannot tell")
        << frame(refRecord("a", "b") + refRecord("c/d", "e/f") + refRecord("g", "image/png"), {})
        << ref << true;
    QTest::addRow("two votes to one") << frame(
        refRecord("a", "text/plain") + refRecord("b", "text/plain") + docRecord("c", "text/plain"),
        {}) << ref << false;
    QTest::addRow("a tie takes the documented layout")
        << frame(refRecord("a", "text/plain") + docRecord("b", "text/plain"), {}) << doc << false;
}

void tst_TimeFrame::guess()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Layout, layout);
    QFETCH(bool, certain);

    const Result<LayoutGuess> guess = guessLayout(bytes);
    QVERIFY2(guess.ok(), FrameBytes::whyNot(guess).constData());
    QCOMPARE(layoutName(guess->layout), layoutName(layout));
    QCOMPARE(guess->certain, certain);
    QVERIFY(!guess->reason.isEmpty());

    const Result<FrameView> view = FrameView::index(bytes, std::nullopt);
    QVERIFY2(view.ok(), FrameBytes::whyNot(view).constData());
    QCOMPARE(layoutName(view->layout()), layoutName(layout));
}

void tst_TimeFrame::encodeRefusesInvalidFrames_data()
{
    QTest::addColumn<Frame>("frame");
    QTest::addRow("endAt < startAt") << Frame {2, 1, {}};
    QTest::addRow("empty id") << Frame {1, 2, {Channel {QString(), u"text/plain"_s, {}}}};
    QTest::addRow("empty type") << Frame {1, 2, {Channel {u"a"_s, QString(), {}}}};
    QTest::addRow("duplicate id") << Frame {
        1, 2, {Channel {u"a"_s, u"text/plain"_s, {}}, Channel {u"a"_s, u"image/png"_s, {}}}};
}

void tst_TimeFrame::encodeRefusesInvalidFrames()
{
    QFETCH(Frame, frame);
    const Status status = validate(frame);
    QVERIFY(!status.ok());
    COMPARE_CODE(status.error().code, ErrorCode::InvalidFrame);
    QVERIFY(!status.error().message.isEmpty());
    for (Layout layout : {Layout::Documented, Layout::Reference}) {
        const Result<QByteArray> bytes = encode(frame, layout);
        QVERIFY(!bytes.ok());
        COMPARE_CODE(bytes.error().code, ErrorCode::InvalidFrame);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        const Status written = write(&buffer, frame, layout);
        QVERIFY(!written.ok());
        QVERIFY(buffer.data().isEmpty());
    }
}

// The writer's bytes, compared with bytes built here field by field.
void tst_TimeFrame::encodeWritesTheSpec()
{
    const Frame frame = sampleFrame();
    for (Layout layout : {Layout::Documented, Layout::Reference}) {
        QByteArray data;
        QByteArray metadata;
        for (const Channel &channel : frame.channels) {
            metadata += FrameBytes::record(layout, quint64(data.size()), channel.id.toUtf8(),
                                           channel.type.toUtf8());
            for (const Item &item : channel.items)
                data += FrameBytes::item(item.timestamp, item.data);
        }
        const QByteArray expected = FrameBytes::frame(metadata, data, frame.startAt, frame.endAt);
        const Result<QByteArray> bytes = encode(frame, layout);
        QVERIFY(bytes.ok());
        QCOMPARE(bytes->toHex(' '), expected.toHex(' '));

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(write(&buffer, frame, layout).ok());
        QCOMPARE(buffer.data(), expected);
    }
}

void tst_TimeFrame::parseHeader()
{
    const Result<QByteArray> bytes = encode(sampleFrame());
    QVERIFY(bytes.ok());
    const QByteArrayView head = QByteArrayView(*bytes).first(kHeaderSize);

    const Result<Header> header = TimeFrame::parseHeader(head, bytes->size());
    QVERIFY(header.ok());
    QCOMPARE(header->version, kVersion);
    QCOMPARE(header->startAt, sampleFrame().startAt);
    QCOMPARE(header->endAt, sampleFrame().endAt);
    QCOMPARE(header->totalSize(), bytes->size());

    const Result<Header> shorter = TimeFrame::parseHeader(head, bytes->size() - 1);
    QVERIFY(!shorter.ok());
    COMPARE_CODE(shorter.error().code, ErrorCode::SectionTruncated);

    const Result<Header> longer = TimeFrame::parseHeader(head, bytes->size() + 1);
    QVERIFY(!longer.ok());
    COMPARE_CODE(longer.error().code, ErrorCode::TrailingBytes);

    const Result<Header> cut = TimeFrame::parseHeader(head.first(kHeaderSize - 1), bytes->size());
    QVERIFY(!cut.ok());
    COMPARE_CODE(cut.error().code, ErrorCode::HeaderTruncated);
}

void tst_TimeFrame::readFrameBytesFromDevices()
{
    const Result<QByteArray> bytes = encode(sampleFrame());
    QVERIFY(bytes.ok());

    QByteArray copy = *bytes;
    QBuffer buffer(&copy);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Result<QByteArray> fromBuffer = readFrameBytes(&buffer);
    QVERIFY2(fromBuffer.ok(), FrameBytes::whyNot(fromBuffer).constData());
    QCOMPARE(*fromBuffer, *bytes);

    SequentialDevice pipe(*bytes);
    const Result<QByteArray> fromPipe = readFrameBytes(&pipe);
    QVERIFY2(fromPipe.ok(), FrameBytes::whyNot(fromPipe).constData());
    QCOMPARE(*fromPipe, *bytes);

    SequentialDevice pipe2(*bytes);
    const Result<Frame> frame = read(&pipe2);
    QVERIFY(frame.ok());
    QCOMPARE(*frame, sampleFrame());

    QBuffer closed;
    const Result<QByteArray> notOpen = readFrameBytes(&closed);
    QVERIFY(!notOpen.ok());
    COMPARE_CODE(notOpen.error().code, ErrorCode::ReadFailed);
}

// Reading one frame leaves the next one in the device.
void tst_TimeFrame::readFrameBytesStopsAtTheFrame()
{
    const Result<QByteArray> first = encode(sampleFrame());
    const Result<QByteArray> second = encode(Frame {5, 6, {}}, Layout::Reference);
    QVERIFY(first.ok() && second.ok());
    const QByteArray both = *first + *second;

    SequentialDevice pipe(both);
    QByteArray copy = both;
    QBuffer buffer(&copy);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    for (QIODevice *device : {static_cast<QIODevice *>(&pipe), static_cast<QIODevice *>(&buffer)}) {
        const Result<QByteArray> a = readFrameBytes(device);
        QVERIFY(a.ok());
        QCOMPARE(*a, *first);
        const Result<Frame> b = read(device, Layout::Reference);
        QVERIFY(b.ok());
        QCOMPARE(*b, (Frame {5, 6, {}}));
    }
}

void tst_TimeFrame::readFrameBytesTruncatedDevice()
{
    const Result<QByteArray> bytes = encode(sampleFrame());
    QVERIFY(bytes.ok());
    for (qsizetype cut : {qsizetype(0), qsizetype(12), kHeaderSize, bytes->size() - 1}) {
        const QByteArray part = bytes->left(cut);
        const ErrorCode expected =
            cut < kHeaderSize ? ErrorCode::HeaderTruncated : ErrorCode::SectionTruncated;

        SequentialDevice pipe(part);
        const Result<QByteArray> fromPipe = readFrameBytes(&pipe);
        QVERIFY(!fromPipe.ok());
        COMPARE_CODE(fromPipe.error().code, expected);

        QByteArray copy = part;
        QBuffer buffer(&copy);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const Result<QByteArray> fromBuffer = readFrameBytes(&buffer);
        QVERIFY(!fromBuffer.ok());
        COMPARE_CODE(fromBuffer.error().code, expected);
    }
}

void tst_TimeFrame::files()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = dir.filePath(u"frame.tf"_s);

    QVERIFY(writeFile(name, sampleFrame(), Layout::Reference).ok());
    const Result<Frame> back = readFile(name, Layout::Reference);
    QVERIFY2(back.ok(), FrameBytes::whyNot(back).constData());
    QCOMPARE(*back, sampleFrame());
    const Result<Frame> guessed = readFile(name, std::nullopt);
    QVERIFY(guessed.ok());
    QCOMPARE(*guessed, sampleFrame());

    // A refused frame leaves the file as it was.
    QVERIFY(!writeFile(name, Frame {2, 1, {}}).ok());
    QVERIFY(readFile(name, Layout::Reference).ok());

    const Result<QByteArray> bytes = encode(Frame {1, 2, {}});
    QVERIFY(bytes.ok());
    QVERIFY(writeFileBytes(name, *bytes).ok());
    const Result<Frame> empty = readFile(name);
    QVERIFY(empty.ok());
    QCOMPARE(*empty, (Frame {1, 2, {}}));

    // A file holds one frame and nothing after it.
    QVERIFY(writeFileBytes(name, QByteArray(*bytes + '\0')).ok());
    const Result<Frame> trailing = readFile(name);
    QVERIFY(!trailing.ok());
    COMPARE_CODE(trailing.error().code, ErrorCode::TrailingBytes);
    QCOMPARE(trailing.error().offset, bytes->size());

    const Result<Frame> missing = readFile(dir.filePath(u"missing.tf"_s));
    QVERIFY(!missing.ok());
    COMPARE_CODE(missing.error().code, ErrorCode::ReadFailed);

    const Status unwritable = writeFile(dir.filePath(u"no/such/dir/frame.tf"_s), sampleFrame());
    QVERIFY(!unwritable.ok());
    COMPARE_CODE(unwritable.error().code, ErrorCode::WriteFailed);
}

void tst_TimeFrame::names()
{
    QCOMPARE(layoutName(Layout::Documented), u"documented"_s);
    QCOMPARE(layoutName(Layout::Reference), u"reference"_s);
    QCOMPARE(layoutFromName(u"documented"), std::optional<Layout>(Layout::Documented));
    QCOMPARE(layoutFromName(u"reference"), std::optional<Layout>(Layout::Reference));
    QVERIFY(!layoutFromName(u"Go"));
    QVERIFY(!layoutFromName(u""));
    QCOMPARE(QLatin1StringView(errorCodeName(ErrorCode::HeaderTruncated)), "HeaderTruncated"_L1);
    QCOMPARE(QLatin1StringView(errorCodeName(ErrorCode::WriteFailed)), "WriteFailed"_L1);
}

QTEST_APPLESS_MAIN(tst_TimeFrame)
#include "tst_timeframe.moc"
