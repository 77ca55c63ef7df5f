// SPDX-License-Identifier: MIT
// Clock sync, the channel store, the live feed and the whole synchronized player loop on a
// virtual clock with a fake server: missed frames, a server that goes away, a restart, the short
// frames a stop and a restart leave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerClock, bestOffset, measureOffset } from '../../resources/web/js/clock.mjs';
import { ChannelStore, kindOf, numericFields, hexPreview } from '../../resources/web/js/store.mjs';
import { SyncPlayer } from '../../resources/web/js/syncplayer.mjs';
import { LiveFeed } from '../../resources/web/js/live.mjs';
import { encode } from './lib/tfencode.mjs';

test('clock: the sample with the smallest round trip wins', () => {
  const best = bestOffset([
    { t0: 100, t1: 180, serverNow: 5000 },
    { t0: 200, t1: 210, serverNow: 5105 },
    { t0: 300, t1: 360, serverNow: 5200 },
    null,
    { t0: 400, t1: 390, serverNow: 1 }, // a clock that went back: ignored
  ]);
  assert.equal(best.rtt, 10);
  assert.equal(best.offset, 5105 - 205);
  assert.equal(bestOffset([]), null);
});

test('clock: measureOffset over a jittery link finds the offset within half the best round trip', async () => {
  let t = 1_000;
  const trueOffset = -4321.5;
  const delays = [[30, 5], [2, 2], [14, 40], [9, 1], [50, 50]];
  let i = 0;
  const readServer = async () => {
    const [up, down] = delays[i++ % delays.length];
    t += up;
    const serverNow = t + trueOffset;
    t += down;
    return { now: serverNow };
  };
  const result = await measureOffset({ now: () => t, readServer, count: 5 });
  assert.equal(result.rtt, 4);
  assert.equal(result.offset, trueOffset);
  assert.ok(Math.abs(result.offset - trueOffset) <= result.rtt / 2);
});

test('clock: failures are skipped; all failing throws; the Date header is a fallback', async () => {
  let n = 0;
  const flaky = async () => {
    if (n++ % 2) throw new Error('network');
    return { now: 50 };
  };
  const r = await measureOffset({ now: () => 10, readServer: flaky, count: 4 });
  assert.equal(r.offset, 40);
  await assert.rejects(measureOffset({ now: () => 0, readServer: async () => { throw new Error('down'); }, count: 3 }), /down/);
  const clock = new ServerClock({ now: () => 1000, readServer: async () => ({ now: 61_000, precise: false }), count: 2 });
  await clock.sync();
  assert.equal(clock.offset, 60_000);
  assert.equal(clock.serverNow(), 61_000);
});

test('store: kinds, numeric fields, hex', () => {
  assert.equal(kindOf('application/json'), 'json');
  assert.equal(kindOf('application/vnd.x+json; charset=utf-8'), 'json');
  assert.equal(kindOf('text/plain; charset=utf-8'), 'text');
  assert.equal(kindOf('image/png'), 'binary');
  assert.equal(kindOf('application/octet-stream'), 'binary');
  assert.deepEqual(numericFields({ celsius: 21.5, name: 'x', nested: { a: 1, b: [2, 'y'] }, ok: true }), [['celsius', 21.5], ['nested.a', 1], ['nested.b.0', 2]]);
  assert.deepEqual(numericFields(42), [['value', 42]]);
  assert.equal(numericFields(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i]))).length, 8);
  assert.equal(hexPreview(new Uint8Array([0, 15, 255])), '00 0f ff');
  assert.match(hexPreview(new Uint8Array(40)), / …$/);
});

