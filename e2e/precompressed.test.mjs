// The release build ships `.br` and `.gz` beside every file (scripts/precompress.mjs, Trunk's post-build hook), each
// the same bytes as the file, and the static server sends them to a browser that accepts them: the page the other
// tests load arrived that way.
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BASE_URL } from './browser.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;

/** Every file under `dir`, relative to it. */
async function files(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await files(dir, name)));
    else out.push(name);
  }
  return out;
}

test('every file of the build has a .br and a .gz beside it, with the same content', async () => {
  const all = await files(DIST);
  const assets = all.filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `a wasm among ${assets}`);
  for (const asset of assets) {
    const bytes = await readFile(join(DIST, asset));
    assert.ok(brotliDecompressSync(await readFile(join(DIST, `${asset}.br`))).equals(bytes), `${asset}.br`);
    assert.ok(gunzipSync(await readFile(join(DIST, `${asset}.gz`))).equals(bytes), `${asset}.gz`);
  }
  const orphans = all.filter((f) => (f.endsWith('.br') || f.endsWith('.gz')) && !assets.includes(f.slice(0, -3)));
  assert.deepEqual(orphans, [], 'no sibling without its file');
});

test('the server sends brotli or gzip as the browser accepts, with the type of the file', async () => {
  const wasm = (await readdir(DIST)).find((f) => f.endsWith('.wasm'));
  const url = new URL(wasm, BASE_URL);
  const plain = await readFile(join(DIST, wasm));
  for (const [accept, encoding, decode] of [
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['br;q=0, gzip', 'gzip', gunzipSync],
    ['identity', null, (b) => b],
  ]) {
    // Node's fetch would decode the body itself; the raw socket's view is what a browser gets.
    const { headers, body } = await new Promise((resolve, reject) => {
      request(url, { headers: { 'accept-encoding': accept } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    assert.equal(headers['content-type'], 'application/wasm', accept);
    assert.equal(headers['content-encoding'], encoding ?? undefined, accept);
    assert.match(headers.vary ?? '', /accept-encoding/i, accept);
    assert.ok(decode(body).equals(plain), `${accept}: the same wasm`);
  }
});
