// SPDX-License-Identifier: MIT
// The offset between the page's clock and the server's.
//
// A sample is one GET /time: t0 and t1 are the page's clock before and after, serverNow is the
// server's answer. The server read its clock somewhere inside [t0, t1]; assuming the middle,
// offset = serverNow - (t0 + t1) / 2, with an error of at most half the round trip. Of several
// samples, the one with the smallest round trip is the most precise.

// The page's own clock: monotonic, in UNIX ms. Not Date.now(), which jumps when the system
// clock is set; performance.now() only moves forward.
export function pageClock() {
  return performance.timeOrigin + performance.now();
}

// {offset, rtt, serverNow} of the best sample, or null when there is none.
export function bestOffset(samples) {
  let best = null;
  for (const s of samples) {
    if (!s || !Number.isFinite(s.serverNow) || !Number.isFinite(s.t0) || !Number.isFinite(s.t1)) continue;
    const rtt = s.t1 - s.t0;
    if (rtt < 0) continue;
    if (best === null || rtt < best.rtt) best = { offset: s.serverNow - (s.t0 + s.t1) / 2, rtt, serverNow: s.serverNow };
  }
  return best;
}

// Reads the server's clock from GET /time; falls back to the Date header (1 s resolution).
export async function fetchServerTime(fetchFn = globalThis.fetch, base = '') {
  const response = await fetchFn(`${base}/time`, { cache: 'no-store' });
  if (response.ok) {
    try {
      const body = await response.json();
      if (Number.isFinite(body?.now)) return { now: body.now, precise: true };
    } catch {
      // fall through to the Date header
    }
  }
  const date = Date.parse(response.headers.get('Date') ?? '');
  if (Number.isFinite(date)) return { now: date + 500, precise: false };
  throw new Error(`GET /time answered ${response.status} without a usable time`);
}

// Takes `count` samples one after the other and returns the best, or throws when all failed.
export async function measureOffset({ now = pageClock, readServer = () => fetchServerTime(), count = 5 } = {}) {
  const samples = [];
  let lastError = null;
  for (let i = 0; i < count; ++i) {
    const t0 = now();
    try {
      const answer = await readServer();
      const t1 = now();
      samples.push({ t0, t1, serverNow: answer.now, precise: answer.precise !== false });
    } catch (error) {
      lastError = error;
    }
  }
  const precise = samples.filter((s) => s.precise);
  const best = bestOffset(precise.length ? precise : samples);
  if (!best) throw lastError ?? new Error('no clock sample');
  return { ...best, samples: samples.length, precise: precise.length > 0 };
}

// The server's clock as seen from the page: keeps the latest offset and re-measures it.
export class ServerClock {
  constructor({ now = pageClock, readServer = () => fetchServerTime(), count = 5 } = {}) {
    this.now = now;
    this.readServer = readServer;
    this.count = count;
    this.offset = 0;
    this.rtt = Infinity;
    this.synced = false;
    this.lastSync = -Infinity;
  }

  async sync() {
    const result = await measureOffset({ now: this.now, readServer: this.readServer, count: this.count });
    this.offset = result.offset;
    this.rtt = result.rtt;
    this.synced = true;
    this.lastSync = this.now();
    return result;
  }

  serverNow() {
    return this.now() + this.offset;
  }
}
