// SPDX-License-Identifier: MIT
// The page: wires the clock, the synchronized player or the live feed, the store and the view.
// URL parameters: mode=sync|live, delay=<frames>, layout=guess|documented|reference,
// channels=a,b (live mode filter).

import { ServerClock, pageClock } from './clock.mjs';
import { SyncPlayer } from './syncplayer.mjs';
import { LiveFeed } from './live.mjs';
import { ChannelStore } from './store.mjs';
import { ChannelView, formatTime } from './view.mjs';
import { decode } from './timeframe.mjs';
import { dueItems } from './schedule.mjs';

const params = new URLSearchParams(location.search);
const body = document.body;
const $ = (sel) => document.querySelector(sel);

const state = {
  mode: params.get('mode') === 'live' ? 'live' : 'sync',
  delay: clampDelay(Number(params.get('delay') ?? 2)),
  layout: ['documented', 'reference', 'guess'].includes(params.get('layout')) ? params.get('layout') : 'guess',
  channels: (params.get('channels') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  playhead: null,
  frameMs: null,
};

function clampDelay(n) {
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 2;
}

const clock = new ServerClock({ now: pageClock });
const store = new ChannelStore();
const view = new ChannelView($('#channels'), store);
let player = null;
let feed = null;
let liveTimer = null;

function setPlayhead(playhead) {
  if (!Number.isFinite(playhead)) return;
  const ms = Math.floor(playhead);
  state.playhead = ms;
  body.dataset.playhead = String(ms);
}

function setStatus(status, detail = '') {
  body.dataset.status = status;
  const pill = $('#status');
  pill.dataset.state = status;
  pill.textContent = status;
  pill.title = detail;
  $('#status-detail').textContent = detail;
}

function showClock() {
  body.dataset.serverOffset = String(Math.round(clock.offset));
  const offset = $('#clock-offset');
  if (!clock.synced) {
    offset.textContent = 'clock not synced';
    return;
  }
  const sign = clock.offset >= 0 ? '+' : '−';
  offset.textContent = `server clock ${sign}${Math.abs(Math.round(clock.offset))} ms · rtt ${Math.round(clock.rtt)} ms`;
}

// Recent frames, newest first, as a strip of small badges.
const frameStates = new Map();
function showFrame(id, frameState, detail = '') {
  frameStates.set(id, { state: frameState, detail });
  const ids = [...frameStates.keys()].sort((a, b) => b - a);
  for (const old of ids.slice(8)) frameStates.delete(old);
  const list = $('#frames');
  list.replaceChildren(...ids.slice(0, 8).map((fid) => {
    const f = frameStates.get(fid);
    const li = document.createElement('li');
    li.dataset.frame = String(fid);
    li.dataset.state = f.state;
    li.title = `${formatTime(fid, { date: true })} · ${f.state}${f.detail ? ` · ${f.detail}` : ''}`;
    li.textContent = formatTime(fid).slice(0, 8);
    return li;
  }));
}

function applyItems(items, playhead) {
  const changed = new Set();
  for (const item of items) changed.add(store.apply(item).id);
  setPlayhead(playhead);
  view.update(changed, playhead);
}

async function seedChannels() {
  try {
    const response = await fetch('/channels', { cache: 'no-store' });
    if (!response.ok) return;
    const list = await response.json();
    if (!Array.isArray(list)) return;
    const ids = [];
    for (const entry of list) {
      if (!entry || typeof entry.id !== 'string') continue;
      const c = store.ensure(entry.id, entry.type);
      if (Number.isFinite(entry.rate)) c.serverRate = entry.rate;
      ids.push(entry.id);
    }
    view.update(ids, state.playhead);
  } catch {
    // the list fills from the data as well
  }
}

function startSync() {
  player = new SyncPlayer({
    clock,
    now: pageClock,
    delayFrames: state.delay,
    layout: state.layout,
    backfillMs: 60_000, // the charts' window
    onItems: applyItems,
    onTick: (playhead) => {
      setPlayhead(playhead);
      if (player.frameMs !== state.frameMs) {
        state.frameMs = player.frameMs;
        body.dataset.frameMs = String(player.frameMs);
        showDelay();
      }
    },
    onStatus: (status, detail) => {
      setStatus(status, detail);
      showClock();
    },
    onFrame: showFrame,
    onReset: () => {
      store.reset();
      view.clear();
      seedChannels();
    },
  });
  player.start();
}

// Live mode starts with what the open frame holds so far (GET /frame/current), then the stream.
// Events that arrive while that frame is loading wait, and those already in it are not applied
// twice.
async function loadCurrentFrame() {
  try {
    const response = await fetch('/frame/current', { cache: 'no-store' });
    if (!response.ok) return [];
    const frame = decode(new Uint8Array(await response.arrayBuffer()), state.layout);
    return dueItems([frame], -Infinity, Infinity);
  } catch {
    return [];
  }
}

function startLive() {
  const syncLoop = async () => {
    try {
      await clock.sync();
    } catch {
      // keep the last offset
    }
    showClock();
  };
  syncLoop();
  liveTimer = setInterval(() => {
    if (pageClock() - clock.lastSync > 30_000) syncLoop();
    setPlayhead(clock.serverNow());
  }, 100);
  const shownNow = (item) => (clock.synced ? clock.serverNow() : item.timestamp);
  let waiting = [];
  const thisFeed = new LiveFeed({
    channels: state.channels,
    onItem: (item) => (waiting ? waiting.push(item) : applyItems([item], shownNow(item))),
    onFrame: (summary) => showFrame(Number(summary.startAt ?? summary.id), 'finished', `${summary.items ?? 0} items`),
    onStatus: setStatus,
  });
  feed = thisFeed;
  feed.start();
  loadCurrentFrame().then((items) => {
    if (feed !== thisFeed) return;
    const filter = state.channels.length ? new Set(state.channels) : null;
    const seen = new Map();
    for (const item of items) {
      const key = `${item.channel}\n${item.timestamp}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const later = waiting.filter((item) => {
      const key = `${item.channel}\n${item.timestamp}`;
      const n = seen.get(key) ?? 0;
      if (n > 0) seen.set(key, n - 1);
      return n === 0;
    });
    waiting = null;
    const all = [...items.filter((i) => !filter || filter.has(i.channel)), ...later];
    if (all.length) applyItems(all, shownNow(all.at(-1)));
  });
}

function stopAll() {
  player?.stop();
  feed?.stop();
  clearInterval(liveTimer);
  player = null;
  feed = null;
  liveTimer = null;
}

function showDelay() {
  const select = $('#delay');
  for (const option of select.options) {
    const n = Number(option.value);
    option.textContent = state.frameMs ? `${n} frame${n > 1 ? 's' : ''} (${(n * state.frameMs) / 1000} s)` : `${n} frame${n > 1 ? 's' : ''}`;
  }
  select.value = String(state.delay);
}

function updateUrl() {
  const p = new URLSearchParams(location.search);
  p.set('mode', state.mode);
  p.set('delay', String(state.delay));
  history.replaceState(null, '', `${location.pathname}?${p}`);
}

function setMode(mode) {
  state.mode = mode;
  body.dataset.mode = mode;
  body.dataset.delayFrames = String(state.delay);
  for (const button of document.querySelectorAll('[data-mode-button]')) {
    button.setAttribute('aria-pressed', String(button.dataset.modeButton === mode));
  }
  $('#delay-field').hidden = mode !== 'sync';
  $('#playhead-label').textContent = mode === 'sync' ? 'server time shown' : 'server time now';
  stopAll();
  store.reset();
  view.clear();
  frameStates.clear();
  $('#frames').replaceChildren();
  seedChannels();
  if (mode === 'sync') startSync();
  else startLive();
  updateUrl();
}

// The clock in the header runs on every animation frame. Charts repaint 5 times a second: a 60 s
// window a few hundred pixels wide moves about a pixel in that time, and the main thread stays
// free to show items on time.
let lastChartPaint = 0;
function animate() {
  const now = pageClock();
  let shown = null;
  if (state.mode === 'sync' && player?.schedule && clock.synced) shown = Math.max(player.schedule.current(now), player.schedule.playhead ?? -Infinity);
  else if (state.mode === 'live' && clock.synced) shown = clock.serverNow();
  $('#playhead').textContent = shown === null ? '––:––:––.–––' : formatTime(shown);
  $('#playhead-date').textContent = shown === null ? '' : formatTime(shown, { date: true }).slice(0, 10);
  if (shown !== null && now - lastChartPaint >= 200 && !document.hidden) {
    lastChartPaint = now;
    view.drawCharts(shown);
    view.refreshRates(shown);
  }
  requestAnimationFrame(animate);
}

for (const button of document.querySelectorAll('[data-mode-button]')) {
  button.addEventListener('click', () => {
    if (button.dataset.modeButton !== state.mode) setMode(button.dataset.modeButton);
  });
}
$('#delay').addEventListener('change', (event) => {
  state.delay = clampDelay(Number(event.target.value));
  body.dataset.delayFrames = String(state.delay);
  player?.setDelay(state.delay);
  updateUrl();
});
matchMedia('(prefers-color-scheme: light)').addEventListener?.('change', () => view.readTheme());

showDelay();
setMode(state.mode);
requestAnimationFrame(animate);
