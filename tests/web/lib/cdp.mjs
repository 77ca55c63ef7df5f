// SPDX-License-Identifier: MIT
// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: Chromium reads
// commands from its fd 3 and writes replies and events to its fd 4, each a JSON text ended by
// a NUL byte. No WebSocket, no port, no dependency.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-extensions',
  '--mute-audio',
  '--remote-debugging-pipe',
];

export class Browser {
  static async launch({ executable = CHROMIUM, extraArgs = [], timeoutMs = 20_000 } = {}) {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'syncstreamer-chromium-'));
    const child = spawn(executable, [...FLAGS, `--user-data-dir=${userDataDir}`, ...extraArgs, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const browser = new Browser(child, userDataDir);
    const version = await browser.send('Browser.getVersion', {}, undefined, timeoutMs);
    browser.version = version.product;
    return browser;
  }

  constructor(child, userDataDir) {
    this.child = child;
    this.userDataDir = userDataDir;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.closed = false;
    let buffer = Buffer.alloc(0);
    child.stdio[4].on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const text = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 1);
        this.dispatch(JSON.parse(text));
      }
    });
    child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    child.on('exit', (code) => {
      this.closed = true;
      for (const { reject } of this.pending.values()) reject(new Error(`chromium exited (${code}): ${this.stderr.slice(-500)}`));
      this.pending.clear();
    });
    child.stdio[3].on('error', () => {});
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  send(method, params = {}, sessionId = undefined, timeoutMs = 15_000) {
    if (this.closed) return Promise.reject(new Error('chromium is not running'));
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      this.child.stdio[3].write(JSON.stringify(message) + '\0');
    });
  }

  // Resolves with the first event `method` (of the session) for which `predicate` holds.
  waitFor(method, sessionId, predicate = () => true, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
      const listener = (m) => {
        if (m.method === method && m.sessionId === sessionId && predicate(m.params)) {
          this.listeners.delete(listener);
          clearTimeout(timer);
          resolve(m.params);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async newPage({ width = 1280, height = 860, mobile = false, deviceScaleFactor = 1, initScripts = [] } = {}) {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, targetId, sessionId);
    await page.send('Page.enable');
    await page.send('Runtime.enable');
    await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor, mobile });
    for (const source of initScripts) await page.send('Page.addScriptToEvaluateOnNewDocument', { source });
    page.consoleErrors = [];
    this.listeners.add((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === 'Runtime.exceptionThrown') page.consoleErrors.push(m.params.exceptionDetails?.exception?.description ?? m.params.exceptionDetails?.text);
      if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error') page.consoleErrors.push(m.params.args.map((a) => a.value ?? a.description).join(' '));
    });
    return page;
  }

  async close() {
    if (!this.closed) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.send('Browser.close', {}, undefined, 3000).catch(() => {});
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

export class Page {
  constructor(browser, targetId, sessionId) {
    Object.assign(this, { browser, targetId, sessionId });
  }

  send(method, params = {}, timeoutMs) {
    return this.browser.send(method, params, this.sessionId, timeoutMs);
  }

  async goto(url, timeoutMs = 15_000) {
    const loaded = this.browser.waitFor('Page.loadEventFired', this.sessionId, () => true, timeoutMs);
    const result = await this.send('Page.navigate', { url });
    if (result.errorText) throw new Error(`cannot open ${url}: ${result.errorText}`);
    await loaded;
  }

  // Evaluates an expression (or a function with JSON arguments) in the page; returns its value.
  async evaluate(fnOrExpression, ...args) {
    const expression = typeof fnOrExpression === 'function'
      ? `(${fnOrExpression})(${args.map((a) => JSON.stringify(a)).join(',')})`
      : fnOrExpression;
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  // Polls `fn` until it returns a truthy value; returns it.
  async waitUntil(fn, { timeoutMs = 15_000, intervalMs = 50, what = 'a condition' } = {}, ...args) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate(fn, ...args);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  async screenshot(file) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
    writeFileSync(file, Buffer.from(data, 'base64'));
  }

  close() {
    return this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
  }
}
