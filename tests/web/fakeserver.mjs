// SPDX-License-Identifier: MIT
// A small stand-in for the application's HTTP server, for the web player's browser test and for
// working on the page: serves resources/web/ at / and the API the page uses, on 127.0.0.1 only.
//
//   node tests/web/fakeserver.mjs [--port 8080] [--frame-ms 10000] [--layout documented|reference]
//        [--clock-offset ms | --clock-at ms] [--example path/to/example.tf]
//        [--synthetic [--history seconds]] [--exit-after seconds]
//
// Extra routes for tests (not part of the real API): POST /_fake/miss/{id} loses a frame, finished
// or not yet (GET answers 404, the index leaves it out), POST /_fake/down/{ms} makes the server refuse every request for a
// while, as a restart does.

import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from './lib/tfencode.mjs';
import { decode } from '../../resources/web/js/timeframe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = path.resolve(here, '../../resources/web');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

function isJsonType(type) {
  const t = type.toLowerCase().split(';')[0].trim();
  return t === 'application/json' || t.endsWith('+json');
}

async function loadStatic(root) {
  const files = new Map();
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const body = await readFile(full);
        const rel = '/' + path.relative(root, full).split(path.sep).join('/');
        files.set(rel, { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`, type: MIME[path.extname(full)] ?? 'application/octet-stream' });
      }
    }
  };
  await walk(root);
  return files;
}

export async function startFakeServer({
  port = 0,
  frameMs = 10_000,
  layout = 'documented',
  clockOffset = 0,
  clockAt = null,
  example = null,
  synthetic = false,
  history = 0,
  webRoot = WEB_ROOT,
  log = () => {},
} = {}) {
  const files = await loadStatic(webRoot);
  const offset = clockAt !== null ? clockAt - Date.now() : clockOffset;
  const now = () => Date.now() + offset;

  const finished = new Map(); // id -> {summary, bytes, etag}
  const channels = new Map(); // id -> {id, type, items, lastTimestamp, recent: []}
  const subscribers = new Set();
  const missing = new Set(); // frames lost on purpose (tests)
  let downUntil = 0;
  let open = null;

  const frameIdFor = (t) => Math.floor(t / frameMs) * frameMs;

  function summarize(frame, bytes) {
    const items = frame.channels.reduce((n, c) => n + c.items.length, 0);
    return { startAt: frame.startAt, endAt: frame.endAt, id: String(frame.startAt), channels: frame.channels.length, items, size: bytes.length };
  }

  function addFinished(frame, bytes = encode(frame, layout)) {
    if (missing.has(frame.startAt)) return summarize(frame, bytes);
    const summary = summarize(frame, bytes);
    finished.set(frame.startAt, { summary, bytes, etag: `"tf-${frame.startAt}-${bytes.length}"` });
    return summary;
  }

  function openFrame(t) {
    const startAt = frameIdFor(t);
    open = { startAt, endAt: startAt + frameMs, channels: [] };
  }

  function roll() {
    const t = now();
    while (open && t >= open.endAt) {
      const summary = addFinished(open);
      broadcast('frame', summary);
      log(`frame ${open.startAt} finished: ${summary.items} items`);
      openFrame(open.endAt);
    }
  }

  openFrame(now());
  const rollTimer = setInterval(roll, 10);

  if (example) {
    const bytes = new Uint8Array(await readFile(example));
    const frame = decode(bytes, 'guess');
    addFinished(frame, layout === frame.layout ? bytes : encode(frame, layout));
    for (const c of frame.channels) {
      const ch = touchChannel(c.id, c.type);
      for (const item of c.items) noteItem(ch, item.timestamp);
    }
  }

  function touchChannel(id, type) {
    let c = channels.get(id);
    if (!c) {
      c = { id, type, items: 0, lastTimestamp: null, recent: [] };
      channels.set(id, c);
    }
    c.type = type;
    return c;
  }

  function noteItem(c, timestamp) {
    c.items += 1;
    c.lastTimestamp = Math.max(c.lastTimestamp ?? timestamp, timestamp);
    c.recent.push(timestamp);
    while (c.recent.length && c.recent[0] < now() - 10_000) c.recent.shift();
  }

  // Adds one event to the open frame and tells the live subscribers.
  function accept(channelId, type, data) {
    roll();
    const timestamp = now();
    let channel = open.channels.find((c) => c.id === channelId);
    if (!channel) {
      channel = { id: channelId, type, items: [] };
      open.channels.push(channel);
    }
    channel.items.push({ timestamp, data });
    noteItem(touchChannel(channelId, type), timestamp);
    const message = { channel: channelId, type, timestamp, frameId: String(open.startAt) };
    if (isJsonType(type)) message.json = JSON.parse(Buffer.from(data).toString('utf8'));
    else message.base64 = Buffer.from(data).toString('base64');
    broadcast('message', message, channelId);
    return { channel: channelId, timestamp, frameId: String(open.startAt) };
  }

  function broadcast(event, data, channelId = null) {
    const text = (event === 'message' ? '' : `event: ${event}\n`) + `data: ${JSON.stringify(data)}\n\n`;
    for (const sub of subscribers) {
      if (channelId !== null && sub.filter && !sub.filter.has(channelId)) continue;
      if (sub.res.writableLength > 256 * 1024) {
        sub.res.end(`event: dropped\ndata: ${JSON.stringify({ reason: 'slow subscriber' })}\n\n`);
        subscribers.delete(sub);
        continue;
      }
      sub.res.write(text);
    }
  }

  // Demo data: a temperature sensor, a CPU monitor, a log and a camera's binary blobs.
  function syntheticEvents(n, tMs) {
    const t = tMs / 1000;
    const out = [['temperature', 'application/json', JSON.stringify({ celsius: +(21 + 1.5 * Math.sin(t / 7) + 0.2 * Math.sin(t * 1.3)).toFixed(2), humidity: +(48 + 6 * Math.cos(t / 11)).toFixed(1) })]];
    if (n % 2 === 0) out.push(['cpu', 'application/json', JSON.stringify({ load: +(0.45 + 0.3 * Math.sin(t / 3) + 0.08 * Math.sin(t * 2.1)).toFixed(3), cores: { 0: +(40 + 25 * Math.sin(t / 2)).toFixed(1), 1: +(55 + 20 * Math.cos(t / 5)).toFixed(1) } })]);
    if (n % 8 === 0) out.push(['log', 'text/plain; charset=utf-8', `${['sensor poll ok', 'uplink 42 ms', 'frame archived', 'client joined: 10.0.0.17', 'calibration drift 0.02 °C'][(n / 8) % 5]} (#${n / 8})`]);
    if (n % 12 === 3) out.push(['camera-1', 'application/octet-stream', Buffer.from(Array.from({ length: 1536 + (n % 7) * 64 }, (_, i) => (i * 7 + n) & 0xff))]);
    return out;
  }

  let syntheticTimer = null;
  if (synthetic) {
    const step = 250;
    // History, so that charts have something to show from the start.
    let n = 0;
    const start = frameIdFor(now() - history);
    for (let fs = start; fs < open.startAt; fs += frameMs) {
      const frame = { startAt: fs, endAt: fs + frameMs, channels: [] };
      for (let t = fs; t < fs + frameMs; t += step, ++n) {
        for (const [id, type, data] of syntheticEvents(n, t)) {
          let c = frame.channels.find((x) => x.id === id);
          if (!c) frame.channels.push((c = { id, type, items: [] }));
          c.items.push({ timestamp: t, data: typeof data === 'string' ? data : new Uint8Array(data) });
          noteItem(touchChannel(id, type), t);
        }
      }
      addFinished(frame);
    }
    syntheticTimer = setInterval(() => {
      for (const [id, type, data] of syntheticEvents(n, now())) accept(id, type, Buffer.from(data));
      ++n;
    }, step);
  }

  function send(res, status, body, headers = {}) {
    const payload = typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(payload);
  }

  const error = (res, status, message, detail = '') => send(res, status, { error: message, detail });

  function readBody(req, limit = 1 << 20) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size > limit) reject(Object.assign(new Error('too large'), { status: 413 }));
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  const server = http.createServer(async (req, res) => {
    res.setHeader('Date', new Date(now()).toUTCString());
    if (Date.now() < downUntil) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const p = url.pathname;
    try {
      if (req.method === 'POST' || req.method === 'PUT') {
        let m;
        if ((m = p.match(/^\/_fake\/miss\/(\d+)$/))) {
          missing.add(Number(m[1]));
          finished.delete(Number(m[1]));
          return send(res, 200, { ok: true });
        }
        if ((m = p.match(/^\/_fake\/down\/(\d+)$/))) {
          downUntil = Date.now() + Number(m[1]);
          for (const sub of subscribers) sub.res.destroy();
          subscribers.clear();
          send(res, 200, { ok: true });
          return;
        }
        if ((m = p.match(/^\/(?:channel|event)\/([^/]+)$/))) {
          const id = decodeURIComponent(m[1]);
          const type = req.headers['content-type'];
          if (!type) return error(res, 415, 'missing Content-Type');
          const body = await readBody(req);
          if (isJsonType(type)) {
            try {
              JSON.parse(body.toString('utf8'));
            } catch {
              return error(res, 400, 'the body is not valid JSON');
            }
          }
          return send(res, 201, accept(id, type, new Uint8Array(body)));
        }
        return error(res, 404, 'not found');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'method not allowed');

      if (p === '/time') return send(res, 200, { now: now() }, { 'Cache-Control': 'no-store' });
      if (p === '/frame') {
        roll();
        const from = url.searchParams.has('from') ? Number(url.searchParams.get('from')) : -Infinity;
        const to = url.searchParams.has('to') ? Number(url.searchParams.get('to')) : Infinity;
        const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : Infinity;
        const list = [...finished.values()].map((f) => f.summary)
          .filter((s) => s.endAt > from && s.startAt < to)
          .sort((a, b) => b.startAt - a.startAt)
          .slice(0, limit);
        return send(res, 200, list, { 'Cache-Control': 'no-store' });
      }
      if (p === '/frame/current') {
        roll();
        return send(res, 200, Buffer.from(encode(open, layout)), { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
      }
      let m;
      if ((m = p.match(/^\/(?:frame\/)?(\d+)$/))) {
        roll();
        const f = finished.get(Number(m[1]));
        if (!f) return error(res, 404, 'no such frame', m[1]);
        if (req.headers['if-none-match'] === f.etag) {
          res.writeHead(304, { ETag: f.etag });
          return res.end();
        }
        return send(res, 200, Buffer.from(f.bytes), { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'public, max-age=31536000, immutable', ETag: f.etag });
      }
      if (p === '/channels') {
        const list = [...channels.values()].map((c) => ({
          id: c.id, type: c.type, items: c.items, lastTimestamp: c.lastTimestamp,
          rate: c.recent.filter((t) => t > now() - 10_000).length / 10,
        }));
        return send(res, 200, list, { 'Cache-Control': 'no-store' });
      }
      if (p === '/events') {
        const filter = url.searchParams.get('channels');
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        const sub = { res, filter: filter ? new Set(filter.split(',')) : null };
        subscribers.add(sub);
        req.on('close', () => subscribers.delete(sub));
        return;
      }
      const file = files.get(p === '/' ? '/index.html' : p);
      if (file) {
        const headers = { 'Content-Type': file.type, ETag: file.etag, 'Cache-Control': 'no-cache' };
        if (req.headers['if-none-match'] === file.etag) {
          res.writeHead(304, headers);
          return res.end();
        }
        res.writeHead(200, headers);
        return res.end(req.method === 'HEAD' ? undefined : file.body);
      }
      return error(res, 404, 'not found', p);
    } catch (e) {
      return error(res, e.status ?? 500, e.message);
    }
  });

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    now,
    frameMs,
    offset,
    accept,
    close: () => new Promise((resolve) => {
      clearInterval(rollTimer);
      clearInterval(syntheticTimer);
      for (const sub of subscribers) sub.res.destroy();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

// Command line.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const server = await startFakeServer({
    port: Number(opt('port', 8080)),
    frameMs: Number(opt('frame-ms', 10_000)),
    layout: opt('layout', 'documented'),
    clockOffset: Number(opt('clock-offset', 0)),
    clockAt: opt('clock-at', null) === null ? null : Number(opt('clock-at')),
    example: opt('example', null),
    synthetic: args.includes('--synthetic'),
    history: Number(opt('history', 90)) * 1000,
    log: (line) => console.log(line),
  });
  console.log(`fake server on ${server.url}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const limit = Number(opt('exit-after', 0));
  if (limit > 0) setTimeout(stop, limit * 1000).unref();
}
