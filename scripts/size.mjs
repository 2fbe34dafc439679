// Prints the size of the page as served: every file of a Trunk release build (default `dist/`) raw, gzip (level 9)
// and brotli (quality 11), the totals, and the first load: the files the first screen needs (index.html and what it
// names: the stylesheets, boot.js, the wasm-bindgen glue and the wasm), against everything else, which the page
// fetches on demand (the analysis worker's script for a large paste, the rule documentation). The precompressed
// siblings `.br`/`.gz` (scripts/precompress.mjs) are the same files in another encoding and are not counted.
//
// Limits, each exiting 1 when exceeded (sizes are deterministic, so this is a test):
//   --budget BYTES              the hard budget of decision 0004 for the whole page (brotli): 327680 (320 KiB)
//   --ceiling BYTES             the ratchet for the whole page (brotli): just above the page as last merged, so
//                               that growth is a decision (raised on purpose, never above the budget)
//   --first-load-ceiling BYTES  the same ratchet for the first load (brotli)
//
//   node scripts/size.mjs [dir] [--budget 327680] [--ceiling BYTES] [--first-load-ceiling BYTES]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { brotli, gzip, isPrecompressed } from './compress.mjs';

const args = process.argv.slice(2);
const limits = {};
let dir = 'dist';
for (let i = 0; i < args.length; i++) {
  const flag = /^--(budget|ceiling|first-load-ceiling)$/.exec(args[i])?.[1];
  if (flag) {
    limits[flag] = Number(args[++i]);
    if (!(limits[flag] > 0)) {
      console.error(`size: --${flag} needs a positive number of bytes`);
      process.exit(2);
    }
  } else {
    dir = args[i];
  }
}
if (limits.budget && limits.ceiling > limits.budget) {
  console.error(`size: the ceiling (${limits.ceiling}) is above the budget (${limits.budget}): raising the budget is decision 0004's to make`);
  process.exit(2);
}

/** Every file under `root` (not the precompressed siblings), sorted by path. */
function files(root) {
  const out = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (!isPrecompressed(name)) out.push(path);
  }
  return out;
}

const measure = (bytes) => ({ raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length });

/**
 * The files of the first load: index.html and every file it names (`href`, `src`, and the boot script's `data-js`
 * and `data-wasm`), as paths relative to `dir`. Only local names count; `data:` URLs are inline.
 */
function firstLoad(html) {
  const names = new Set(['index.html']);
  // Quoted or not: a release build's index.html is minified (Trunk.toml), which drops the quotes it can.
  for (const m of html.matchAll(/\s(?:href|src|data-js|data-wasm)=(?:"([^"]+)"|([^\s"'>]+))/g)) {
    const name = (m[1] ?? m[2]).replace(/^\.?\//, '');
    if (name && !/^[a-z]+:/i.test(name) && !name.startsWith('#')) names.add(name);
  }
  return names;
}

let paths;
let html;
try {
  paths = files(dir);
  html = readFileSync(join(dir, 'index.html'), 'utf8');
} catch (e) {
  console.error(`size: cannot read ${dir}: ${e.message} (run \`trunk build --release\` first)`);
  process.exit(2);
}
const first = firstLoad(html);
const rows = paths.map((path) => {
  const name = relative(dir, path);
  return { name, first: first.has(name), ...measure(readFileSync(path)) };
});
const missing = [...first].filter((name) => !rows.some((r) => r.name === name));
if (missing.length) {
  console.error(`size: index.html names files that are not in ${dir}: ${missing.join(', ')}`);
  process.exit(2);
}
const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});
const total = sum(rows);
const firstTotal = sum(rows.filter((r) => r.first));

const width = Math.max(5, 'first load'.length, ...rows.map((r) => r.name.length + 2));
const num = (n) => String(n).padStart(10);
console.log(`${'asset (* first load)'.padEnd(width)} ${num('raw')} ${num('gzip')} ${num('brotli')}`);
for (const r of [...rows].sort((a, b) => b.brotli - a.brotli)) {
  console.log(`${`${r.first ? '* ' : '  '}${r.name}`.padEnd(width)} ${num(r.raw)} ${num(r.gzip)} ${num(r.brotli)}`);
}
console.log(`${'first load'.padEnd(width)} ${num(firstTotal.raw)} ${num(firstTotal.gzip)} ${num(firstTotal.brotli)}`);
console.log(`${'total'.padEnd(width)} ${num(total.raw)} ${num(total.gzip)} ${num(total.brotli)}`);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`\npage, brotli: ${total.brotli} bytes (${kb(total.brotli)} KiB); budget 320 KiB (decision 0004)`);
console.log(`first load, brotli: ${firstTotal.brotli} bytes (${kb(firstTotal.brotli)} KiB); goal before the first result 256 KiB`);

let failed = false;
/** Checks `value` (what) against a limit; prints the verdict. */
function check(value, what, flag) {
  const limit = limits[flag];
  if (limit === undefined) return;
  const name = flag === 'budget' ? 'budget' : 'ceiling';
  if (value > limit) {
    console.error(`size: FAIL: ${what} is ${value} bytes brotli, over the ${name} of ${limit} bytes (--${flag})`);
    failed = true;
  } else {
    console.log(`size: ${what} within the ${name} of ${limit} bytes (${limit - value} to spare; --${flag})`);
  }
}
check(total.brotli, 'the page', 'budget');
check(total.brotli, 'the page', 'ceiling');
check(firstTotal.brotli, 'the first load', 'first-load-ceiling');
if (failed) process.exit(1);
