// SPDX-License-Identifier: MIT
// Playback scheduling with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Schedule, dueItems, frameIdFor, framesWanted, pageTimeFor, playheadAt } from '../../resources/web/js/schedule.mjs';

const D = 10_000;
const T0 = 1_795_320_000_000; // a frame boundary

function frame(startAt, items) {
  const byChannel = new Map();
  for (const [channel, timestamp] of items) {
    if (!byChannel.has(channel)) byChannel.set(channel, []);
    byChannel.get(channel).push({ timestamp, data: new Uint8Array([timestamp % 256]) });
  }
  return { startAt, endAt: startAt + D, channels: [...byChannel].map(([id, list]) => ({ id, type: 'text/plain', items: list })) };
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
