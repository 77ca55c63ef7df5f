// SPDX-License-Identifier: MIT
// The player's TimeFrame decoder against the shared worked example and malformed inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, guessLayout, looksLikeMimeType, parseHeader, TimeFrameError } from '../../resources/web/js/timeframe.mjs';
import { encode, frameFromJson } from './lib/tfencode.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '../../../shared/testdata/timeframe');
const haveShared = existsSync(path.join(shared, 'example.tf')) && existsSync(path.join(shared, 'example.json'));
const skipShared = haveShared ? false : `the shared worked example is absent (${shared})`;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');

function expectError(bytes, code, layout = 'documented') {
  assert.throws(() => decode(bytes, layout), (e) => {
    assert.ok(e instanceof TimeFrameError, `a TimeFrameError, not ${e}`);
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.length > 10);
    return true;
  });
}

function sample() {
  return {
    startAt: 1_700_000_000_000,
    endAt: 1_700_000_010_000,
    channels: [
      { id: 'temperature', type: 'application/json', items: [{ timestamp: 1_700_000_000_500, data: '{"celsius":20}' }, { timestamp: 1_700_000_001_500, data: '{"celsius":21}' }] },
      { id: 'camera', type: 'image/jpeg', items: [{ timestamp: 1_700_000_002_000, data: new Uint8Array([0xff, 0xd8, 0xff]) }] },
      { id: 'empty', type: 'text/plain', items: [] },
      { id: 'log', type: 'text/plain; charset=utf-8', items: [{ timestamp: 1_700_000_009_999, data: 'héllo' }] },
    ],
  };
}

// Writes big-endian integers into a copy of bytes.
function patch(bytes, offset, kind, value) {
  const out = new Uint8Array(bytes);
  const v = new DataView(out.buffer);
  if (kind === 'u16') v.setUint16(offset, value);
  else if (kind === 'u32') v.setUint32(offset, value);
  else if (kind === 'u64') v.setBigUint64(offset, BigInt(value));
  else if (kind === 'i64') v.setBigInt64(offset, BigInt(value));
  return out;
}

test('the shared worked example decodes to its JSON form', { skip: skipShared }, () => {
  const bytes = new Uint8Array(readFileSync(path.join(shared, 'example.tf')));
  const json = JSON.parse(readFileSync(path.join(shared, 'example.json'), 'utf8'));
  const frame = decode(bytes);
  assert.equal(frame.version, json.version);
  assert.equal(frame.layout, json.layout);
  assert.equal(frame.startAt, json.startAt);
  assert.equal(frame.endAt, json.endAt);
  assert.deepEqual(
    frame.channels.map((c) => ({ id: c.id, type: c.type, items: c.items.map((i) => ({ timestamp: i.timestamp, data: b64(i.data) })) })),
    json.channels,
  );
  // The values a viewer expects to see.
  const td = new TextDecoder();
  assert.deepEqual(frame.channels[0].items.map((i) => JSON.parse(td.decode(i.data)).celsius), [21.5, 21.75, 22]);
  assert.equal(td.decode(frame.channels[3].items[1].data), 'café ok');
  assert.equal(frame.channels[1].items[0].data.length, 40);
});

test('the shared worked example: the layout guess says documented, certain', { skip: skipShared }, () => {
  const bytes = new Uint8Array(readFileSync(path.join(shared, 'example.tf')));
  const guess = guessLayout(bytes);
  assert.equal(guess.layout, 'documented');
  assert.equal(guess.certain, true);
  assert.match(guess.reason, /4 of 4/);
  assert.equal(decode(bytes, 'guess').layout, 'documented');
});

