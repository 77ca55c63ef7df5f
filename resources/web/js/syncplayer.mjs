// SPDX-License-Identifier: MIT
// Synchronized playback: reads the frame index, loads the frames the playhead needs (and the
// next one ahead), and plays each item at its timestamp + delay on the server-corrected clock.
// Frames are found by the bounds the index lists, not by their duration: around a server stop
// they are shorter and do not start on a multiple of it.
// It never freezes: a frame that cannot be had is retried with backoff until its time has
// passed, a server that goes away is polled with backoff, and the clock is re-measured after
// every reconnection and periodically.
//
// Browser APIs come in through the constructor, so the whole loop runs in Node with fakes.

import { decode } from './timeframe.mjs';
import { DURATION_FRAMES, FrameIndex, Schedule } from './schedule.mjs';

const RESYNC_MS = 30_000;
const MAX_SLEEP_MS = 100;
const MAX_BACKOFF_MS = 5_000;
// How long after a frame's end the server may take to list it.
const INDEX_GRACE_MS = 1_000;

export class SyncPlayer {
  constructor({
    base = '',
    fetch = (...a) => globalThis.fetch(...a),
    now,
    clock,
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (id) => clearTimeout(id),
    delayFrames = 2,
    layout = 'guess',
    backfillMs = 0,
    onItems = () => {},
    onTick = () => {},
    onStatus = () => {},
    onFrame = () => {},
    onReset = () => {},
  }) {
    Object.assign(this, { base, fetch, now, clock, setTimer, clearTimer, layout, onItems, onTick, onStatus, onFrame, onReset });
    this.delayFrames = delayFrames;
    this.backfillMs = backfillMs;
    this.frameMs = null;
    this.schedule = null;
    this.index = new FrameIndex(); // what the server listed
    this.indexReadAt = -Infinity; // server time of the last index read
    this.indexBusy = false;
    this.indexRetryAt = -Infinity;
    this.indexFailures = 0;
    this.syncBusy = false;
    this.syncRetryAt = -Infinity;
    this.syncFailures = 0;
    this.loads = new Map(); // id -> {busy, attempts, retryAt}
    this.done = new Map(); // id -> 'loaded' | 'gap' | 'missed' | 'invalid'
    this.timer = null;
    this.running = false;
    this.status = null;
    this.offline = false;
  }

  start() {
    this.running = true;
    this.kick();
  }

