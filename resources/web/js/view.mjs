// SPDX-License-Identifier: MIT
// The channel cards. Every value shown is also on a stable data attribute, so that a test can
// read what the page shows:
//   [data-channel=ID]            data-type, data-kind, data-items, data-rate,
//                                data-last-value, data-last-timestamp
//   [data-channel=ID] [data-field=NAME]   data-last-value (numeric JSON fields)
//   [data-channel=ID] [data-log] > li     data-timestamp, text (text channels)
//   [data-channel=ID] [data-binary]       data-size, data-hex (binary channels)
//   [data-channel=ID] [data-field=NAME] canvas[data-chart]  data-points (points drawn at the
//                                last repaint)

import { drawChart, PALETTE } from './chart.mjs';

const CHART_WINDOW_MS = 60_000;
const LOG_LINES = 50;

export function formatTime(ms, { date = false } = {}) {
  if (!Number.isFinite(ms)) return '–';
  const d = new Date(ms);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  if (!date) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

export function formatRate(rate) {
  if (rate >= 100) return rate.toFixed(0);
  if (rate >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export class ChannelView {
  constructor(container, store) {
    this.container = container;
    this.store = store;
    this.cards = new Map(); // id -> {root, parts...}
    this.empty = container.querySelector('[data-empty]');
    this.theme = null;
  }

  clear() {
    for (const card of this.cards.values()) card.root.remove();
    this.cards.clear();
    if (this.empty) this.empty.hidden = false;
  }

  card(c) {
    let card = this.cards.get(c.id);
    if (card && card.kind === c.kind) return card;
    card?.root.remove();
    const root = el('article', { class: `channel kind-${c.kind}`, 'data-channel': c.id });
    const title = el('h2', { class: 'channel-id', text: c.id, title: c.id });
    const type = el('span', { class: 'channel-type', text: c.type });
    const rate = el('span', { class: 'channel-rate' });
    const count = el('span', { class: 'channel-count' });
    const head = el('header', {}, el('div', { class: 'channel-title' }, title, type), el('div', { class: 'channel-stats' }, rate, count));
    const value = el('div', { class: 'channel-value', 'data-role': 'value' });
    const when = el('time', { class: 'channel-when' });
    root.append(head, el('div', { class: 'channel-last' }, value, when));
    card = { root, kind: c.kind, type, rate, count, value, when, fieldEls: new Map() };
    if (c.kind === 'json') {
      card.fields = el('ul', { class: 'fields' });
      root.append(card.fields);
    } else if (c.kind === 'text') {
      card.log = el('ol', { class: 'log', 'data-log': c.id });
      root.append(card.log);
    } else {
      card.binary = el('div', { class: 'binary', 'data-binary': c.id });
      card.size = el('span', { class: 'binary-size' });
      card.hex = el('code', { class: 'binary-hex' });
      card.binary.append(card.size, card.hex);
      root.append(card.binary);
    }
    this.cards.set(c.id, card);
    this.container.append(root);
    if (this.empty) this.empty.hidden = true;
    return card;
  }

  // Shows the channels' current state. playhead: the server time shown (for the rate).
  update(ids, playhead) {
    for (const id of ids) {
      const c = this.store.channels.get(id);
      if (!c) continue;
      const card = this.card(c);
      const root = card.root;
      root.dataset.type = c.type;
      root.dataset.kind = c.kind;
      root.dataset.items = String(c.count);
      card.type.textContent = c.type;
      card.count.textContent = c.count === 1 ? '1 item' : `${c.count} items`;
      this.updateRate(card, c, playhead);
      if (c.lastTimestamp !== null) {
        root.dataset.lastValue = c.lastValue ?? '';
        root.dataset.lastTimestamp = String(c.lastTimestamp);
        card.value.textContent = c.lastValue ?? '';
        card.value.title = c.lastValue ?? '';
        card.when.textContent = formatTime(c.lastTimestamp);
        card.when.dateTime = new Date(c.lastTimestamp).toISOString();
      }
      root.classList.toggle('has-error', Boolean(c.error));
      if (c.kind === 'json') this.updateFields(card, c);
      else if (c.kind === 'text') this.updateLog(card, c);
      else this.updateBinary(card, c);
      card.dirty = true;
    }
  }

  updateRate(card, c, playhead) {
    const rate = this.store.rate(c.id, Number.isFinite(playhead) ? playhead : (c.lastTimestamp ?? 0));
    const text = formatRate(rate);
    if (card.root.dataset.rate !== text) {
      card.root.dataset.rate = text;
      card.rate.textContent = `${text}/s`;
    }
  }

  // Rates fall when a channel goes quiet, so they are refreshed as the playhead moves.
  refreshRates(playhead) {
    for (const [id, card] of this.cards) {
      const c = this.store.channels.get(id);
      if (c) this.updateRate(card, c, playhead);
    }
  }

  updateFields(card, c) {
    for (const [name, field] of c.fields) {
      let f = card.fieldEls.get(name);
      if (!f) {
        const color = PALETTE[card.fieldEls.size % PALETTE.length];
        const swatch = el('i', { class: 'swatch' });
        swatch.style.background = color;
        const val = el('b');
        const canvas = el('canvas', { 'data-chart': name, 'data-points': '0' });
        const li = el('li', { 'data-field': name },
          el('div', { class: 'field-head' }, swatch, el('span', { class: 'field-name', text: name, title: name }), val),
          el('div', { class: 'chart' }, canvas));
        f = { li, val, color, canvas };
        card.fieldEls.set(name, f);
        card.fields.append(li);
      }
      const text = String(field.last);
      if (f.li.dataset.lastValue !== text) {
        f.li.dataset.lastValue = text;
        f.val.textContent = text;
      }
    }
  }

  updateLog(card, c) {
    // Most updates append; an item that arrived out of order makes the list be rebuilt.
    let from = 0;
    if (card.logRewrites === c.logRewrites && card.lastLogEntry) {
      const at = c.log.lastIndexOf(card.lastLogEntry);
      if (at >= 0) from = at + 1;
      else card.log.replaceChildren();
    } else {
      card.log.replaceChildren();
    }
    from = Math.max(from, c.log.length - LOG_LINES);
    for (const line of c.log.slice(from)) {
      card.log.append(el('li', { 'data-timestamp': String(line.timestamp) }, el('time', { text: formatTime(line.timestamp) }), el('span', { text: line.text })));
    }
    while (card.log.children.length > LOG_LINES) card.log.firstElementChild.remove();
    card.logRewrites = c.logRewrites;
    card.lastLogEntry = c.log[c.log.length - 1] ?? null;
    card.log.scrollTop = card.log.scrollHeight;
  }

  updateBinary(card, c) {
    if (c.size === null) return;
    card.binary.dataset.size = String(c.size);
    card.binary.dataset.hex = c.hex;
    card.size.textContent = c.size === 1 ? '1 byte' : `${c.size} bytes`;
    card.hex.textContent = c.hex || '(empty)';
  }

  readTheme() {
    const style = getComputedStyle(document.documentElement);
    this.theme = {
      grid: style.getPropertyValue('--chart-grid').trim() || '#333',
      text: style.getPropertyValue('--chart-text').trim() || '#999',
      font: `11px ${style.getPropertyValue('--mono').trim() || 'monospace'}`,
    };
  }

  // Repaints the charts for a window ending at `to`.
  drawCharts(to) {
    if (!this.theme) this.readTheme();
    for (const [id, card] of this.cards) {
      if (card.kind !== 'json') continue;
      const c = this.store.channels.get(id);
      if (!c) continue;
      // One chart per field, each with its own scale.
      for (const [name, field] of c.fields) {
        const f = card.fieldEls.get(name);
        if (!f) continue;
        const drawn = drawChart(f.canvas, [{ name, color: f.color, points: field.points }], { from: to - CHART_WINDOW_MS, to, theme: this.theme });
        f.canvas.dataset.points = String(drawn);
      }
    }
  }
}