test('the shared worked example re-encodes to the same bytes, and its reference variant decodes alike', { skip: skipShared }, () => {
  const bytes = new Uint8Array(readFileSync(path.join(shared, 'example.tf')));
  const json = JSON.parse(readFileSync(path.join(shared, 'example.json'), 'utf8'));
  const frame = frameFromJson(json);
  assert.deepEqual(encode(frame, 'documented'), bytes);

  const reference = encode(frame, 'reference');
  assert.equal(reference.length, bytes.length);
  assert.notDeepEqual(reference, bytes);
  const decoded = decode(reference, 'reference');
  assert.deepEqual(decoded.channels.map((c) => [c.id, c.type, c.items.length]), json.channels.map((c) => [c.id, c.type, c.items.length]));
  const guessed = decode(reference, 'guess');
  assert.equal(guessed.layout, 'reference');
  assert.equal(guessed.guess.certain, true);
  assert.deepEqual(guessed.channels, decoded.channels);
  // Read with the wrong layout, ids and types swap; here two channels share a type, which as
  // ids are duplicates.
  assert.throws(() => decode(reference, 'documented'), { code: 'DuplicateChannel' });
  assert.equal(decode(encode({ ...frame, channels: frame.channels.slice(0, 2) }, 'reference'), 'documented').channels[0].id, 'application/json');
});

test('a frame round-trips through the test encoder in both layouts', () => {
  for (const layout of ['documented', 'reference']) {
    const bytes = encode(sample(), layout);
    const frame = decode(bytes, 'guess');
    assert.equal(frame.layout, layout);
    assert.deepEqual(frame.channels.map((c) => c.id), ['temperature', 'camera', 'empty', 'log']);
    assert.equal(frame.channels[3].type, 'text/plain; charset=utf-8');
    assert.equal(new TextDecoder().decode(frame.channels[3].items[0].data), 'héllo');
    assert.deepEqual([...frame.channels[1].items[0].data], [0xff, 0xd8, 0xff]);
  }
});

test('item data is a view into the input, not a copy', () => {
  const bytes = encode(sample());
  const frame = decode(bytes);
  assert.equal(frame.channels[0].items[0].data.buffer, bytes.buffer);
  // An ArrayBuffer and a view at an offset work too.
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 7);
  assert.equal(decode(padded.subarray(7)).channels.length, 4);
  assert.equal(decode(bytes.buffer.slice(0)).channels.length, 4);
});

test('an empty frame decodes, and the guess falls back to documented', () => {
  const bytes = encode({ startAt: 10, endAt: 20, channels: [] });
  assert.equal(bytes.length, 30);
  const frame = decode(bytes, 'guess');
  assert.deepEqual(frame.channels, []);
  assert.equal(frame.guess.layout, 'documented');
  assert.equal(frame.guess.certain, false);
});

test('the layout guess: majority wins, ties and undecided records go to documented', () => {
  const ch = (id, type) => ({ id, type, items: [] });
  // Records whose strings both look like types (or neither) do not vote.
  const undecided = encode({ startAt: 0, endAt: 1, channels: [ch('a/b', 'c/d'), ch('x', 'y')] });
  assert.deepEqual([guessLayout(undecided).layout, guessLayout(undecided).certain], ['documented', false]);
  // Two reference votes against one documented.
  const docBytes = encode({ startAt: 0, endAt: 1, channels: [ch('text/plain', 'id-one')] }, 'reference');
  const refA = encode({ startAt: 0, endAt: 1, channels: [ch('a', 'text/plain'), ch('b', 'image/png'), ch('text/csv', 'c')] }, 'reference');
  const g = guessLayout(refA);
  assert.equal(g.layout, 'reference');
  assert.equal(g.certain, false);
  assert.equal(guessLayout(docBytes).layout, 'documented'); // reference-written, but the id looks like a type
  // A tie goes to documented.
  const tie = encode({ startAt: 0, endAt: 1, channels: [ch('a', 'text/plain'), ch('text/csv', 'c')] }, 'reference');
  assert.equal(guessLayout(tie).layout, 'documented');
});

test('MIME type recognition follows RFC 6838 restricted names', () => {
  for (const yes of ['application/json', 'text/plain; charset=utf-8', 'image/svg+xml', 'application/vnd.api+json', 'a/b', 'x-foo/bar_baz', 'text/plain \t;q=1', 'application/octet-stream']) {
    assert.equal(looksLikeMimeType(yes), true, yes);
  }
  for (const no of ['', 'temperature', '/json', 'text/', 'text', '-a/b', 'a/-b', 'a b/c', 'text/plain x', 'text/pl ain', 'tëxt/plain', 'a/b/c', `${'a'.repeat(128)}/b`]) {
    assert.equal(looksLikeMimeType(no), false, no);
  }
  assert.equal(looksLikeMimeType(`${'a'.repeat(127)}/b`), true);
});

