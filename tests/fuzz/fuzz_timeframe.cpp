// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the TimeFrame reader: arbitrary bytes through every entry point that
// takes untrusted input. Besides the sanitizers' findings, it aborts where the entry points
// disagree with each other or where a frame that decodes does not re-encode to the same bytes.

#include "format/frameview.h"
#include "format/timeframe.h"
#include "format/timeframejson.h"

#include <QBuffer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace TimeFrame;

namespace {

[[noreturn]] void fail(const char *what, const char *detail = "")
{
    std::fprintf(stderr, "fuzz_timeframe: %s %s\n", what, detail);
    std::abort();
}

void checkOneLayout(QByteArrayView bytes, const QByteArray &shared, std::optional<Layout> layout,
                    const Result<LayoutGuess> &guess)
{
    const Result<Frame> frame = decode(bytes, layout);
    const Result<FrameView> view = FrameView::index(shared, layout);
    if (frame.ok() != view.ok())
        fail("decode() and FrameView::index() disagree");
    if (!frame.ok()) {
        if (frame.error().code != view.error().code)
            fail("decode() and FrameView::index() give different errors",
                 errorCodeName(frame.error().code));
        if (frame.error().offset > bytes.size())
            fail("an error offset past the input");
        if (!guess.ok() && frame.error().code != guess.error().code && !layout)
            fail("guessLayout() and decode() give different errors");
        return;
    }
    // With a layout given, bytes may decode that the guess refuses: the vote picked the other
    // layout, in which they do not decode (FORMAT.md, "Guessing the layout").
    if (!guess.ok() && !layout)
        fail("guessLayout() refuses a frame that decodes", errorCodeName(guess.error().code));

    const Layout used = layout ? *layout : guess->layout;
    if (view->layout() != used)
        fail("FrameView::index() used another layout than the guess");
    if (!(view->toFrame() == *frame))
        fail("FrameView::toFrame() differs from decode()");

    const Result<QByteArray> encoded = encode(*frame, used);
    if (!encoded.ok())
        fail("encode() refuses a decoded frame", errorCodeName(encoded.error().code));
    if (QByteArrayView(*encoded) != bytes)
        fail("encode(decode(x)) != x");

    // The JSON form keeps every field exact for timestamps up to 2^53.
    const Result<JsonFrame> json = fromJson(toJson(*frame, used));
    if (json.ok() && !(json->frame == *frame))
        fail("fromJson(toJson(frame)) differs from the frame");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // FrameView keeps a QByteArray; borrowing the fuzzer's buffer is safe within this call.
    const QByteArray shared = QByteArray::fromRawData(bytes.data(), bytes.size());

    const Result<LayoutGuess> guess = guessLayout(bytes);
    checkOneLayout(bytes, shared, Layout::Documented, guess);
    checkOneLayout(bytes, shared, Layout::Reference, guess);
    checkOneLayout(bytes, shared, std::nullopt, guess);

    const Result<Frame> guessed = decode(bytes, std::nullopt);
    if (guess.ok() != guessed.ok())
        fail("guessLayout() and decode(auto) disagree");

    (void)parseHeader(bytes, bytes.size());

    // The device reader: it reads exactly the frame the header declares, or refuses.
    QByteArray copy(bytes.data(), bytes.size());
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const Result<QByteArray> read = readFrameBytes(&buffer);
    if (read.ok() && QByteArrayView(*read) != bytes.first(read->size()))
        fail("readFrameBytes() returned bytes that are not the input's");
    if (guessed.ok() && (!read.ok() || read->size() != bytes.size()))
        fail("readFrameBytes() refuses a frame that decodes");

    (void)fromJson(bytes);
    return 0;
}
