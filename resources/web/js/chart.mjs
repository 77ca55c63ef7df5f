// SPDX-License-Identifier: MIT
// A scrolling line chart drawn straight on a <canvas>: one line per numeric field, the time
// axis ending at the playhead.

export const PALETTE = ['#4cc2ff', '#ffb347', '#7ee081', '#ff6f91', '#c39bff', '#f9f871', '#5ee7df', '#ff9671'];

function niceStep(span, target) {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function formatNumber(v, step) {
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step || 1))));
  return v.toFixed(decimals);
}

// series: [{name, color, points: [[t, v], ...] sorted by t}]; from/to: the time window (ms).
// theme: {grid, text, font}. Returns the number of points drawn.
export function drawChart(canvas, series, { from, to, theme }) {
  const dpr = globalThis.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 300;
  const cssH = canvas.clientHeight || 120;
  const w = Math.round(cssW * dpr);
  const h = Math.round(cssH * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);

  // The value range of what is visible (and the last point before the window, which the line
  // enters from).
  let lo = Infinity;
  let hi = -Infinity;
  const visible = series.map((s) => {
    let start = s.points.length;
    while (start > 0 && s.points[start - 1][0] >= from) --start;
    if (start > 0) --start;
    let end = s.points.length;
    while (end > start && s.points[end - 1][0] > to) --end;
    const pts = s.points.slice(start, end);
    for (const [, v] of pts) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { ...s, pts };
  });
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) > 1e-9 ? Math.abs(hi) * 0.05 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, cssH >= 110 ? 3 : 2);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;

  ctx.font = theme.font;
  const labelW = Math.max(ctx.measureText(formatNumber(lo, step)).width, ctx.measureText(formatNumber(hi, step)).width);
  const left = Math.ceil(labelW) + 10;
  const right = cssW - 6;
  const top = 8;
  const bottom = cssH - 18;
  const x = (t) => left + ((t - from) / (to - from)) * (right - left);
  const y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);

  // Grid and labels.
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.text;
  ctx.lineWidth = 1;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let v = lo; v <= hi + step / 2; v += step) {
    const yy = Math.round(y(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
    ctx.stroke();
    ctx.fillText(formatNumber(v, step), left - 4, yy);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const span = to - from;
  const tStep = niceStep(span / 1000, Math.max(2, Math.floor((right - left) / 90))) * 1000;
  for (let t = Math.ceil(from / tStep) * tStep; t <= to; t += tStep) {
    const xx = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(xx, top);
    ctx.lineTo(xx, bottom);
    ctx.stroke();
    const d = new Date(t);
    const label = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    const half = ctx.measureText(label).width / 2;
    if (xx - half >= left - 2 && xx + half <= cssW) ctx.fillText(label, xx, cssH - 4);
  }

  // Lines.
  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, cssH);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineWidth = 1.75;
  for (const s of visible) {
    if (!s.pts.length) continue;
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    s.pts.forEach(([t, v], i) => (i ? ctx.lineTo(x(t), y(v)) : ctx.moveTo(x(t), y(v))));
    ctx.stroke();
    const [lt, lv] = s.pts[s.pts.length - 1];
    ctx.fillStyle = s.color;
    ctx.beginPath();
    ctx.arc(x(lt), y(lv), 2.5, 0, Math.PI * 2);
    ctx.fill();
    drawn += s.pts.length;
  }
  ctx.restore();
  return drawn;
}
