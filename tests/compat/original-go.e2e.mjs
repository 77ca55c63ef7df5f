// SPDX-License-Identifier: GPL-3.0-or-later
// The original Go server's own producer and web client, unchanged, against SyncStreamer:
//
//   node tests/compat/original-go.e2e.mjs -- /path/to/syncstreamer
//
// Builds the original's demo producer (`demo/`, which posts LED glyphs to /event/{channel}),
// serves its browser client (`static/`) with Debian's nginx, which passes /frame* to the real
// `syncstreamer --headless` on the same origin (as a user of the original deploys it), loads the
// page in Debian's Chromium and checks that the LED cells light and change, that every event the
// producer posted was accepted, and that neither side piles up connections.
//
// The original's source is read from ../shared/reference/original-go beside the source tree
// (SYNCSTREAMER_ORIGINAL_GO to point elsewhere; SYNCSTREAMER_SCREENSHOT=page.png to keep a
// picture of the page). Exits 77 (ctest's SKIP_RETURN_CODE), with a
// message, where that folder, `go`, nginx or Chromium is missing.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, CHROMIUM } from '../web/lib/cdp.mjs';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const ORIGINAL = process.env.SYNCSTREAMER_ORIGINAL_GO ?? path.resolve(here, '../../../shared/reference/original-go');
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

function skip(message) {
  console.log(`SKIP: ${message}`);
  process.exit(SKIP);
}

const dash = process.argv.indexOf('--');
if (dash < 0 || dash === process.argv.length - 1) {
  console.error('usage: node tests/compat/original-go.e2e.mjs -- <syncstreamer executable>');
  process.exit(2);
}
const SYNCSTREAMER = process.argv[dash + 1];

if (!existsSync(path.join(ORIGINAL, 'demo', 'main.go')) || !existsSync(path.join(ORIGINAL, 'static', 'index.html')))
  skip(`the original Go server's source is not at ${ORIGINAL} (demo/ and static/ are needed)`);
if (spawnSync('go', ['version']).status !== 0) skip('`go` is not on the PATH (packaging/install-deps.sh installs golang-go)');
if (!NGINX) skip('nginx is not installed (packaging/install-deps.sh installs nginx-light)');
if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (packaging/install-deps.sh installs chromium)`);

const tmp = mkdtempSync(path.join(tmpdir(), 'syncstreamer-original-'));
const children = [];
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) ++failures;
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function start(name, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  child.exitedWith = null;
  child.on('exit', (code, signal) => (child.exitedWith = code ?? signal));
  child.label = name;
  children.push(child);
  return child;
}

async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The sockets a process holds open (Linux).
function socketCount(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length;
  } catch {
    return -1;
  }
}

// syncstreamer_http_requests_total by status code, and the other counters this test reads.
async function metrics(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? NaN);
  const codes = {};
  for (const m of text.matchAll(/^syncstreamer_http_requests_total\{code="(\d+)"\} (\S+)$/gm)) codes[m[1]] = Number(m[2]);
  return {
    codes,
    accepted: value('syncstreamer_events_accepted_total'),
    refused: value('syncstreamer_http_connections_refused_total'),
    connections: value('syncstreamer_http_connections'),
  };
}

// What the page's LED display shows: the indices of its lit cells (runs in the page). With
// `onlyLit`, null while no cell is lit.
function litCells(onlyLit) {
  const cells = [...document.querySelectorAll('#led rect')];
  const lit = cells.flatMap((c, i) => (c.style.opacity === '1' ? [i] : [])).join(',');
  return onlyLit && !lit ? null : { cells: cells.length, lit };
}

let browser;
try {
  // The producer, built from the original's source as its users build it.
  const demo = path.join(tmp, 'demo');
  const build = spawnSync('go', ['build', '-o', demo, './demo'], {
    cwd: ORIGINAL,
    encoding: 'utf8',
    env: { ...process.env, GOCACHE: path.join(tmp, 'go-cache'), GOPATH: path.join(tmp, 'go-path'), GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' },
  });
  if (build.status !== 0) throw new Error(`go build ./demo failed:\n${build.stdout}${build.stderr}`);

  // The server with no option for the original's sake; short frames only so the test is quick.
  // Not shorter: the original's client asks for the next frame a third of a frame into the
  // current one and stops for good (a TypeError) if that frame is not listed by then, so a
  // frame must be in the index within a third of a frame after its end, a busy machine included.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start('syncstreamer', SYNCSTREAMER, ['--headless', '--bind', '127.0.0.1', '--port', String(port), '--data-dir', path.join(tmp, 'data'), '--frame-duration', '3s'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
  await waitFor(`${base}/time`, async () => server.exitedWith === null && (await fetch(`${base}/time`)).ok, 30_000);

  // The original's client files on one origin, /frame and /frame/{id} passed to the server.
  const webPort = await freePort();
  const prefix = path.join(tmp, 'nginx');
  mkdirSync(prefix);
  writeFileSync(path.join(prefix, 'nginx.conf'), `daemon off;
