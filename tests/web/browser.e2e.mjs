// SPDX-License-Identifier: MIT
// The web player in headless Chromium, driven through the DevTools protocol.
//
//   node --test tests/web/browser.e2e.mjs                 against tests/web/fakeserver.mjs
//   SYNCSTREAMER_BASE_URL=http://127.0.0.1:8080 node --test tests/web/browser.e2e.mjs
//                                                         against a running server
//
// It checks that the values the page shows are the ones posted, and that two pages whose
// clocks differ by several seconds show each item at the same moment (the spread is printed).
// With the fake server it also replays the shared worked example and survives a restart.
// Every wait is bounded; nothing talks to anything but 127.0.0.1.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, CHROMIUM } from './lib/cdp.mjs';
import { startFakeServer } from './fakeserver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE = path.resolve(here, '../../../shared/testdata/timeframe/example.tf');
const argBase = process.argv.find((a) => a.startsWith('--base-url='))?.slice('--base-url='.length);
const EXTERNAL = argBase ?? process.env.SYNCSTREAMER_BASE_URL ?? null;
const SKEW_MS = 7_000;
const MAX_SPREAD_MS = 50;

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` : false;

// Installed first in every page: records, on the machine's real clock, when each channel's
// shown item changes. Captures the real clock before any skew is installed.
const RECORDER = `(() => {
  const realNow = Date.now.bind(Date);
  window.__realNow = realNow;
  window.__shown = [];
  new MutationObserver((records) => {
    const at = realNow();
    for (const r of records) {
      const el = r.target;
      if (!el.getAttribute || el.getAttribute('data-channel') === null) continue;
      window.__shown.push({
        channel: el.getAttribute('data-channel'),
        timestamp: Number(el.getAttribute('data-last-timestamp')),
        value: el.getAttribute('data-last-value'),
        playhead: Number(document.body && document.body.dataset.playhead),
        at,
      });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-last-timestamp'] });
})();`;

// Moves every clock the page can read by `ms`.
const skewScript = (ms) => `(() => {
  const dateNow = Date.now.bind(Date);
  const perfNow = performance.now.bind(performance);
  Date.now = () => dateNow() + ${ms};
  performance.now = () => perfNow() + ${ms};
})();`;

let browser;
let server = null; // the fake server, when no base URL was given
let base;

before(async () => {
  if (skip) return;
  if (EXTERNAL) base = EXTERNAL.replace(/\/$/, '');
  else {
    // The fake server's clock runs 2.5 s behind the machine's and writes the reference layout,
    // so the page must both correct its clock and guess the layout.
    server = await startFakeServer({ frameMs: 1000, clockOffset: -2500, layout: 'reference' });
    base = server.url;
  }
  browser = await Browser.launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function post(channel, type, body) {
  const response = await fetch(`${base}/channel/${encodeURIComponent(channel)}`, { method: 'POST', headers: { 'Content-Type': type }, body });
  if (!response.ok) assert.fail(`POST /channel/${channel}: ${response.status} ${await response.text()}`);
  return response;
}

// The server's clock relative to this machine's, from the fastest of several GET /time.
async function serverOffset() {
  let best = null;
  for (let i = 0; i < 7; ++i) {
    const t0 = Date.now();
    const { now } = await (await fetch(`${base}/time`)).json();
    const t1 = Date.now();
    if (!best || t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: now - (t0 + t1) / 2 };
  }
  return best;
}

async function frameMsOf() {
  const list = await (await fetch(`${base}/frame?limit=1`)).json();
  if (Array.isArray(list) && list.length) return list[0].endAt - list[0].startAt;
  return null;
}

async function openPlayer({ skew = 0, query = 'mode=sync&delay=2', width, height } = {}) {
  const page = await browser.newPage({ width, height, initScripts: skew ? [RECORDER, skewScript(skew)] : [RECORDER] });
  await page.goto(`${base}/?${query}`);
  await page.waitUntil(() => document.body.dataset.playhead && document.body.dataset.frameMs, { timeoutMs: 30_000, what: 'the player to start' });
  return page;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('the page shows the values posted, in order, for JSON, text and binary channels', { skip, timeout: 120_000 }, async (t) => {
  const page = await openPlayer();
  const frameMs = Number(await page.evaluate(() => document.body.dataset.frameMs));
  const run = Date.now().toString(36);
  const json = `e2e-json-${run}`;
  const text = `e2e-text-${run}`;
  const bin = `e2e-bin-${run}`;
  const values = [];
  for (let i = 0; i < 8; ++i) {
    const value = { reading: 10 + i * 1.25, nested: { count: i } };
    values.push(value);
    await post(json, 'application/json', JSON.stringify(value));
    await post(text, 'text/plain; charset=utf-8', `line ${i} · ünïcödé`);
    await sleep(120);
  }
  await post(bin, 'application/octet-stream', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0, 1, 2]));

  // Everything shows after the delay (two frames) plus a frame to be finished.
  const last = await page.waitUntil((id) => {
    const el = document.querySelector(`[data-channel="${id}"]`);
    return el && el.dataset.lastValue && JSON.parse(el.dataset.lastValue).reading === 18.75 && el.dataset.lastValue;
  }, { timeoutMs: 4 * frameMs + 20_000, what: 'the last JSON value' }, json);
  assert.deepEqual(JSON.parse(last), values.at(-1));
  await page.waitUntil((id) => document.querySelector(`[data-channel="${id}"]`)?.dataset.lastValue?.startsWith('line 7'), { timeoutMs: 5000, what: 'the last text line' }, text);

  const state = await page.evaluate((ids) => {
    const q = (sel) => document.querySelector(sel);
    const card = (id) => q(`[data-channel="${id}"]`);
    return {
      jsonType: card(ids.json).dataset.type,
      jsonKind: card(ids.json).dataset.kind,
      reading: card(ids.json).querySelector('[data-field="reading"]')?.dataset.lastValue,
      count: card(ids.json).querySelector('[data-field="nested.count"]')?.dataset.lastValue,
      items: card(ids.json).dataset.items,
      chartPoints: Number(card(ids.json).querySelector('canvas[data-chart]')?.dataset.points),
      textLast: card(ids.text)?.dataset.lastValue,
      textLog: [...(card(ids.text)?.querySelectorAll('[data-log] li span') ?? [])].map((s) => s.textContent),
      binSize: card(ids.bin)?.querySelector('[data-binary]')?.dataset.size,
      binHex: card(ids.bin)?.querySelector('[data-binary]')?.dataset.hex,
      shown: window.__shown.filter((s) => s.channel === ids.json).map((s) => s.value),
    };
  }, { json, text, bin });
  t.diagnostic(`frame duration ${frameMs} ms`);
  assert.equal(state.jsonType, 'application/json');
  assert.equal(state.jsonKind, 'json');
  assert.equal(state.reading, '18.75');
  assert.equal(state.count, '7');
  assert.equal(state.items, '8');
  assert.equal(state.textLast, 'line 7 · ünïcödé');
  assert.deepEqual(state.textLog, values.map((_, i) => `line ${i} · ünïcödé`));
  // The JSON channel showed each posted value, in the order posted.
  const shown = [...new Set(state.shown)].map((v) => JSON.parse(v));
  assert.deepEqual(shown, values);
  await page.waitUntil((id) => document.querySelector(`[data-channel="${id}"] [data-binary]`)?.dataset.size === '7', { timeoutMs: 2 * frameMs + 5000, what: 'the binary item' }, bin);
  const hex = await page.evaluate((id) => document.querySelector(`[data-channel="${id}"] [data-binary]`).dataset.hex, bin);
  assert.equal(hex, 'de ad be ef 00 01 02');
  await sleep(200);
  assert.ok(Number(await page.evaluate((id) => document.querySelector(`[data-channel="${id}"] [data-field="reading"] canvas[data-chart]`).dataset.points, json)) >= 8);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
});

test(`two pages with clocks ${SKEW_MS / 1000} s apart show each item within ${MAX_SPREAD_MS} ms of each other`, { skip, timeout: 120_000 }, async (t) => {
  const a = await openPlayer();
  const b = await openPlayer({ skew: SKEW_MS });
  const frameMs = Number(await a.evaluate(() => document.body.dataset.frameMs));
  const offsets = await Promise.all([a, b].map((p) => p.evaluate(() => Number(document.body.dataset.serverOffset))));
  const real = await serverOffset();
  t.diagnostic(`server clock vs machine: ${real.offset.toFixed(1)} ms (rtt ${real.rtt} ms); page offsets: ${offsets.join(', ')} ms`);
  assert.ok(Math.abs(offsets[0] - offsets[1] - SKEW_MS) < 25, `the skewed page measured its skew: ${offsets}`);

  const channel = `e2e-sync-${Date.now().toString(36)}`;
  const count = 15;
  for (let i = 0; i < count; ++i) {
    await post(channel, 'application/json', JSON.stringify({ i }));
    await sleep(97);
  }
  const waitAll = (p) => p.waitUntil((id, n) => window.__shown.filter((s) => s.channel === id).length >= n,
    { timeoutMs: 4 * frameMs + 20_000, what: 'every item' }, channel, count);
  await Promise.all([waitAll(a), waitAll(b)]);
  const [shownA, shownB] = await Promise.all([a, b].map((p) => p.evaluate((id) => window.__shown.filter((s) => s.channel === id), channel)));
  const firstAt = (list) => {
    const m = new Map();
    for (const s of list) if (!m.has(s.timestamp)) m.set(s.timestamp, s);
    return m;
  };
  const mapA = firstAt(shownA);
  const mapB = firstAt(shownB);
  assert.equal(mapA.size, count);
  assert.deepEqual([...mapB.keys()], [...mapA.keys()]);

  const spreads = [];
  const lateness = [];
  for (const [ts, sa] of mapA) {
    const sb = mapB.get(ts);
    spreads.push(Math.abs(sa.at - sb.at));
    // When the page should have shown it, on the machine's clock.
    const ideal = ts + 2 * frameMs - real.offset;
    lateness.push(sa.at - ideal, sb.at - ideal);
    // And what the pages said they were showing at that moment.
    assert.ok(sa.playhead >= ts && sb.playhead >= ts);
  }
  const max = Math.max(...spreads);
  const mean = spreads.reduce((x, y) => x + y, 0) / spreads.length;
  const fmt = (xs) => `min ${Math.min(...xs).toFixed(0)} / mean ${(xs.reduce((x, y) => x + y, 0) / xs.length).toFixed(1)} / max ${Math.max(...xs).toFixed(0)} ms`;
  t.diagnostic(`spread between the pages over ${spreads.length} items: mean ${mean.toFixed(1)} ms, max ${max} ms`);
  t.diagnostic(`lateness against timestamp + delay on the server clock: ${fmt(lateness)}`);
  console.log(`SPREAD items=${spreads.length} mean=${mean.toFixed(1)}ms max=${max}ms lateness(${fmt(lateness)})`);
  assert.ok(max <= MAX_SPREAD_MS, `spread ${max} ms`);
  // The lateness against the server's clock depends on the machine's load: it is a benchmark
  // figure, reported in the SPREAD line above, not asserted (DEVELOPERS.md).
  await a.close();
  await b.close();
});

test('live mode shows events as they arrive', { skip, timeout: 60_000 }, async () => {
  const p = await browser.newPage({ initScripts: [RECORDER] });
  await p.goto(`${base}/?mode=live`);
  await p.waitUntil(() => document.body.dataset.status === 'live', { timeoutMs: 15_000, what: 'the live feed' });
  const channel = `e2e-live-${Date.now().toString(36)}`;
  const t0 = Date.now();
  await post(channel, 'application/json', JSON.stringify({ live: 42 }));
  const value = await p.waitUntil((id) => document.querySelector(`[data-channel="${id}"] [data-field="live"]`)?.dataset.lastValue, { timeoutMs: 10_000, what: 'the live event' }, channel);
  assert.equal(value, '42');
  assert.ok(Date.now() - t0 < 5000);
  await p.close();
});

test('the shared worked example plays back with the values of its JSON form', { skip: skip || (EXTERNAL ? 'needs the fake server' : !existsSync(EXAMPLE) && `the shared worked example is absent (${EXAMPLE})`), timeout: 60_000 }, async () => {
  const START = 1_795_320_000_000;
  const D = 10_000;
  // The fake server's clock starts 2.5 s into the frame after the example's next one, so the
  // page (delay 2 frames) starts 2.5 s into the example.
  const fake = await startFakeServer({ frameMs: D, clockAt: START + 2 * D + 2_500, example: EXAMPLE });
  try {
    const page = await browser.newPage({ initScripts: [RECORDER] });
    await page.goto(`${fake.url}/?mode=sync&delay=2`);
    const expected = (playhead) => {
      const temp = [[START + 125, '{"celsius":21.5}'], [START + 4125, '{"celsius":21.75}'], [START + 9999, '{"celsius":22}']].filter(([t]) => t <= playhead).at(-1);
      const log = [[START, 'boot'], [START + 10_000, 'café ok']].filter(([t]) => t <= playhead).at(-1);
      return { temperature: temp?.[1] ?? null, log: log?.[1] ?? null, camera: playhead >= START + 1000 ? '40' : null };
    };
    const samples = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const s = await page.evaluate(() => {
        const card = (id) => document.querySelector(`[data-channel="${id}"]`);
        return {
          status: document.body.dataset.status,
          playhead: Number(document.body.dataset.playhead),
          temperature: card('temperature')?.dataset.lastValue ?? null,
          celsius: card('temperature')?.querySelector('[data-field="celsius"]')?.dataset.lastValue ?? null,
          log: card('log')?.dataset.lastValue ?? null,
          camera: card('camera-1')?.querySelector('[data-binary]')?.dataset.size ?? null,
          hex: card('camera-1')?.querySelector('[data-binary]')?.dataset.hex ?? null,
          idle: card('idle') ? { items: card('idle').dataset.items, type: card('idle').dataset.type } : null,
        };
      });
      // While the frame under the playhead is still loading, the values lag; once it plays they
      // must be exactly those of the example at the playhead.
      if (s.status === 'playing' && Number.isFinite(s.playhead)) samples.push(s);
      if (s.playhead > START + 10_200) break;
      await sleep(150);
    }
    assert.ok(samples.length > 20, `${samples.length} samples`);
    assert.ok(samples[0].playhead < START + 4125 && samples.at(-1).playhead > START + 10_000, `played ${samples[0].playhead}..${samples.at(-1).playhead}`);
    for (const s of samples) {
      const e = expected(s.playhead);
      assert.equal(s.temperature, e.temperature, `temperature at ${s.playhead - START}`);
      assert.equal(s.log, e.log, `log at ${s.playhead - START}`);
      assert.equal(s.camera, e.camera, `camera at ${s.playhead - START}`);
      if (e.temperature) assert.equal(s.celsius, String(JSON.parse(e.temperature).celsius));
    }
    const lastSample = samples.at(-1);
    assert.match(lastSample.hex, /^00 01 02 03 04 .* 1f …$/);
    assert.deepEqual(lastSample.idle, { items: '0', type: 'text/plain' });
    assert.deepEqual(page.consoleErrors, []);
    await page.close();
  } finally {
    await fake.close();
  }
});

test('the page goes on after a missed frame and a server restart', { skip: skip || (EXTERNAL ? 'needs the fake server' : false), timeout: 90_000 }, async () => {
  const page = await openPlayer({ query: 'mode=sync&delay=2' });
  const channel = `e2e-restart-${Date.now().toString(36)}`;
  await post(channel, 'application/json', JSON.stringify({ n: 1 }));
  await page.waitUntil((id) => document.querySelector(`[data-channel="${id}"]`)?.dataset.lastValue === '{"n":1}', { timeoutMs: 15_000, what: 'the first value' }, channel);
  // Lose the frame of the next value before it is finished, then take the server away.
  while (server.now() % 1000 > 400) await sleep(20);
  const { frameId } = await (await post(channel, 'application/json', JSON.stringify({ n: 2 }))).json();
  await fetch(`${base}/_fake/miss/${frameId}`, { method: 'POST' });
  await sleep(1100);
  await fetch(`${base}/_fake/down/2500`, { method: 'POST' });
  await page.waitUntil(() => document.body.dataset.status === 'reconnecting', { timeoutMs: 10_000, what: 'the page to notice' });
  await sleep(2600);
  await post(channel, 'application/json', JSON.stringify({ n: 3 }));
  await page.waitUntil((id) => document.querySelector(`[data-channel="${id}"]`)?.dataset.lastValue === '{"n":3}', { timeoutMs: 20_000, what: 'the value posted after the restart' }, channel);
  const state = await page.evaluate(() => ({ status: document.body.dataset.status, frame: document.querySelector('[data-frame][data-state="missed"], [data-frame][data-state="gap"]')?.dataset.state }));
  assert.equal(state.status, 'playing');
  const shown = await page.evaluate((id) => window.__shown.filter((s) => s.channel === id).map((s) => s.value), channel);
  assert.ok(!shown.includes('{"n":2}'), 'the lost frame was not shown');
  await page.close();
});
