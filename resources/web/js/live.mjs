// SPDX-License-Identifier: MIT
// Live mode: the server's event stream (GET /events, Server-Sent Events), shown as it arrives.
// A `message` is one accepted item: {"channel","type","timestamp","frameId","json"|"base64"}.
// `frame` announces a finished frame; `dropped` says the server gave up on this subscriber
// because it fell behind, and is followed by the end of the stream: reconnect.

export class LiveFeed {
  constructor({
    base = '',
    channels = [],
    EventSourceClass = globalThis.EventSource,
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (id) => clearTimeout(id),
    onItem = () => {},
    onFrame = () => {},
    onStatus = () => {},
  }) {
    Object.assign(this, { base, channels, EventSourceClass, setTimer, clearTimer, onItem, onFrame, onStatus });
    this.source = null;
    this.timer = null;
    this.failures = 0;
    this.running = false;
    this.received = 0;
    this.drops = 0;
  }

  url() {
    const filter = this.channels.length ? `?channels=${this.channels.map(encodeURIComponent).join(',')}` : '';
    return `${this.base}/events${filter}`;
  }

  start() {
    this.running = true;
    this.connect();
  }

  stop() {
    this.running = false;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  connect() {
    if (!this.running) return;
    this.source?.close();
    this.onStatus('connecting');
    const source = new this.EventSourceClass(this.url());
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.onStatus('live');
    };
    source.onmessage = (event) => {
      let item;
      try {
        item = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!item || typeof item.channel !== 'string' || !Number.isFinite(item.timestamp)) return;
      this.received += 1;
      this.onItem(item);
    };
    source.addEventListener('frame', (event) => {
      try {
        this.onFrame(JSON.parse(event.data));
      } catch {
        // a summary that does not parse is not worth stopping for
      }
    });
    source.addEventListener('dropped', () => {
      this.drops += 1;
      this.onStatus('reconnecting', 'the page fell behind the live feed');
      this.retry(200);
    });
    source.onerror = () => {
      // EventSource reconnects by itself while CONNECTING; once CLOSED it is up to us.
      if (source.readyState === 2 /* CLOSED */) {
        this.failures += 1;
        this.onStatus('reconnecting', 'the server does not answer');
        this.retry(Math.min(5000, 250 * 2 ** Math.min(this.failures, 10)));
      } else {
        this.onStatus('reconnecting', 'the connection was lost');
      }
    };
  }

  retry(ms) {
    if (!this.running) return;
    this.source?.close();
    this.source = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.connect();
    }, ms);
  }
}
