// SPDX-License-Identifier: MIT
// Playback scheduling with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameIndex, Schedule, dueItems, frameIdFor, framesWanted, pageTimeFor, playheadAt } from '../../resources/web/js/schedule.mjs';

const D = 10_000;
const T0 = 1_795_320_000_000; // a frame boundary

function frame(startAt, items, endAt = startAt + D) {
  const byChannel = new Map();
  for (const [channel, timestamp] of items) {
    if (!byChannel.has(channel)) byChannel.set(channel, []);
    byChannel.get(channel).push({ timestamp, data: new Uint8Array([timestamp % 256]) });
  }
  return { startAt, endAt, channels: [...byChannel].map(([id, list]) => ({ id, type: 'text/plain', items: list })) };
}

// GET /frame's answer (newest first) for frames given as [startAt, endAt] pairs.
function listing(...spans) {
  return spans.map(([startAt, endAt]) => ({ startAt, endAt, id: String(startAt) })).reverse();
}

test('frame ids are aligned to the duration', () => {
  assert.equal(frameIdFor(T0 + 9999, D), T0);
  assert.equal(frameIdFor(T0 + 10000, D), T0 + D);
  assert.equal(frameIdFor(-1, D), -D);
  assert.deepEqual(framesWanted(T0 + 5, D), [T0, T0 + D]);
  assert.deepEqual(framesWanted(T0 + 5, D, 2), [T0, T0 + D, T0 + 2 * D]);
});

test('an item plays at timestamp + delay on the server-corrected clock', () => {
  const p = { offset: 1234, delayFrames: 2, frameMs: D };
  const t = T0 + 4125;
  const due = pageTimeFor(t, p);
  assert.equal(due, t + 2 * D - 1234);
  assert.equal(playheadAt({ now: due, ...p }), t);
});

test('dueItems: half-open interval, timestamp order, ties keep channel order', () => {
  const f = frame(T0, [['b', T0 + 5], ['a', T0 + 5], ['a', T0 + 1], ['b', T0 + 10000]]);
  assert.deepEqual(dueItems([f], T0, T0 + 5).map((i) => [i.channel, i.timestamp]), [['a', T0 + 1], ['b', T0 + 5], ['a', T0 + 5]]);
  assert.deepEqual(dueItems([f], T0 + 5, T0 + 9999), []);
  // An item on the frame's end timestamp plays when the playhead reaches it.
  assert.deepEqual(dueItems([f], T0 + 9999, T0 + 10000).map((i) => i.timestamp), [T0 + 10000]);
});

test('a fake clock: each item comes out once, at its time, across frames', () => {
  const offset = -3000; // the server's clock is 3 s behind the page's
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset });
  const localFor = (t) => t + 2 * D - offset;
  // The page starts when the server time shown is T0 + 2500.
  let now = localFor(T0 + 2500);
  s.start(now);
  s.add(frame(T0, [['x', T0], ['x', T0 + 2000], ['x', T0 + 4000], ['y', T0 + 9999]]));
  s.add(frame(T0 + D, [['x', T0 + D + 1], ['y', T0 + D + 5000]]));

  // The frame the playhead is in plays from its start, all at once.
  let step = s.step(now);
  assert.equal(step.playhead, T0 + 2500);
  assert.deepEqual(step.items.map((i) => i.timestamp), [T0, T0 + 2000]);

  const seen = [];
  for (now = localFor(T0 + 2500); now <= localFor(T0 + D + 6000); now += 7) {
    step = s.step(now);
    for (const item of step.items) {
      seen.push(item.timestamp);
      // Never early; at most one step late.
      assert.ok(step.playhead >= item.timestamp && step.playhead - item.timestamp < 7, `${item.timestamp} at ${step.playhead}`);
    }
  }
  assert.deepEqual(seen, [T0 + 4000, T0 + 9999, T0 + D + 1, T0 + D + 5000]);
});

