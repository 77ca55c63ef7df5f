// SPDX-License-Identifier: MIT
// Runs the browser test against a real server process:
//
//   node tests/web/with-app.mjs -- /path/to/syncstreamer --headless --port {port} --data-dir {tmp}
//
// {port} becomes a free port on 127.0.0.1 and {tmp} a fresh folder (removed afterwards). The
// server must answer GET /time within 30 s. Exits 77 (ctest's SKIP_RETURN_CODE) when Chromium is
// missing or the server does not serve the player at /, else with the test's status.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './lib/cdp.mjs';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const dash = process.argv.indexOf('--');
if (dash < 0 || dash === process.argv.length - 1) {
  console.error('usage: node tests/web/with-app.mjs -- <server command with {port}>');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.log(`SKIP: no Chromium at ${CHROMIUM}`);
  process.exit(SKIP);
}

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const tmp = mkdtempSync(path.join(tmpdir(), 'syncstreamer-web-'));
const [command, ...args] = process.argv.slice(dash + 1).map((a) => a.replaceAll('{port}', String(port)).replaceAll('{tmp}', tmp));
const base = `http://127.0.0.1:${port}`;

const app = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let exited = false;
app.on('exit', () => (exited = true));

async function stopApp() {
  if (!exited) {
    app.kill('SIGTERM');
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!exited) app.kill('SIGKILL');
  }
  rmSync(tmp, { recursive: true, force: true });
}

let status = 1;
try {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`${command} exited before it answered`);
    try {
      if ((await fetch(`${base}/time`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${base}/time did not answer within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const page = await fetch(`${base}/`);
  if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html')) {
    console.log(`SKIP: ${base}/ does not serve the web player (${page.status} ${page.headers.get('content-type')})`);
    status = SKIP;
  } else {
    const test = spawn(process.execPath, ['--test', path.join(here, 'browser.e2e.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, SYNCSTREAMER_BASE_URL: base },
    });
    const timer = setTimeout(() => test.kill('SIGKILL'), 600_000);
    status = await new Promise((resolve) => test.on('exit', (code) => resolve(code ?? 1)));
    clearTimeout(timer);
  }
} catch (error) {
  console.error(error.message);
  status = 1;
} finally {
  await stopApp();
}
process.exit(status);