  stop() {
    this.running = false;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  setDelay(delayFrames) {
    this.delayFrames = delayFrames;
    if (this.schedule) {
      this.schedule.setDelay(delayFrames);
      this.restartPlayback();
    }
  }

  // Plays again from the start of the frame the playhead is in (after a delay change, a new
  // frame duration or a server restart).
  restartPlayback() {
    this.onReset();
    this.done.clear();
    this.loads.clear();
    this.schedule.start(this.now(), this.backfillMs);
    this.kick();
  }

  setStatus(status, detail = '') {
    const key = `${status}|${detail}`;
    if (this.status === key) return;
    this.status = key;
    this.onStatus(status, detail);
  }

  kick() {
    if (!this.running) return;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.tick();
    }, 0);
  }

  backoff(failures) {
    return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 10));
  }

  tick() {
    if (!this.running) return;
    const now = this.now();

    if (!this.clock.synced || now - this.clock.lastSync > RESYNC_MS) this.syncClock(now);
    if (!this.clock.synced) return this.sleep(MAX_SLEEP_MS);

    if (this.frameMs === null) {
      this.readIndex(now);
      return this.sleep(MAX_SLEEP_MS);
    }

    this.schedule.setOffset(this.clock.offset);
    const { playhead, items } = this.schedule.step(now);
    if (items.length) this.onItems(items, playhead);
    this.onTick(playhead);

    // Re-read the index once a frame: it notices a server restarted with another duration.
    if (this.clock.serverNow() - this.indexReadAt > this.frameMs) this.readIndex(now);
    this.loadWanted(now, playhead);
    this.schedule.evict(3);
    for (const id of this.done.keys()) if (id < playhead - 10 * this.frameMs) this.done.delete(id);

    if (!this.offline) {
      const current = this.schedule.frameAt(playhead).startAt;
      const state = this.schedule.has(current) ? 'loaded' : this.done.get(current);
      if (state === 'loaded') this.setStatus('playing');
      else if (state === 'gap') this.setStatus('playing', 'no data recorded for this frame');
      else if (state === 'missed') this.setStatus('playing', 'a frame could not be loaded');
      else this.setStatus('loading');
    }

    const next = this.schedule.nextDue();
    this.sleep(next === null ? MAX_SLEEP_MS : Math.max(0, Math.min(MAX_SLEEP_MS, next - this.now())));
  }

  sleep(ms) {
    if (!this.running) return;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.tick();
    }, ms);
  }

  async syncClock(now) {
    if (this.syncBusy || now < this.syncRetryAt) return;
    this.syncBusy = true;
    if (!this.clock.synced) this.setStatus('syncing clock');
    try {
      await this.clock.sync();
      this.syncFailures = 0;
    } catch {
      this.syncFailures += 1;
      this.syncRetryAt = this.now() + this.backoff(this.syncFailures);
      this.markOffline();
    } finally {
      this.syncBusy = false;
    }
    this.kick();
  }

  markOffline() {
    this.offline = true;
    this.setStatus('reconnecting', 'the server does not answer');
  }

  markOnline() {
    if (!this.offline) return;
    this.offline = false;
    // The server may have restarted: measure its clock again and read the index afresh.
    this.clock.lastSync = -Infinity;
    this.indexReadAt = -Infinity;
  }

  async readIndex(now) {
    if (this.indexBusy || now < this.indexRetryAt) return;
    this.indexBusy = true;
    const serverAt = this.clock.serverNow();
    try {
      const response = await this.fetch(`${this.base}/frame${this.indexQuery(now)}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`GET /frame answered ${response.status}`);
      const list = await response.json();
      if (!Array.isArray(list)) throw new Error('GET /frame did not answer a list');
      this.markOnline();
      this.indexFailures = 0;
      this.takeIndex(list, serverAt);
      this.indexRetryAt = this.now() + 250;
    } catch {
      this.indexFailures += 1;
      this.indexRetryAt = this.now() + this.backoff(this.indexFailures);
      this.markOffline();
    } finally {
      this.indexBusy = false;
    }
    this.kick();
  }

  // The query for GET /frame, so that the answer stays small: the frames that overlap the time
  // from the oldest of the frame before the playhead's, the history frames still wanted and the
  // third newest frame listed (the answer must hold the newest three: they give the duration).
  // The whole index until the duration is known or while fewer than three frames are listed.
  indexQuery(now) {
    const newest = this.index.newest(DURATION_FRAMES);
    if (this.frameMs === null || !this.schedule || newest.length < DURATION_FRAMES) return '';
    const beforePlayhead = this.schedule.frameAt(this.schedule.current(now)).startAt - this.frameMs;
    return `?from=${Math.min(beforePlayhead, newest.at(-1).startAt, ...(this.schedule.backfill ?? []))}`;
  }

  takeIndex(list, serverAt) {
    const index = new FrameIndex(list);
    this.index = index;
    this.indexReadAt = serverAt;
    this.schedule?.setIndex(index);
    const frameMs = index.nominalMs();
    if (frameMs === null) {
      if (this.frameMs === null) this.setStatus('waiting', 'the server has no finished frame yet');
      return;
    }
    if (frameMs !== this.frameMs) {
      const first = this.frameMs === null;
      this.frameMs = frameMs;
      this.schedule = new Schedule({ frameMs, delayFrames: this.delayFrames, offset: this.clock.offset, index });
      this.loads.clear();
      this.done.clear();
      if (first) this.schedule.start(this.now(), this.backfillMs);
      else this.restartPlayback();
    }
  }

  loadWanted(now, playhead) {
    const serverNow = this.clock.serverNow();
    for (const id of this.schedule.wanted(now, 1)) {
      if (this.done.has(id)) continue;
      const listed = this.index.has(id);
      // Where the frame ends: as listed, else where the aligned guess for it ends.
      const endAt = this.schedule.frameAt(id).endAt;
      if (!listed && serverNow < endAt) continue; // not finished yet (the index lists only finished frames)
      const load = this.loads.get(id) ?? { busy: false, attempts: 0, retryAt: -Infinity };
      this.loads.set(id, load);
      if (load.busy || now < load.retryAt) continue;
      if (!listed) {
        // An index read well after the frame ended and without it: the server has no such frame.
        if (this.indexReadAt >= endAt + INDEX_GRACE_MS && load.attempts > 0) {
          this.finish(id, 'gap');
          continue;
        }
        if (endAt <= playhead && load.attempts > 0) {
          this.finish(id, 'missed');
          continue;
        }
        // The index may be older than the frame: read it again, then decide.
        load.attempts += 1;
        load.retryAt = now + this.backoff(load.attempts - 1);
        this.readIndex(now);
        continue;
      }
      // Behind the playhead's frame already (or history for the charts): give up after a try.
      if (endAt <= playhead && load.attempts > 0) {
        this.finish(id, 'missed');
        continue;
      }
      this.fetchFrame(id, load);
    }
  }

  finish(id, state, detail) {
    this.done.set(id, state);
    if (state !== 'loaded') this.schedule?.settle(id);
    this.loads.delete(id);
    this.onFrame(id, state, detail);
  }

  async fetchFrame(id, load) {
    load.busy = true;
    this.onFrame(id, 'loading');
    let retry = false;
    try {
      const response = await this.fetch(`${this.base}/${id}`);
      if (response.ok) {
        this.markOnline();
        const bytes = new Uint8Array(await response.arrayBuffer());
        try {
          const frame = decode(bytes, this.layout);
          if (this.schedule && frame.startAt === id && !this.schedule.has(id)) this.schedule.add(frame);
          this.finish(id, 'loaded', `${bytes.length} bytes, ${frame.channels.length} channels, ${frame.layout} layout`);
        } catch (error) {
          this.finish(id, 'invalid', error.message);
        }
      } else {
        this.markOnline();
        // 404: the frame was missed or dropped, or the server restarted; re-read the index.
        retry = true;
        this.index.delete(id);
      }
    } catch {
      retry = true;
      this.markOffline();
    } finally {
      load.busy = false;
    }
    if (retry) {
      load.attempts += 1;
      load.retryAt = this.now() + this.backoff(load.attempts);
      this.onFrame(id, 'retrying');
    }
    this.kick();
  }
}