test('nextDue says when to wake up', () => {
  const s = new Schedule({ frameMs: D, delayFrames: 1, offset: 500 });
  const now = T0 + D - 500 + 100; // playhead T0 + 100
  s.start(now);
  s.add(frame(T0, [['x', T0 + 50], ['x', T0 + 700]]));
  assert.equal(s.nextDue(), pageTimeFor(T0 + 50, s));
  s.step(now);
  assert.equal(s.nextDue(), T0 + 700 + D - 500);
});

test('two clients with skewed clocks and different offsets play at the same server time', () => {
  const skew = 7_000; // client B's clock is 7 s ahead; its measured offset says so
  const serverAhead = 1_500; // the server's clock is 1.5 s ahead of client A's
  const a = new Schedule({ frameMs: D, delayFrames: 2, offset: serverAhead });
  const b = new Schedule({ frameMs: D, delayFrames: 2, offset: serverAhead - skew });
  const f = frame(T0, [['x', T0 + 1000], ['x', T0 + 3333], ['x', T0 + 8888]]);
  const realStart = T0 + 2 * D - serverAhead; // real time when the server shows T0 + 2D
  a.start(realStart);
  b.start(realStart + skew);
  a.add(f);
  b.add(f);
  const when = { a: new Map(), b: new Map() };
  for (let real = realStart; real < realStart + D; real += 3) {
    for (const item of a.step(real).items) when.a.set(item.timestamp, real);
    for (const item of b.step(real + skew).items) when.b.set(item.timestamp, real);
  }
  assert.equal(when.a.size, 3);
  for (const [t, real] of when.a) assert.equal(when.b.get(t), real, `item ${t}`);
});

test('a frame arriving late plays its missed items at once; nothing before the start plays', () => {
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset: 0 });
  const local = (t) => t + 2 * D;
  s.start(local(T0 + 100));
  s.add(frame(T0 - D, [['x', T0 - 1]])); // before the session started: never played
  assert.deepEqual(s.step(local(T0 + 100)).items, []);
  assert.deepEqual(s.step(local(T0 + D + 3000)).items, []); // frame T0 and T0 + D are late
  s.add(frame(T0 + D, [['x', T0 + D + 1000], ['x', T0 + D + 5000]]));
  assert.deepEqual(s.step(local(T0 + D + 3001)).items.map((i) => i.timestamp), [T0 + D + 1000]);
  s.add(frame(T0, [['x', T0 + 500]]));
  assert.deepEqual(s.step(local(T0 + D + 3002)).items.map((i) => i.timestamp), [T0 + 500]);
  assert.deepEqual(s.step(local(T0 + D + 5000)).items.map((i) => i.timestamp), [T0 + D + 5000]);
});

test('the playhead never goes back when the offset is corrected', () => {
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset: 0 });
  const now = T0 + 2 * D + 4000;
  s.start(now);
  s.add(frame(T0, [['x', T0 + 3990], ['x', T0 + 4005]]));
  assert.equal(s.step(now).playhead, T0 + 4000);
  s.setOffset(-20); // the new measurement puts the server 20 ms earlier
  const held = s.step(now + 10);
  assert.equal(held.playhead, T0 + 4000);
  assert.deepEqual(held.items, []);
  const later = s.step(now + 30);
  assert.equal(later.playhead, T0 + 4010);
  assert.deepEqual(later.items.map((i) => i.timestamp), [T0 + 4005]);
});

test('wanted frames and eviction', () => {
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset: 0 });
  const now = T0 + 2 * D + 100;
  s.start(now);
  assert.deepEqual(s.wanted(now), [T0, T0 + D]);
  s.add(frame(T0, []));
  assert.deepEqual(s.wanted(now), [T0 + D]);
  s.add(frame(T0 + D, []));
  s.add(frame(T0 + 2 * D, []));
  s.step(now + 3 * D); // playhead T0 + 3D + 100
  s.evict(2); // forgets what ended before T0 + D + 100
  assert.deepEqual([...s.frames.keys()], [T0 + D, T0 + 2 * D]);
});

