// SPDX-License-Identifier: MIT
// Playback scheduling, free of any browser API so that it runs in Node with a fake clock.
//
// Every client shows an item with server timestamp t at the moment its server-corrected clock
// reads t + delay, delay being a whole number of frames. So at page time `now` the page shows
// the server time playhead = now + offset - delayFrames * frameMs, and every item with a
// timestamp up to the playhead has been played.

export function frameIdFor(t, frameMs) {
  return Math.floor(t / frameMs) * frameMs;
}

export function playheadAt({ now, offset, delayFrames, frameMs }) {
  return now + offset - delayFrames * frameMs;
}

// The page time at which an item with server timestamp t is due.
export function pageTimeFor(t, { offset, delayFrames, frameMs }) {
  return t + delayFrames * frameMs - offset;
}

// The frame ids playback needs at this playhead: the one it is in, then `prefetch` more.
export function framesWanted(playhead, frameMs, prefetch = 1) {
  const first = frameIdFor(playhead, frameMs);
  const ids = [];
  for (let i = 0; i <= prefetch; ++i) ids.push(first + i * frameMs);
  return ids;
}

// The items of the given frames with after < timestamp <= upto, in timestamp order (ties in
// frame, channel and item order). Each is {timestamp, channel, type, data, frameId}.
export function dueItems(frames, after, upto) {
  const out = [];
  for (const frame of frames) {
    if (frame.endAt < after || frame.startAt > upto) {
      // Items normally lie inside [startAt, endAt]; look anyway when they do not.
      if (!frame.channels.some((c) => c.items.some((i) => i.timestamp > after && i.timestamp <= upto))) continue;
    }
    for (const channel of frame.channels) {
      for (const item of channel.items) {
        if (item.timestamp > after && item.timestamp <= upto) {
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
  constructor({ frameMs, delayFrames = 2, offset = 0 } = {}) {
    this.frameMs = frameMs;
    this.delayFrames = delayFrames;
    this.offset = offset;
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

  // Starts (or restarts) playback: the frame holding the playhead at `now` plays from its start.
  // With backfillMs, the frames covering that much time before it are loaded too and their items
  // applied at once, so that charts start with history instead of empty.
  start(now, backfillMs = 0) {
    const playhead = playheadAt({ now, offset: this.offset, delayFrames: this.delayFrames, frameMs: this.frameMs });
    const first = frameIdFor(playhead, this.frameMs);
    const backfillFrames = Math.min(30, Math.max(0, Math.ceil(backfillMs / this.frameMs)));
    this.startCursor = first - backfillFrames * this.frameMs - 1;
    this.backfill = [];
    for (let i = 1; i <= backfillFrames; ++i) this.backfill.push(first - i * this.frameMs);
    this.playhead = first - 1;
    for (const entry of this.frames.values()) entry.cursor = this.startCursor;
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
    const ids = framesWanted(playhead, this.frameMs, prefetch);
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

  // Forgets frames played to their end that lie more than `keep` frames behind the playhead.
  evict(keep = 2) {
    if (this.playhead === null) return;
    const limit = this.playhead - keep * this.frameMs;
    for (const [id, entry] of this.frames) {
      if (entry.frame.endAt < limit && entry.cursor >= entry.frame.endAt) this.frames.delete(id);
    }
  }
}