test('header: truncated, unsupported version, overflow, time range, size mismatch', () => {
  const good = encode(sample());
  for (const n of [0, 1]) expectError(good.subarray(0, n), 'HeaderTruncated');
  for (const n of [2, 5, 6, 13, 14, 21, 22, 29]) expectError(good.subarray(0, n), 'HeaderTruncated');
  expectError(patch(good, 0, 'u16', 2), 'UnsupportedVersion');
  assert.throws(() => decode(patch(good, 0, 'u16', 7)), /version 7/);
  expectError(patch(good, 0, 'u16', 0).subarray(0, 3), 'UnsupportedVersion');
  expectError(patch(good, 6, 'u64', 2n ** 64n - 1n), 'SizeOverflow');
  expectError(patch(good, 6, 'u64', 2n ** 63n), 'SizeOverflow');
  expectError(patch(good, 22, 'i64', 1_699_999_999_999), 'InvalidTimeRange');
  expectError(good.subarray(0, good.length - 1), 'SectionTruncated');
  expectError(patch(good, 2, 'u32', 0xffffffff), 'SectionTruncated');
  // A data size near the largest accepted is still only "truncated", never an allocation.
  expectError(patch(good, 6, 'u64', (2n ** 63n) - 1n - 30n - 0xffffffffn), 'SectionTruncated');
  const longer = new Uint8Array(good.length + 3);
  longer.set(good);
  expectError(longer, 'TrailingBytes');
  assert.deepEqual(Object.keys(parseHeader(good)), ['version', 'metadataSize', 'dataSize', 'startAt', 'endAt']);
});

// A frame with hand-made metadata: records [{offset, first, second}] and raw data bytes.
function raw({ records, data = new Uint8Array(), startAt = 0, endAt = 10 }) {
  const enc = new TextEncoder();
  const parts = records.map((r) => {
    const a = typeof r.first === 'string' ? enc.encode(r.first) : r.first;
    const b = typeof r.second === 'string' ? enc.encode(r.second) : r.second;
    const rec = new Uint8Array(16 + a.length + b.length);
    const v = new DataView(rec.buffer);
    v.setBigUint64(0, BigInt(r.offset));
    v.setUint32(8, r.firstSize ?? a.length);
    v.setUint32(12, r.secondSize ?? b.length);
    rec.set(a, 16);
    rec.set(b, 16 + a.length);
    return rec;
  });
  const meta = parts.reduce((n, p) => n + p.length, 0) + (records.extra ?? 0);
  const out = new Uint8Array(30 + meta + data.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, 1);
  v.setUint32(2, meta);
  v.setBigUint64(6, BigInt(data.length));
  v.setBigInt64(14, BigInt(startAt));
  v.setBigInt64(22, BigInt(endAt));
  let pos = 30;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  out.set(data, 30 + meta);
  return out;
}

function item(timestamp, size, payloadLength = size) {
  const out = new Uint8Array(16 + payloadLength);
  const v = new DataView(out.buffer);
  v.setBigInt64(0, BigInt(timestamp));
  v.setBigUint64(8, BigInt(size));
  return out;
}

const cat = (...arrays) => {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let pos = 0;
  for (const a of arrays) {
    out.set(a, pos);
    pos += a.length;
  }
  return out;
};

test('metadata: records cut inside fixed fields and strings past the section', () => {
  for (const extra of [1, 8, 12, 15]) {
    const records = [];
    records.extra = extra;
    expectError(raw({ records }), 'RecordTruncated');
  }
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a', firstSize: 100 }] }), 'StringOutOfBounds');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a', secondSize: 2 }] }), 'StringOutOfBounds');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a', firstSize: 0xffffffff }] }), 'StringOutOfBounds');
});