test('store: last value, series, log, binary, rate, out-of-order items', () => {
  const s = new ChannelStore();
  const enc = new TextEncoder();
  s.apply({ channel: 't', type: 'application/json', timestamp: 1000, data: enc.encode('{"celsius":21.5}') });
  s.apply({ channel: 't', type: 'application/json', timestamp: 3000, json: { celsius: 22 } });
  s.apply({ channel: 't', type: 'application/json', timestamp: 2000, data: enc.encode('{"celsius":21.75}') });
  const t = s.channels.get('t');
  assert.equal(t.lastValue, '{"celsius":22}');
  assert.equal(t.fields.get('celsius').last, 22);
  assert.deepEqual(t.fields.get('celsius').points, [[1000, 21.5], [2000, 21.75], [3000, 22]]);
  assert.equal(t.count, 3);
  assert.equal(s.rate('t', 3000), 0.3);
  assert.equal(s.rate('t', 20_000), 0);

  s.apply({ channel: 'log', type: 'text/plain', timestamp: 5, base64: Buffer.from('café').toString('base64') });
  s.apply({ channel: 'log', type: 'text/plain', timestamp: 4, data: enc.encode('boot') });
  const log = s.channels.get('log');
  assert.equal(log.lastValue, 'café');
  assert.deepEqual(log.log.map((l) => l.text), ['boot', 'café']);
  assert.equal(log.logRewrites, 1);

  s.apply({ channel: 'bin', type: 'application/octet-stream', timestamp: 9, base64: Buffer.from([1, 2, 254]).toString('base64') });
  assert.equal(s.channels.get('bin').size, 3);
  assert.equal(s.channels.get('bin').hex, '01 02 fe');

  s.apply({ channel: 'bad', type: 'application/json', timestamp: 1, data: enc.encode('{nope') });
  assert.equal(s.channels.get('bad').error, 'not valid JSON');
  assert.equal(s.channels.get('bad').lastValue, '{nope');
});

