// SPDX-License-Identifier: MIT
// TimeFrame version 1 decoder for the web player.
//
// Layout (all integers big-endian):
//   header, 30 bytes: version u16, metadata size u32, data size u64, startAt i64, endAt i64
//   metadata: per channel: data offset u64, two u32 string sizes, the two strings
//     documented layout: type size, id size, type, id
//     reference layout:  id size, type size, id, type
//   data: per channel, its items back to back: timestamp i64, size u64, bytes
//
// Like the application's own decoder, it never trusts a length: every size and offset is
// checked against the bytes actually present before anything is read or allocated.

export const VERSION = 1;
export const HEADER_SIZE = 30;
export const RECORD_FIXED_SIZE = 16;
export const ITEM_FIXED_SIZE = 16;

export const Layout = Object.freeze({ Documented: 'documented', Reference: 'reference' });

// The error codes match the application's decoder (core/format/result.h).
export class TimeFrameError extends Error {
  constructor(code, offset, message) {
    super(message);
    this.name = 'TimeFrameError';
    this.code = code;
    this.offset = offset;
  }
}

const MAX_U32 = 0xffffffff;
// The largest data size the application accepts: i64 max - header - u32 max.
const MAX_DATA_SIZE = (1n << 63n) - 1n - BigInt(HEADER_SIZE) - BigInt(MAX_U32);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('a TimeFrame must be given as an ArrayBuffer or a Uint8Array');
}

function fail(code, offset, message) {
  throw new TimeFrameError(code, offset, message);
}

const HEADER_FIELDS = [
  [0, 2, 'version'],
  [2, 4, 'metadata size'],
  [6, 8, 'data size'],
  [14, 8, 'start timestamp'],
  [22, 8, 'end timestamp'],
];

function headerTruncated(available) {
  for (const [offset, size, name] of HEADER_FIELDS) {
    if (available < offset + size) {
      fail('HeaderTruncated', offset,
        `the file ends inside the header's ${name} field: ${available} bytes where the header needs ${HEADER_SIZE}`);
    }
  }
  throw new Error('unreachable');
}

// Reads and checks the header against the whole of bytes (exactly one frame).
export function parseHeader(input) {
  const bytes = toBytes(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 2) headerTruncated(bytes.length);
  const version = view.getUint16(0);
  if (version !== VERSION) {
    fail('UnsupportedVersion', 0,
      `TimeFrame version ${version} is not supported (this player reads version ${VERSION})`);
  }
  if (bytes.length < HEADER_SIZE) headerTruncated(bytes.length);
  const metadataSize = view.getUint32(2);
  const dataSize = view.getBigUint64(6);
  const startAt = view.getBigInt64(14);
  const endAt = view.getBigInt64(22);
  if (dataSize > MAX_DATA_SIZE) {
    fail('SizeOverflow', 6, `the header declares a data size of ${dataSize} bytes, which no frame can have`);
  }
  if (endAt < startAt) {
    fail('InvalidTimeRange', 22, `the frame ends (${endAt}) before it starts (${startAt})`);
  }
  const total = BigInt(HEADER_SIZE) + BigInt(metadataSize) + dataSize;
  const available = BigInt(bytes.length);
  if (total > available) {
    fail('SectionTruncated', bytes.length,
      `the header declares ${metadataSize} bytes of metadata and ${dataSize} of data, ${total} in all, but only ${bytes.length} are present`);
  }
  if (total < available) {
    fail('TrailingBytes', Number(total), `${available - total} bytes follow the end of the frame at byte ${total}`);
  }
  // total fits in the buffer, so every size is now a safe Number.
  return {
    version,
    metadataSize,
    dataSize: Number(dataSize),
    startAt: toSafeNumber(startAt),
    endAt: toSafeNumber(endAt),
  };
}