test('metadata: empty id or type, invalid UTF-8, duplicate ids', () => {
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: '' }] }), 'EmptyChannelId');
  expectError(raw({ records: [{ offset: 0, first: '', second: 'a' }] }), 'EmptyChannelType');
  expectError(raw({ records: [{ offset: 0, first: 'a', second: '' }] }), 'EmptyChannelType', 'reference');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: new Uint8Array([0x61, 0xff]) }] }), 'InvalidUtf8');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: new Uint8Array([0xc0, 0x80]) }] }), 'InvalidUtf8'); // overlong
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: new Uint8Array([0xed, 0xa0, 0x80]) }] }), 'InvalidUtf8'); // surrogate
  expectError(raw({ records: [{ offset: 0, first: new Uint8Array([0xe2, 0x82]), second: 'a' }] }), 'InvalidUtf8');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 0, first: 'text/csv', second: 'a' }] }), 'DuplicateChannel');
  // A byte order mark is kept, as the application keeps it.
  const bom = decode(raw({ records: [{ offset: 0, first: 'text/plain', second: '\ufeffa' }] }));
  assert.equal(bom.channels[0].id, '\ufeffa');
});

test('offsets: start at 0, never decrease, stay within the data size', () => {
  const data = cat(item(1, 2), item(2, 0));
  expectError(raw({ records: [{ offset: 18, first: 'text/plain', second: 'a' }], data }), 'FirstOffsetNotZero');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 35, first: 'text/plain', second: 'b' }], data }), 'OffsetOutOfRange');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 2n ** 64n - 1n, first: 'text/plain', second: 'b' }], data }), 'OffsetOutOfRange');
  expectError(raw({
    records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 18, first: 'text/plain', second: 'b' }, { offset: 10, first: 'text/plain', second: 'c' }],
    data,
  }), 'OffsetDecreasing');
  expectError(raw({ records: [], data }), 'DataWithoutChannels');
  // Valid: the second channel starts where the first ends, the third is empty at the end.
  const ok = decode(raw({
    records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 18, first: 'text/plain', second: 'b' }, { offset: 34, first: 'text/plain', second: 'c' }],
    data,
  }));
  assert.deepEqual(ok.channels.map((c) => c.items.length), [1, 1, 0]);
});

test('items: cut inside the fixed fields, or overrunning their channel', () => {
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }], data: new Uint8Array(7) }), 'ItemTruncated');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }], data: new Uint8Array(15) }), 'ItemTruncated');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }], data: item(1, 5, 4) }), 'ItemOverrun');
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }], data: item(1, 2n ** 64n - 1n, 4) }), 'ItemOverrun');
  // The item's size fits the data section but not its channel: the next channel owns the bytes.
  const data = cat(item(1, 20, 2), item(2, 2));
  expectError(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }, { offset: 18, first: 'text/plain', second: 'b' }], data }), 'ItemOverrun');
  assert.throws(() => decode(raw({ records: [{ offset: 0, first: 'text/plain', second: 'a' }], data: item(1, 5, 4) })), (e) => e.offset === 30 + 27 + 8); // header, one 27-byte record, the item's size field
});

test('negative and huge timestamps are kept exactly', () => {
  const frame = decode(encode({ startAt: -5, endAt: 2 ** 60, channels: [{ id: 'a', type: 'text/plain', items: [{ timestamp: -3, data: 'x' }] }] }));
  assert.equal(frame.startAt, -5);
  assert.equal(frame.endAt, 2n ** 60n);
  assert.equal(frame.channels[0].items[0].timestamp, -3);
});

test('random corruption never escapes as anything but a TimeFrameError', () => {
  const good = encode(sample());
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let failures = 0;
  for (let round = 0; round < 3000; ++round) {
    const bytes = new Uint8Array(good);
    const flips = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < flips; ++i) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
    const cut = rnd() < 0.2 ? Math.floor(rnd() * bytes.length) : bytes.length;
    try {
      decode(bytes.subarray(0, cut), rnd() < 0.5 ? 'guess' : 'documented');
    } catch (e) {
      assert.ok(e instanceof TimeFrameError, `round ${round}: ${e}`);
      ++failures;
    }
  }
  assert.ok(failures > 0);
});