test('backfill: earlier frames are wanted after the urgent ones and apply at once', () => {
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset: 0 });
  const now = T0 + 2 * D + 100; // playhead T0 + 100
  s.start(now, 25_000);
  assert.deepEqual(s.wanted(now), [T0, T0 + D, T0 - D, T0 - 2 * D, T0 - 3 * D]);
  s.add(frame(T0 - 3 * D, [['x', T0 - 3 * D]])); // the first item of the backfill window
  s.settle(T0 - 2 * D); // missing on the server
  s.add(frame(T0, [['x', T0 + 50], ['x', T0 + 500]]));
  assert.deepEqual(s.wanted(now), [T0 + D, T0 - D]);
  assert.deepEqual(s.step(now).items.map((i) => i.timestamp), [T0 - 3 * D, T0 + 50]);
  s.add(frame(T0 - D, [['x', T0 - 1]]));
  assert.deepEqual(s.step(now + 1).items.map((i) => i.timestamp), [T0 - 1]);
  // Nothing older than the backfill window plays.
  s.add(frame(T0 - 4 * D, [['x', T0 - 4 * D + 1]]));
  assert.deepEqual(s.step(now + 2).items, []);
});

test('the duration is the longest of the newest three frames listed', () => {
  const whole = [[T0 - 3 * D, T0 - 2 * D], [T0 - 2 * D, T0 - D], [T0 - D, T0]];
  assert.equal(new FrameIndex(listing(...whole)).nominalMs(), D);
  // A stop at T0 + 4000 cuts the open frame; a start in the same period opens the rest of it.
  assert.equal(new FrameIndex(listing(...whole, [T0, T0 + 4000])).nominalMs(), D);
  assert.equal(new FrameIndex(listing(...whole, [T0, T0 + 4000], [T0 + 4000, T0 + D])).nominalMs(), D);
  assert.equal(new FrameIndex(listing(...whole, [T0, T0 + 4000], [T0 + 4000, T0 + D], [T0 + D, T0 + 2 * D])).nominalMs(), D);
  // The order of the answer does not matter; the newest are the latest to start.
  assert.equal(new FrameIndex(listing(...whole, [T0, T0 + 4000], [T0 + 4000, T0 + D]).reverse()).nominalMs(), D);
  // Restarted with 5000 ms frames at T0 + 2000: noticed once three frames of it are listed...
  const shorter = [...whole, [T0, T0 + 2000], [T0 + 2000, T0 + 5000]];
  assert.equal(new FrameIndex(listing(...shorter)).nominalMs(), D);
  assert.equal(new FrameIndex(listing(...shorter, [T0 + 5000, T0 + D])).nominalMs(), 5000);
  // ... and with 20 000 ms frames as soon as one whole frame is listed.
  const longer = [...whole, [T0, T0 + 2000], [T0 + 2000, T0 + 2 * D]];
  assert.equal(new FrameIndex(listing(...longer, [T0 + 2 * D, T0 + 4 * D])).nominalMs(), 2 * D);
  // Entries without bounds count as listed but give no duration.
  const partial = new FrameIndex([{ id: String(T0) }, { startAt: T0 - D, endAt: 'x' }, null, { startAt: 'y' }]);
  assert.equal(partial.nominalMs(), null);
  assert.ok(partial.has(T0) && partial.has(T0 - D));
  assert.equal(new FrameIndex([]).nominalMs(), null);
  assert.equal(new FrameIndex({ not: 'a list' }).nominalMs(), null);
});