master_process off;
worker_processes 1;
pid nginx.pid;
error_log error.log info;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path body;
  proxy_temp_path proxy;
  fastcgi_temp_path fastcgi;
  uwsgi_temp_path uwsgi;
  scgi_temp_path scgi;
  types { text/html html; text/javascript js mjs; image/x-icon ico; }
  server {
    listen 127.0.0.1:${webPort};
    root ${path.join(ORIGINAL, 'static')};
    location /frame { proxy_pass ${base}; }
  }
}
`);
  start('nginx', NGINX, ['-p', `${prefix}/`, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')]);
  const page = `http://127.0.0.1:${webPort}/`;
  await waitFor(page, async () => (await fetch(page)).ok, 10_000);

  const producer = start('demo producer', demo, ['-text', 'syncstreamer', '-address', base]);

  // The original's client starts with the second entry of the index and fails for good when
  // there is none: the page is opened once the producer has run for two frames.
  await waitFor('two finished frames', async () => (await (await fetch(`${base}/frame`)).json()).length >= 2, 60_000);
  browser = await Browser.launch();
  const tab = await browser.newPage();
  await tab.goto(page);
  // The client plays two frames behind, from the second frame of the index on.
  const first = await tab.waitUntil(litCells, { timeoutMs: 60_000, intervalMs: 100, what: 'a lit LED cell' }, true);
  const shown = new Set();
  for (let i = 0; i < 100 && shown.size < 5; ++i) {
    const now = await tab.evaluate(litCells, false);
    if (now.lit) shown.add(now.lit);
    await new Promise((r) => setTimeout(r, 100));
  }
  check(first.cells === 47 * 6, `the LED display has its ${first.cells} cells`);
  check(shown.size >= 5, `the LED text moves: ${shown.size} different pictures`);
  // SYNCSTREAMER_SCREENSHOT=file.png keeps a picture of the page, for a person to look at.
  if (process.env.SYNCSTREAMER_SCREENSHOT) await tab.screenshot(process.env.SYNCSTREAMER_SCREENSHOT);
  const streamTime = Number(await tab.evaluate(() => document.getElementById('streamtime').innerText));
  check(streamTime > 0, `the stream time plays (${streamTime})`);

  // Every event the producer posted was answered 200: no refusal of any kind.
  const m = await metrics(base);
  const notOk = Object.entries(m.codes).filter(([code, n]) => code !== '200' && n > 0);
  check(m.accepted > 0, `events accepted: ${m.accepted}`);
  check(notOk.length === 0, `answers other than 200: ${JSON.stringify(Object.fromEntries(notOk))}`);
  check(m.refused === 0, `connections refused: ${m.refused}`);
  // Reused connections: a few on each side, not one per event.
  check(m.connections <= 16, `connections the server holds: ${m.connections}`);
  const producerSockets = socketCount(producer.pid);
  check(producerSockets === -1 || producerSockets <= 8, `sockets the producer holds: ${producerSockets}`);
  check(producer.exitedWith === null && server.exitedWith === null, 'the producer and the server still run');
  if (tab.consoleErrors.length) console.log(`the page's console: ${tab.consoleErrors.slice(0, 5).join(' | ')}`);
} catch (error) {
  console.log(`FAIL: ${error.stack ?? error}`);
  ++failures;
} finally {
  if (browser) await browser.close();
  for (const child of children.reverse()) {
    if (child.exitedWith === null) {
      child.kill('SIGTERM');
      const deadline = Date.now() + 5000;
      while (child.exitedWith === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (child.exitedWith === null) child.kill('SIGKILL');
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