// A virtual clock with timers, and a fake server answering the player's requests.
function harness({ frameMs = 1000, serverOffset = 2_000, pageStart = 1_795_320_000_000 } = {}) {
  let now = pageStart;
  const timers = [];
  let seq = 0;
  const env = {
    get now() {
      return now;
    },
    setTimer: (fn, ms) => {
      const id = ++seq;
      timers.push({ id, at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((x) => x.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    async run(until) {
      while (now < until) {
        await new Promise((r) => setImmediate(r)); // let pending fetches settle
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = timers.shift();
        if (!next || next.at > until) {
          if (next) timers.unshift(next);
          now = until;
          break;
        }
        now = Math.max(now, next.at);
        next.fn();
      }
      await new Promise((r) => setImmediate(r));
    },
  };
  const server = {
    frameMs,
    // Stops, each followed by a start within the same period: [{at, frameMs}] in time order. As
    // the real server does, the stop cuts the open frame at `at`, and the start opens [at, the
    // next multiple of the new frameMs); from there on frames are aligned again. (`down` makes
    // the server unreachable meanwhile.)
    restarts: [],
    down: false,
    missing: new Set(),
    requests: [],
    serverNow: () => now + serverOffset,
    frames: new Map(),
    // The latest frame boundary at or before server time t.
    boundaryAt(t) {
      const since = [{ at: -Infinity, frameMs: server.frameMs }, ...server.restarts].filter((r) => r.at <= t).at(-1);
      return Math.max(Math.floor(t / since.frameMs) * since.frameMs, since.at);
    },
    // The newest 20 frames finished at server time t, newest first.
    finished(t) {
      const list = [];
      for (let endAt = server.boundaryAt(t); list.length < 20; ) {
        const startAt = server.boundaryAt(endAt - 1);
        list.push({ startAt, endAt });
        endAt = startAt;
      }
      return list;
    },
    // One item per channel every 100 ms of server time.
    frameBytes(id, endAt = id + server.frameMs) {
      const items = [];
      for (let t = id; t < endAt; t += 100) items.push({ timestamp: t, data: JSON.stringify({ v: t }) });
      return encode({ startAt: id, endAt, channels: [{ id: 'n', type: 'application/json', items }] });
    },
  };
  const reply = (status, body, type = 'application/json') => ({
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (h) => (h === 'Date' ? new Date(server.serverNow()).toUTCString() : type) },
    json: async () => JSON.parse(body),
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
  });
  const fetch = async (url) => {
    server.requests.push(url);
    await new Promise((r) => setImmediate(r));
    if (server.down) throw new TypeError('connection refused');
    const u = new URL(url, 'http://x');
    const finished = server.finished(server.serverNow()).filter((f) => !server.missing.has(f.startAt));
    if (u.pathname === '/time') return reply(200, JSON.stringify({ now: server.serverNow() }));
    if (u.pathname === '/frame') return reply(200, JSON.stringify(finished.map((f) => ({ id: String(f.startAt), ...f }))));
    const m = u.pathname.match(/^\/(?:frame\/)?(\d+)$/);
    if (m) {
      const frame = finished.find((f) => f.startAt === Number(m[1]));
      if (!frame) return reply(404, '{"error":"no such frame"}');
      return reply(200, server.frameBytes(frame.startAt, frame.endAt), 'application/octet-stream');
    }
    return reply(404, '{}');
  };
  return { env, server, fetch };
}

function makePlayer(h, extra = {}) {
  const played = [];
  const statuses = [];
  const clock = new ServerClock({
    now: () => h.env.now,
    readServer: async () => {
      const r = await h.fetch('/time');
      return { now: (await r.json()).now };
    },
  });
  const player = new SyncPlayer({
    fetch: h.fetch,
    now: () => h.env.now,
    clock,
    setTimer: h.env.setTimer,
    clearTimer: h.env.clearTimer,
    delayFrames: 2,
    onItems: (items, playhead) => {
      for (const item of items) played.push({ t: item.timestamp, playhead, at: h.env.now });
    },
    onStatus: (status, detail) => statuses.push([status, detail]),
    ...extra,
  });
  return { player, played, statuses, clock };
}

test('sync player: plays every item at timestamp + delay on the server clock', async () => {
  const h = harness();
  const { player, played, clock } = makePlayer(h);
  player.start();
  await h.env.run(h.env.now + 6000);
  player.stop();
  assert.equal(clock.offset, 2000);
  assert.ok(played.length > 30, `played ${played.length}`);
  // In order, each once, and each at most one tick late (items are 100 ms apart; ticks are
  // scheduled for the next item, so late means the timer fired late, which it does not here).
  for (let i = 1; i < played.length; ++i) assert.ok(played[i].t > played[i - 1].t);
  const late = played.slice(5).map((p) => p.at + clock.offset - 2 * 1000 - p.t);
  assert.ok(late.every((l) => l >= 0 && l <= 1), `lateness ${late}`);
  // Frames were prefetched: each frame was requested before the playhead reached it.
  const frameRequests = h.server.requests.filter((u) => /^\/\d+$/.test(u));
  assert.ok(frameRequests.length >= 5);
});

test('sync player: a missed frame (404) is skipped without freezing', async () => {
  const h = harness();
  const { player, played } = makePlayer(h);
  const start = h.server.serverNow();
  const missing = Math.floor(start / 1000) * 1000 - 1000; // the frame the playhead reaches next
  h.server.missing.add(missing);
  player.start();
  await h.env.run(h.env.now + 5000);
  player.stop();
  const ts = played.map((p) => p.t);
  assert.ok(!ts.some((t) => t >= missing && t < missing + 1000), 'nothing from the missing frame');
  assert.ok(ts.some((t) => t >= missing + 1000), 'playback went on after it');
  assert.equal(player.done.get(missing) === 'gap' || player.done.get(missing) === 'missed' || !player.done.has(missing), true);
});

test('sync player: survives the server going away and coming back', async () => {
  const h = harness();
  const { player, played, statuses } = makePlayer(h);
  player.start();
  await h.env.run(h.env.now + 2500);
  const before = played.length;
  assert.ok(before > 0);
  h.server.down = true;
  await h.env.run(h.env.now + 4000);
  assert.ok(statuses.some(([s]) => s === 'reconnecting'), JSON.stringify(statuses));
  h.server.down = false;
  await h.env.run(h.env.now + 6000);
  player.stop();
  const after = played.filter((p) => p.at > h.env.now - 3000);
  assert.ok(after.length > 20, `played ${after.length} items after the server came back`);
  assert.equal(statuses.at(-1)[0], 'playing');
  // Requests during the outage backed off: far fewer than one per tick.
  assert.ok(h.server.requests.length < 400, `${h.server.requests.length} requests`);
});

test('sync player: a server restarted with another frame duration is followed', async () => {
  const h = harness({ frameMs: 1000 });
  const resets = [];
  const { player, played } = makePlayer(h, { onReset: () => resets.push(h.env.now) });
  player.start();
  await h.env.run(h.env.now + 3000);
  // The server restarts with 500 ms frames, each with one item in its middle.
  h.server.frameMs = 500;
  h.server.frameBytes = (id) => encode({ startAt: id, endAt: id + 500, channels: [{ id: 'n', type: 'application/json', items: [{ timestamp: id + 250, data: '{"v":1}' }] }] });
  await h.env.run(h.env.now + 4000);
  player.stop();
  assert.equal(player.frameMs, 500);
  assert.equal(resets.length, 1);
  assert.ok(played.some((p) => p.t % 500 === 250 && p.t % 1000 !== 250), 'items of the new frames played');
});

// The page time at which the harness's server clock reads t.
function pageTimeAt(h, t) {
  return t - (h.server.serverNow() - h.env.now);
}

test('sync player: after a stop and a start within one frame, both short frames play, each item once', async () => {
  const h = harness({ frameMs: 1000 });
  const T = h.server.serverNow() + 3000; // a frame boundary 3 s after the page starts
  // Stopped at T + 500 (the open frame becomes [T, T + 500)), back 300 ms later in the same
  // period: its first frame is [T + 500, T + 1000), id T + 500; then [T + 1000, T + 2000) ...
  h.server.restarts.push({ at: T + 500, frameMs: 1000 });
  const resets = [];
  const frames = [];
  const { player, played, statuses } = makePlayer(h, {
    onReset: () => resets.push(h.env.now),
    onFrame: (id, state) => frames.push([id, state]),
  });
  player.start();
  await h.env.run(pageTimeAt(h, T + 500));
  h.server.down = true;
  await h.env.run(pageTimeAt(h, T + 800));
  h.server.down = false;
  await h.env.run(pageTimeAt(h, T + 5000)); // the playhead, 2 frames behind, reaches T + 3000
  player.stop();

  // The two short frames never count as the duration: no reset, the delay stays 2 × 1000 ms.
  assert.equal(player.frameMs, 1000);
  assert.deepEqual(resets, []);
  assert.ok(frames.some(([id, state]) => id === T + 500 && state === 'loaded'), 'the frame [T + 500, T + 1000) was loaded');
  assert.ok(h.server.requests.includes(`/${T + 500}`));
  assert.deepEqual(frames.filter(([, state]) => state === 'missed' || state === 'gap'), []);
  assert.ok(!statuses.some(([, detail]) => /could not be loaded|no data recorded/.test(detail)), JSON.stringify(statuses));
  // Every item around the stop played exactly once, in order, at its time.
  const ts = played.map((p) => p.t);
  for (let i = 1; i < ts.length; ++i) assert.ok(ts[i] > ts[i - 1], `${ts[i] - T} after ${ts[i - 1] - T}`);
  for (let t = T - 1000; t <= T + 3000; t += 100) assert.equal(ts.filter((x) => x === t).length, 1, `item T${t >= T ? '+' : ''}${t - T}`);
  const late = played.filter((p) => p.t >= T && p.t < T + 1000).map((p) => p.at + player.clock.offset - 2 * 1000 - p.t);
  assert.ok(late.every((l) => l >= 0 && l <= 1), `lateness ${late}`);
});

test('sync player: a restart with a shorter duration, cut mid-frame, is followed with one reset', async () => {
  const h = harness({ frameMs: 1000 });
  const T = h.server.serverNow() + 3000;
  // Stopped at T + 600, started at once with 500 ms frames: [T, T + 600), [T + 600, T + 1000),
  // then [T + 1000, T + 1500) ... The page reads the index once a frame, at about T + 1000 when
  // the newest frame listed is the short [T + 600, T + 1000); only whole 500 ms frames may
  // change the duration.
  h.server.restarts.push({ at: T + 600, frameMs: 500 });
  const resets = [];
  const { player, played } = makePlayer(h, { onReset: () => resets.push(h.server.serverNow() - T) });
  player.start();
  await h.env.run(pageTimeAt(h, T + 6000));
  player.stop();
  assert.equal(player.frameMs, 500);
  assert.equal(resets.length, 1, `resets at T+${resets}`);
  // After the reset every item plays once, in order, now 2 × 500 ms behind the server.
  const after = played.filter((p) => p.at > pageTimeAt(h, T + resets[0]));
  assert.ok(after.length > 20, `played ${after.length} after the reset`);
  for (let i = 1; i < after.length; ++i) assert.ok(after[i].t > after[i - 1].t);
  for (let t = T + 1500; t <= T + 4500; t += 100) assert.equal(after.filter((p) => p.t === t).length, 1, `item T+${t - T}`);
  const late = after.filter((p) => p.t >= T + 1500).map((p) => p.at + player.clock.offset - 2 * 500 - p.t);
  assert.ok(late.every((l) => l >= 0 && l <= 1), `lateness ${late}`);
});

test('sync player: a restart with a longer duration is noticed within three frames', async () => {
  const h = harness({ frameMs: 1000 });
  const T = Math.ceil((h.server.serverNow() + 3000) / 2000) * 2000; // a boundary of both durations
  // Stopped at T + 300, started at once with 2000 ms frames: [T, T + 300), [T + 300, T + 2000),
  // then [T + 2000, T + 4000) ...
  h.server.restarts.push({ at: T + 300, frameMs: 2000 });
  const durations = [];
  const { player } = makePlayer(h, { onReset: () => durations.push([h.server.serverNow() - T, player.frameMs]) });
  player.start();
  await h.env.run(pageTimeAt(h, T + 1990));
  assert.equal(player.frameMs, 1000, 'the frame cut at the stop does not count');
  await h.env.run(pageTimeAt(h, T + 6000));
  player.stop();
  assert.equal(player.frameMs, 2000);
  // The frame the start opened, 1700 ms, is longer than the old duration, so it is the longest of
  // the newest three until the first whole 2000 ms frame is listed.
  assert.deepEqual(durations.map(([, ms]) => ms), [1700, 2000]);
  assert.ok(durations[1][0] >= 4000 && durations[1][0] < 4000 + 2000, `noticed at T+${durations[1][0]}`);
});

test('live feed: messages, frames, dropped subscribers reconnect', () => {
  const sources = [];
  class FakeEventSource {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.listeners = {};
      sources.push(this);
    }
    addEventListener(name, fn) {
      this.listeners[name] = fn;
    }
    close() {
      this.readyState = 2;
    }
  }
  const timers = [];
  const items = [];
  const frames = [];
  const feed = new LiveFeed({
    channels: ['a b', 'c'],
    EventSourceClass: FakeEventSource,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
    onItem: (i) => items.push(i),
    onFrame: (f) => frames.push(f),
  });
  feed.start();
  assert.equal(sources[0].url, '/events?channels=a%20b,c');
  sources[0].onopen();
  sources[0].onmessage({ data: JSON.stringify({ channel: 'c', type: 'application/json', timestamp: 5, json: { x: 1 } }) });
  sources[0].onmessage({ data: 'not json' });
  sources[0].listeners.frame({ data: JSON.stringify({ startAt: 0, endAt: 10, id: '0' }) });
  assert.equal(items.length, 1);
  assert.equal(frames.length, 1);
  sources[0].listeners.dropped({ data: '{}' });
  assert.equal(sources[0].readyState, 2);
  assert.equal(timers.length, 1);
  timers.shift()();
  assert.equal(sources.length, 2);
  sources[1].readyState = 2;
  sources[1].onerror();
  assert.equal(timers.length, 1);
  feed.stop();
});

test('sync player: a new delay restarts playback from the frame under the new playhead', async () => {
  const h = harness();
  const resets = [];
  const { player, played, statuses, clock } = makePlayer(h, { onReset: () => resets.push(h.env.now) });
  player.start();
  await h.env.run(h.env.now + 3000);
  player.setDelay(3);
  const changedAt = h.env.now;
  await h.env.run(h.env.now + 3000);
  player.stop();
  assert.equal(resets.length, 1);
  assert.equal(statuses.at(-1)[0], 'playing');
  const after = played.filter((p) => p.at > changedAt + 100);
  assert.ok(after.length > 20);
  for (const p of after.slice(1)) assert.ok(Math.abs(p.at + clock.offset - 3 * 1000 - p.t) <= 1, `item ${p.t} at ${p.at}`);
});
