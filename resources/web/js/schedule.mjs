// SPDX-License-Identifier: MIT
// Playback scheduling, free of any browser API so that it runs in Node with a fake clock.
//
// Every client shows an item with server timestamp t at the moment its server-corrected clock
// reads t + delay, delay being a whole number of frames. So at page time `now` the page shows
// the server time playhead = now + offset - delayFrames * frameMs, and every item with a
// timestamp up to the playhead has been played.
//
// Frames are aligned (startAt = k * frameMs) except around a server stop: the stop cuts the open
// frame short, and a start within the same period opens the rest of it, [cut, next boundary).
// So a frame's bounds come from the index (GET /frame) where it lists them; only a time it does
// not cover falls back to the aligned guess.

// How many of the newest frames the duration is read from (see FrameIndex.nominalMs).
export const DURATION_FRAMES = 3;

// At most this many frames of history are loaded on start, however short they are.
const MAX_BACKFILL_FRAMES = 30;

// The aligned frame holding t: a guess, for times the index does not cover.
export function frameIdFor(t, frameMs) {
  return Math.floor(t / frameMs) * frameMs;
}

// What GET /frame said: every id it listed and, where the entry has them, the frame's bounds.
export class FrameIndex {
  constructor(list = []) {
    this.ids = new Set();
    this.spans = []; // {startAt, endAt}, oldest first; frames never overlap
    for (const entry of Array.isArray(list) ? list : []) {
      const startAt = Number(entry?.startAt ?? entry?.id);
      const endAt = Number(entry?.endAt);
      if (!Number.isFinite(startAt)) continue;
      this.ids.add(startAt);
      if (Number.isFinite(endAt) && endAt > startAt) this.spans.push({ startAt, endAt });
    }
    this.spans.sort((a, b) => a.startAt - b.startAt);
  }

  has(id) {
    return this.ids.has(id);
  }

  // The server answered 404 for it: it is not there any more.
  delete(id) {
    this.ids.delete(id);
    this.spans = this.spans.filter((span) => span.startAt !== id);
  }

  // The newest `count` frames with bounds, newest first.
  newest(count) {
    return this.spans.slice(-count).reverse();
  }

  // The frame duration the server runs with, or null when it listed no frame: the longest of
  // the newest three. Whole frames have the duration; a stop and the start after it leave two
  // shorter frames in a row (more only when stopped again within the same frame), so one of
  // three is whole. A server restarted with another duration shows it within three frames, at
  // once when the new one is longer; then the frame the start opened, up to the next boundary
  // of the new duration, may count for a read or two before it, being longer than the old one.
  nominalMs() {
    const newest = this.newest(DURATION_FRAMES);
    return newest.length ? Math.max(...newest.map((span) => span.endAt - span.startAt)) : null;
  }

  // The frame holding t, {startAt, endAt}: the listed one with startAt <= t < endAt, else a guess
  // made the way the server opens frames: from the aligned boundary or the end of the listed
  // frame before t, whichever is later, to the next boundary or the next listed frame.
  frameAt(t, frameMs) {
    let before = null;
    let after = null;
    // From the newest: the playhead is almost always among the last few frames.
    for (let i = this.spans.length - 1; i >= 0 && before === null; --i) {
      if (this.spans[i].startAt <= t) before = this.spans[i];
      else after = this.spans[i];
    }
    if (before !== null && t < before.endAt) return before;
    const aligned = frameIdFor(t, frameMs);
    return {
      startAt: Math.max(aligned, before?.endAt ?? -Infinity),
      endAt: Math.min(aligned + frameMs, after?.startAt ?? Infinity),
    };
  }
}

export function playheadAt({ now, offset, delayFrames, frameMs }) {
  return now + offset - delayFrames * frameMs;
}

// The page time at which an item with server timestamp t is due.
export function pageTimeFor(t, { offset, delayFrames, frameMs }) {
  return t + delayFrames * frameMs - offset;
}

// The frame ids playback needs at this playhead: the one it is in, then `prefetch` more, each
// starting where the one before ends.
export function framesWanted(playhead, frameMs, prefetch = 1, index = new FrameIndex()) {
  let frame = index.frameAt(playhead, frameMs);
  const ids = [frame.startAt];
  for (let i = 0; i < prefetch; ++i) {
    frame = index.frameAt(frame.endAt, frameMs);
    ids.push(frame.startAt);
  }
  return ids;
}

// The items of the given frames with after < timestamp <= until, in timestamp order (ties in
// frame, channel and item order). Each is {timestamp, channel, type, data, frameId}.
export function dueItems(frames, after, until) {
  const out = [];
  for (const frame of frames) {
    if (frame.endAt < after || frame.startAt > until) {
      // Items normally lie inside [startAt, endAt]; look anyway when they do not.
      if (!frame.channels.some((c) => c.items.some((i) => i.timestamp > after && i.timestamp <= until))) continue;
    }
    for (const channel of frame.channels) {
      for (const item of channel.items) {
        if (item.timestamp > after && item.timestamp <= until) {
          out.push({ timestamp: item.timestamp, channel: channel.id, type: channel.type, data: item.data, frameId: frame.startAt });
        }
      }
    }
  }
  // Array.prototype.sort is stable, so equal timestamps keep frame and channel order.
  out.sort((a, b) => a.timestamp - b.timestamp);
  return out;
}