// Timestamps are UNIX ms; outside the safe integer range they are kept exact as BigInt.
function toSafeNumber(big) {
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

// Splits the metadata section into records; checks only that every field lies inside it.
function parseRecords(bytes, view, header) {
  const records = [];
  const end = HEADER_SIZE + header.metadataSize;
  let pos = HEADER_SIZE;
  while (pos < end) {
    const left = end - pos;
    if (left < RECORD_FIXED_SIZE) {
      const field = left < 8 ? 'data offset' : left < 12 ? 'first string size' : 'second string size';
      const fieldOffset = pos + (left < 8 ? 0 : left < 12 ? 8 : 12);
      fail('RecordTruncated', fieldOffset,
        `the metadata section ends inside the ${field} of record ${records.length}: ${left} bytes left where a record needs at least ${RECORD_FIXED_SIZE}`);
    }
    const dataOffset = view.getBigUint64(pos);
    const firstSize = view.getUint32(pos + 8);
    const secondSize = view.getUint32(pos + 12);
    const strings = left - RECORD_FIXED_SIZE;
    if (firstSize > strings) {
      fail('StringOutOfBounds', pos + 8,
        `record ${records.length}'s first string claims ${firstSize} bytes but only ${strings} remain in the metadata section`);
    }
    if (secondSize > strings - firstSize) {
      fail('StringOutOfBounds', pos + 12,
        `record ${records.length}'s second string claims ${secondSize} bytes but only ${strings - firstSize} remain in the metadata section`);
    }
    records.push({
      recordOffset: pos,
      dataOffset,
      first: { offset: pos + RECORD_FIXED_SIZE, size: firstSize },
      second: { offset: pos + RECORD_FIXED_SIZE + firstSize, size: secondSize },
    });
    pos += RECORD_FIXED_SIZE + firstSize + secondSize;
  }
  return records;
}

function isAlnum(c) {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

// RFC 6838 restricted-name characters: ALPHA DIGIT ! # $ & - ^ _ . +
function isRestrictedNameChar(c) {
  return isAlnum(c) || c === 0x21 || c === 0x23 || c === 0x24 || c === 0x26 || c === 0x2d
    || c === 0x5e || c === 0x5f || c === 0x2e || c === 0x2b;
}

// Length of the restricted name at bytes[start..end) (1 to 127 characters, starting with a
// letter or digit), or 0 where there is none.
function restrictedName(bytes, start, end) {
  if (start >= end || !isAlnum(bytes[start])) return 0;
  let n = 1;
  while (start + n < end && isRestrictedNameChar(bytes[start + n])) ++n;
  return n <= 127 ? n : 0;
}

// Whether the bytes look like a MIME type: type "/" subtype, optionally followed by
// white space and parameters after ";".
export function looksLikeMimeType(input, offset = 0, size = undefined) {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : toBytes(input);
  const end = offset + (size === undefined ? bytes.length - offset : size);
  const type = restrictedName(bytes, offset, end);
  if (type === 0 || offset + type >= end || bytes[offset + type] !== 0x2f) return false;
  const subtype = restrictedName(bytes, offset + type + 1, end);
  if (subtype === 0) return false;
  let pos = offset + type + 1 + subtype;
  while (pos < end && (bytes[pos] === 0x20 || bytes[pos] === 0x09)) ++pos;
  return pos === end || bytes[pos] === 0x3b;
}

function guessFromRecords(records, bytes) {
  let documented = 0; // the first string looks like a type, the second does not
  let reference = 0; // the second string looks like a type, the first does not
  for (const r of records) {
    const firstMime = looksLikeMimeType(bytes, r.first.offset, r.first.size);
    const secondMime = looksLikeMimeType(bytes, r.second.offset, r.second.size);
    if (firstMime && !secondMime) ++documented;
    else if (secondMime && !firstMime) ++reference;
  }
  if (documented === 0 && reference === 0) {
    return {
      layout: Layout.Documented,
      certain: false,
      reason: records.length === 0
        ? 'The frame has no channels; the documented layout was assumed.'
        : 'No channel record tells the layouts apart; the documented layout was assumed.',
    };
  }
  if (documented >= reference) {
    return {
      layout: Layout.Documented,
      certain: reference === 0,
      reason: `In ${documented} of ${records.length} channel records the type comes first, as in the documented layout.`,
    };
  }
  return {
    layout: Layout.Reference,
    certain: documented === 0,
    reason: `In ${reference} of ${records.length} channel records the id comes first, as in the reference layout.`,
  };
}

// Guesses the layout of a frame from which string of each record looks like a MIME type.
// Throws a TimeFrameError only where the bytes are not a structurally valid frame.
export function guessLayout(input) {
  const bytes = toBytes(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = parseHeader(bytes);
  return guessFromRecords(parseRecords(bytes, view, header), bytes);
}

function decodeString(bytes, field, what, index) {
  try {
    return utf8.decode(bytes.subarray(field.offset, field.offset + field.size));
  } catch {
    fail('InvalidUtf8', field.offset, `the ${what} of channel ${index} is not valid UTF-8`);
  }
}

// Decodes a whole frame. layout: 'documented' (default), 'reference', or 'guess'.
// Returns {version, startAt, endAt, layout, guess, channels: [{id, type, items: [{timestamp, data}]}]}
// where data is a Uint8Array view into the input (no copy).
export function decode(input, layout = Layout.Documented) {
  const bytes = toBytes(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = parseHeader(bytes);
  const records = parseRecords(bytes, view, header);
  let guess = null;
  if (layout === 'guess' || layout === undefined || layout === null) {
    guess = guessFromRecords(records, bytes);
    layout = guess.layout;
  } else if (layout !== Layout.Documented && layout !== Layout.Reference) {
    throw new TypeError(`unknown TimeFrame layout "${layout}"`);
  }

  const dataStart = HEADER_SIZE + header.metadataSize;
  const dataSize = header.dataSize;
  if (records.length === 0 && dataSize > 0) {
    fail('DataWithoutChannels', dataStart, `the data section holds ${dataSize} bytes but the frame has no channel`);
  }

  const channels = [];
  const seen = new Set();
  const bigDataSize = BigInt(dataSize);
  for (let i = 0; i < records.length; ++i) {
    const r = records[i];
    if (i === 0 && r.dataOffset !== 0n) {
      fail('FirstOffsetNotZero', r.recordOffset, `the first channel's items start at data offset ${r.dataOffset}, not 0`);
    }
    if (r.dataOffset > bigDataSize) {
      fail('OffsetOutOfRange', r.recordOffset,
        `channel ${i} starts at data offset ${r.dataOffset}, past the data size ${dataSize}`);
    }
    if (i > 0 && r.dataOffset < records[i - 1].dataOffset) {
      fail('OffsetDecreasing', r.recordOffset,
        `channel ${i} starts at data offset ${r.dataOffset}, before the previous channel's ${records[i - 1].dataOffset}`);
    }
    const documented = layout === Layout.Documented;
    const idField = documented ? r.second : r.first;
    const typeField = documented ? r.first : r.second;
    if (idField.size === 0) fail('EmptyChannelId', idField.offset, `channel ${i} has an empty id`);
    if (typeField.size === 0) fail('EmptyChannelType', typeField.offset, `channel ${i} has an empty type`);
    const id = decodeString(bytes, idField, 'id', i);
    const type = decodeString(bytes, typeField, 'type', i);
    if (seen.has(id)) fail('DuplicateChannel', idField.offset, `channel id "${id}" appears twice`);
    seen.add(id);
    channels.push({ id, type, items: [], begin: Number(r.dataOffset) });
  }

  // Every offset now lies in [0, dataSize] and never decreases, and the buffer holds exactly
  // dataStart + dataSize bytes, so the walk below stays inside it.
  for (let i = 0; i < channels.length; ++i) {
    const channel = channels[i];
    const end = i + 1 < channels.length ? channels[i + 1].begin : dataSize;
    let pos = channel.begin;
    while (pos < end) {
      const left = end - pos;
      if (left < ITEM_FIXED_SIZE) {
        const inTimestamp = left < 8;
        fail('ItemTruncated', dataStart + pos + (inTimestamp ? 0 : 8),
          `channel "${channel.id}" ends inside an item's ${inTimestamp ? 'timestamp' : 'data size'}: ${left} bytes left where an item needs at least ${ITEM_FIXED_SIZE}`);
      }
      const timestamp = toSafeNumber(view.getBigInt64(dataStart + pos));
      const size = view.getBigUint64(dataStart + pos + 8);
      if (size > BigInt(left - ITEM_FIXED_SIZE)) {
        fail('ItemOverrun', dataStart + pos + 8,
          `an item of channel "${channel.id}" claims ${size} bytes but only ${left - ITEM_FIXED_SIZE} remain in the channel`);
      }
      const n = Number(size);
      const from = dataStart + pos + ITEM_FIXED_SIZE;
      channel.items.push({ timestamp, data: bytes.subarray(from, from + n) });
      pos += ITEM_FIXED_SIZE + n;
    }
    delete channel.begin;
  }

  return {
    version: header.version,
    startAt: header.startAt,
    endAt: header.endAt,
    layout,
    guess,
    channels,
  };
}
