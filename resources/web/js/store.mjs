// SPDX-License-Identifier: MIT
// What the page knows about each channel: type, last value, rate, numeric series, text log and
// binary preview. Free of browser APIs, so it is tested in Node.

const utf8 = new TextDecoder('utf-8'); // replaces invalid sequences with U+FFFD

export function kindOf(type) {
  const t = String(type ?? '').toLowerCase().split(';')[0].trim();
  if (t === 'application/json' || t.endsWith('+json') || t === 'text/json') return 'json';
  if (t.startsWith('text/') || t === 'application/xml' || t.endsWith('+xml') || t === 'application/javascript'
      || t === 'application/x-ndjson' || t === 'application/yaml') return 'text';
  return 'binary';
}

export function base64ToBytes(text) {
  if (typeof atob === 'function') {
    const raw = atob(text);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; ++i) out[i] = raw.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function hexPreview(bytes, max = 32) {
  const n = Math.min(bytes.length, max);
  let out = '';
  for (let i = 0; i < n; ++i) out += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
  return bytes.length > max ? `${out} …` : out;
}

// The numeric fields of a JSON value as [name, number] pairs: object members by dotted path,
// array elements by index, a bare number as "value". Bounded in depth and count.
export function numericFields(value, { maxFields = 8, maxDepth = 4 } = {}) {
  const out = [];
  const walk = (v, path, depth) => {
    if (out.length >= maxFields) return;
    if (typeof v === 'number' && Number.isFinite(v)) {
      out.push([path || 'value', v]);
    } else if (v && typeof v === 'object' && depth < maxDepth) {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
      for (const [k, x] of entries) walk(x, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(value, '', 0);
  return out;
}

const RATE_WINDOW_MS = 10_000;

export class ChannelStore {
  constructor({ historyMs = 120_000, maxPoints = 4000, maxLog = 200 } = {}) {
    this.historyMs = historyMs;
    this.maxPoints = maxPoints;
    this.maxLog = maxLog;
    this.channels = new Map();
  }

  reset() {
    this.channels.clear();
  }

  ensure(id, type) {
    let c = this.channels.get(id);
    if (!c) {
      c = {
        id,
        type: type ?? '',
        kind: kindOf(type),
        count: 0,
        lastTimestamp: null,
        lastValue: null, // the text shown as the channel's value
        fields: new Map(), // name -> {last, points: [[t, v]]}
        log: [], // [{timestamp, text}]
        logRewrites: 0, // counts insertions before the end of the log
        size: null,
        hex: null,
        recent: [], // timestamps inside the rate window
        serverRate: null, // from GET /channels, until the page has its own
        error: null,
      };
      this.channels.set(id, c);
    } else if (type && c.type !== type) {
      c.type = type;
      c.kind = kindOf(type);
    }
    return c;
  }

  // item: {channel, type, timestamp, data?: Uint8Array, json?: any, base64?: string}.
  // Returns the channel. Items older than the channel's last one still join its series and log
  // in their place, but do not replace the value shown.
  apply(item) {
    const c = this.ensure(item.channel, item.type);
    const t = item.timestamp;
    c.count += 1;
    const newest = c.lastTimestamp === null || t >= c.lastTimestamp;

    let bytes = item.data ?? null;
    if (!bytes && typeof item.base64 === 'string') bytes = base64ToBytes(item.base64);
    let display;
    if (c.kind === 'json') {
      let value = item.json;
      if (value === undefined && bytes) {
        try {
          value = JSON.parse(utf8.decode(bytes));
          c.error = null;
        } catch {
          value = undefined;
          c.error = 'not valid JSON';
        }
      }
      display = value === undefined ? (bytes ? utf8.decode(bytes) : '') : JSON.stringify(value);
      if (value !== undefined) {
        for (const [name, v] of numericFields(value)) {
          let field = c.fields.get(name);
          if (!field) {
            field = { last: null, lastTimestamp: null, points: [] };
            c.fields.set(name, field);
          }
          insertSorted(field.points, [t, v]);
          if (field.lastTimestamp === null || t >= field.lastTimestamp) {
            field.last = v;
            field.lastTimestamp = t;
          }
          trimPoints(field.points, this.historyMs, this.maxPoints);
        }
      }
    } else if (c.kind === 'text') {
      display = item.json !== undefined ? JSON.stringify(item.json) : utf8.decode(bytes ?? new Uint8Array());
      const at = insertSorted(c.log, { timestamp: t, text: display }, (e) => e.timestamp);
      if (at !== c.log.length - 1) c.logRewrites += 1;
      if (c.log.length > this.maxLog) c.log.splice(0, c.log.length - this.maxLog);
    } else {
      bytes = bytes ?? new TextEncoder().encode(item.json !== undefined ? JSON.stringify(item.json) : '');
      display = hexPreview(bytes);
      if (newest) {
        c.size = bytes.length;
        c.hex = display;
      }
    }

    insertSorted(c.recent, t, (x) => x);
    if (newest) {
      c.lastTimestamp = t;
      c.lastValue = display;
    }
    const cutoff = c.lastTimestamp - RATE_WINDOW_MS;
    let drop = 0;
    while (drop < c.recent.length && c.recent[drop] <= cutoff) ++drop;
    if (drop) c.recent.splice(0, drop);
    return c;
  }

  // Items per second over the last 10 s of data time before `now` (the playhead).
  rate(id, now) {
    const c = this.channels.get(id);
    if (!c) return 0;
    if (c.count === 0 && c.serverRate !== null) return c.serverRate;
    let n = 0;
    for (const t of c.recent) if (t > now - RATE_WINDOW_MS && t <= now) ++n;
    return n / (RATE_WINDOW_MS / 1000);
  }
}

function insertSorted(array, entry, key = (e) => e[0]) {
  const k = key(entry);
  let i = array.length;
  while (i > 0 && key(array[i - 1]) > k) --i;
  array.splice(i, 0, entry);
  return i;
}

function trimPoints(points, historyMs, maxPoints) {
  const cutoff = points[points.length - 1][0] - historyMs;
  let drop = 0;
  while (drop < points.length && points[drop][0] < cutoff) ++drop;
  drop = Math.max(drop, points.length - maxPoints);
  if (drop > 0) points.splice(0, drop);
}