// The smallest item timestamp greater than `after` in the frames, or null.
export function nextTimestamp(frames, after) {
  let next = null;
  for (const frame of frames) {
    for (const channel of frame.channels) {
      for (const item of channel.items) {
        if (item.timestamp > after && (next === null || item.timestamp < next)) next = item.timestamp;
      }
    }
  }
  return next;
}

// Keeps the loaded frames and, per frame, how far it was played. A frame that arrives late
// (after the playhead passed some of its items) plays those items at the next step, so the
// state shown still catches up; nothing before the session's start is played.
export class Schedule {
  constructor({ frameMs, delayFrames = 2, offset = 0, index = new FrameIndex() } = {}) {
    this.frameMs = frameMs;
    this.delayFrames = delayFrames;
    this.offset = offset;
    this.index = index; // the frames' bounds
    this.frames = new Map(); // id -> {frame, cursor}
    this.startCursor = null; // items at or before it are never played
    this.playhead = null; // the last playhead shown; never goes back
  }

  setOffset(offset) {
    this.offset = offset;
  }

  setDelay(delayFrames) {
    this.delayFrames = delayFrames;
  }

  // A newer read of the index: the frames' bounds from now on.
  setIndex(index) {
    this.index = index;
  }

  // The frame holding server time t, {startAt, endAt}: as listed, or the aligned guess.
  frameAt(t) {
    return this.index.frameAt(t, this.frameMs);
  }

  // Starts (or restarts) playback: the frame holding the playhead at `now` plays from its start.
  // With backfillMs, the frames covering that much time before it are loaded too and their items
  // applied at once, so that charts start with history instead of empty.
  start(now, backfillMs = 0) {
    const first = this.frameAt(this.current(now)).startAt;
    this.backfill = this.framesBefore(first, backfillMs);
    this.startCursor = (this.backfill.at(-1) ?? first) - 1;
    this.playhead = first - 1;
    for (const entry of this.frames.values()) entry.cursor = this.startCursor;
  }

  // The ids of the frames that cover `ms` before the frame starting at `first`, newest first.
  framesBefore(first, ms) {
    const ids = [];
    for (let startAt = first; ids.length < MAX_BACKFILL_FRAMES && first - startAt < ms; ) {
      startAt = this.frameAt(startAt - 1).startAt;
      ids.push(startAt);
    }
    return ids;
  }

  // A frame that will not be loaded (missing, invalid): not wanted for backfill any more.
  settle(id) {
    this.backfill = this.backfill?.filter((x) => x !== id) ?? [];
  }

  has(id) {
    return this.frames.has(id);
  }

  add(frame) {
    const cursor = this.startCursor ?? -Infinity;
    this.frames.set(frame.startAt, { frame, cursor });
    this.settle(frame.startAt);
  }

  // The ids to load at `now`, most urgent first: the playhead's frame, the next ones, then
  // any backfill not loaded yet.
  wanted(now, prefetch = 1) {
    const playhead = Math.max(this.current(now), this.playhead ?? -Infinity);
    const ids = framesWanted(playhead, this.frameMs, prefetch, this.index);
    for (const id of this.backfill ?? []) if (!ids.includes(id)) ids.push(id);
    return ids.filter((id) => !this.frames.has(id));
  }

  // The playhead the clock gives at `now` (may be behind the one shown after an offset change).
  current(now) {
    return playheadAt({ now, offset: this.offset, delayFrames: this.delayFrames, frameMs: this.frameMs });
  }

  // Advances to `now`: returns {playhead, items} with the items now due, in timestamp order.
  step(now) {
    if (this.startCursor === null) this.start(now);
    const playhead = Math.max(this.current(now), this.playhead);
    const items = [];
    for (const entry of this.frames.values()) {
      if (entry.cursor >= playhead) continue;
      items.push(...dueItems([entry.frame], entry.cursor, playhead));
      entry.cursor = playhead;
    }
    items.sort((a, b) => a.timestamp - b.timestamp);
    this.playhead = playhead;
    return { playhead, items };
  }

  // The page time of the next item due, or null when no loaded item is ahead.
  nextDue() {
    let next = null;
    for (const entry of this.frames.values()) {
      const t = nextTimestamp([entry.frame], entry.cursor);
      if (t !== null && (next === null || t < next)) next = t;
    }
    return next === null ? null : pageTimeFor(next, this);
  }

  // Forgets frames played to their end that lie more than `keep` frames behind the playhead's
  // (counted by the frames' bounds, so short frames do not stretch or shrink what is kept).
  evict(keep = 2) {
    if (this.playhead === null) return;
    let limit = this.frameAt(this.playhead).startAt;
    for (let i = 0; i < keep; ++i) limit = this.frameAt(limit - 1).startAt;
    for (const [id, entry] of this.frames) {
      if (entry.frame.endAt <= limit && entry.cursor >= entry.frame.endAt) this.frames.delete(id);
    }
  }
}