test('frame bounds: as listed, else the aligned guess after the listed frames', () => {
  // The frame T0 was cut at T0 + 4000 by a stop; [T0 + 4000, T0 + D) is not listed yet.
  const index = new FrameIndex(listing([T0 - D, T0], [T0, T0 + 4000]));
  assert.deepEqual(index.frameAt(T0 + 3999, D), { startAt: T0, endAt: T0 + 4000 });
  assert.deepEqual(index.frameAt(T0 + 4000, D), { startAt: T0 + 4000, endAt: T0 + D });
  assert.deepEqual(index.frameAt(T0 + 7000, D), { startAt: T0 + 4000, endAt: T0 + D });
  assert.deepEqual(index.frameAt(T0 + D, D), { startAt: T0 + D, endAt: T0 + 2 * D });
  assert.deepEqual(index.frameAt(T0 - 2 * D + 5, D), { startAt: T0 - 2 * D, endAt: T0 - D });
  // A guess ends where the next listed frame starts.
  const later = new FrameIndex(listing([T0 + 4000, T0 + D]));
  assert.deepEqual(later.frameAt(T0 + 100, D), { startAt: T0, endAt: T0 + 4000 });
  // Prefetch follows the bounds: the frame after a short one starts at its end.
  assert.deepEqual(framesWanted(T0 + 100, D, 1, index), [T0, T0 + 4000]);
  assert.deepEqual(framesWanted(T0 + 5000, D, 2, index), [T0 + 4000, T0 + D, T0 + 2 * D]);
  // A frame the server answered 404 for is guessed again.
  index.delete(T0);
  assert.ok(!index.has(T0));
  assert.deepEqual(index.frameAt(T0 + 7000, D), { startAt: T0, endAt: T0 + D });
});

test('short frames: the playhead in each wants it, and each item plays once', () => {
  const offset = 0;
  const local = (t) => t + 2 * D - offset;
  const spans = [[T0 - D, T0], [T0, T0 + 4000], [T0 + 4000, T0 + D], [T0 + D, T0 + 2 * D]];
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset, index: new FrameIndex(listing(...spans)) });
  s.start(local(T0 + 2000));
  assert.deepEqual(s.wanted(local(T0 + 2000)), [T0, T0 + 4000]);
  s.add(frame(T0, [['x', T0], ['x', T0 + 3999]], T0 + 4000));
  s.add(frame(T0 + 4000, [['x', T0 + 4000], ['x', T0 + 9999]], T0 + D));
  // [T0, T0 + 4000) does not also cover the time after it.
  assert.deepEqual(s.wanted(local(T0 + 5000)), [T0 + D]);
  assert.deepEqual(s.frameAt(T0 + 5000), { startAt: T0 + 4000, endAt: T0 + D });
  s.add(frame(T0 + D, [['x', T0 + D + 1]]));
  const seen = [];
  for (let now = local(T0 + 2000); now <= local(T0 + D + 10); now += 3) seen.push(...s.step(now).items.map((i) => i.timestamp));
  assert.deepEqual(seen, [T0, T0 + 3999, T0 + 4000, T0 + 9999, T0 + D + 1]);
  // Eviction counts frames by their bounds: one kept behind the playhead's, however short.
  s.step(local(T0 + D + 5000));
  s.evict(1);
  assert.deepEqual([...s.frames.keys()], [T0 + 4000, T0 + D]);
});

test('backfill walks back over short frames', () => {
  const spans = [[T0 - 2 * D, T0 - D], [T0 - D, T0 - D + 3000], [T0 - D + 3000, T0], [T0, T0 + D]];
  const s = new Schedule({ frameMs: D, delayFrames: 2, offset: 0, index: new FrameIndex(listing(...spans)) });
  const now = T0 + 2 * D + 100; // playhead T0 + 100
  s.start(now, 15_000);
  assert.deepEqual(s.backfill, [T0 - D + 3000, T0 - D, T0 - 2 * D]);
  assert.deepEqual(s.wanted(now), [T0, T0 + D, T0 - D + 3000, T0 - D, T0 - 2 * D]);
  s.add(frame(T0 - 2 * D, [['x', T0 - 2 * D]]));
  assert.deepEqual(s.step(now).items.map((i) => i.timestamp), [T0 - 2 * D]);
});
