// SPDX-License-Identifier: MIT
// The player's files: the Qt resource list matches the folder, every reference resolves, nothing
// is loaded from another origin, and every file carries its license.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const resources = path.resolve(here, '../../resources');
const web = path.join(resources, 'web');

function walk(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const files = walk(web).sort();

test('web.qrc lists exactly the files of resources/web, each under its own path', () => {
  const qrc = readFileSync(path.join(resources, 'web.qrc'), 'utf8');
  assert.match(qrc, /<qresource prefix="\/web">/);
  const entries = [...qrc.matchAll(/<file alias="([^"]+)">([^<]+)<\/file>/g)].map(([, alias, file]) => {
    assert.equal(file, `web/${alias}`);
    return alias;
  });
  assert.deepEqual(entries.sort(), files);
});

test('every local reference in the page and the modules resolves; nothing comes from elsewhere', () => {
  const html = readFileSync(path.join(web, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 3);
  for (const ref of refs) {
    assert.doesNotMatch(ref, /^(?:[a-z]+:)?\/\//i, `${ref} is not same-origin`);
    assert.ok(files.includes(ref.replace(/^\.?\//, '')), `${ref} is in resources/web`);
  }
  for (const file of files.filter((f) => f.endsWith('.mjs'))) {
    const text = readFileSync(path.join(web, file), 'utf8');
    for (const [, spec] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
      assert.match(spec, /^\.\.?\//, `${file} imports ${spec} relatively`);
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      assert.ok(files.includes(target), `${file} imports ${spec}, which exists`);
    }
    assert.doesNotMatch(text, /https?:\/\/(?!127\.0\.0\.1)/, `${file} names no other origin`);
  }
  const css = readFileSync(path.join(web, 'player.css'), 'utf8');
  assert.doesNotMatch(css, /@import|url\(\s*['"]?https?:/);
});

test('every file of the player carries the MIT license', () => {
  for (const file of files) {
    if (file === 'LICENSE') continue;
    const head = readFileSync(path.join(web, file), 'utf8').split('\n').slice(0, 3).join('\n');
    assert.match(head, /SPDX-License-Identifier: MIT/, file);
  }
  assert.match(readFileSync(path.join(web, 'LICENSE'), 'utf8'), /^MIT License/);
});
