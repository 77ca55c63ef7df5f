// SPDX-License-Identifier: MIT
// Takes the screenshots in docs/: the player on a desktop-sized and a phone-sized screen,
// playing the fake server's demo data.  node tests/web/screenshot.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser } from './lib/cdp.mjs';
import { startFakeServer } from './fakeserver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const images = path.resolve(here, '../../docs/images');
const scheme = process.argv.includes('--light') ? 'light' : 'dark';

const server = await startFakeServer({ frameMs: 5000, synthetic: true, history: 90_000 });
const browser = await Browser.launch();
try {
  for (const [name, width, height, mobile, scale] of [['web-player.png', 1360, 900, false, 1], ['web-player-phone.png', 390, 844, true, 2]]) {
    const page = await browser.newPage({ width, height, mobile, deviceScaleFactor: scale });
    await page.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
    await page.goto(`${server.url}/?mode=sync&delay=2`);
    await page.waitUntil(() => document.querySelectorAll('[data-channel][data-last-value]').length >= 4 && document.body.dataset.status === 'playing', { timeoutMs: 30_000, what: 'the demo channels' });
    await new Promise((r) => setTimeout(r, 2500));
    await page.screenshot(path.join(images, name));
    console.log(`wrote ${path.join(images, name)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
