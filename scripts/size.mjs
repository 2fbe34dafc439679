// Prints the size of the page as served: every file of a Trunk build (default `dist/`) raw, gzip (level 9) and
// brotli (quality 11), and the totals. With `--budget BYTES` (or `--ceiling BYTES`, the same check under the name
// the test command uses while the page is over issue 6's budget) it exits 1 when the brotli total exceeds that
// limit (sizes are deterministic, so this is a test).
//
//   node scripts/size.mjs [dir] [--budget 163840 | --ceiling BYTES]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
let limit = null;
let limitName = 'budget';
let dir = 'dist';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--budget' || args[i] === '--ceiling') {
    limitName = args[i].slice(2);
    limit = Number(args[++i]);
  } else {
    dir = args[i];
  }
}
if (limit !== null && !(limit > 0)) {
  console.error(`size: --${limitName} needs a positive number of bytes`);
  process.exit(2);
}

/** Every file under `root`, sorted by path. */
function files(root) {
  const out = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

let paths;
try {
  paths = files(dir);
} catch (e) {
  console.error(`size: cannot read ${dir}: ${e.message} (run \`trunk build --release\` first)`);
  process.exit(2);
}
const rows = paths.map((path) => ({ name: relative(dir, path), ...measure(readFileSync(path)) }));
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});

const width = Math.max(5, ...rows.map((r) => r.name.length));
const num = (n) => String(n).padStart(10);
console.log(`${'asset'.padEnd(width)} ${num('raw')} ${num('gzip')} ${num('brotli')}`);
for (const r of [...rows].sort((a, b) => b.brotli - a.brotli)) {
  console.log(`${r.name.padEnd(width)} ${num(r.raw)} ${num(r.gzip)} ${num(r.brotli)}`);
}
console.log(`${'total'.padEnd(width)} ${num(total.raw)} ${num(total.gzip)} ${num(total.brotli)}`);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`\npage, brotli: ${total.brotli} bytes (${kb(total.brotli)} KiB); goal 120 KiB, budget 160 KiB`);

if (limit !== null) {
  if (total.brotli > limit) {
    console.error(`size: FAIL: the page is ${total.brotli} bytes brotli, over the ${limitName} of ${limit} bytes`);
    process.exit(1);
  }
  console.log(`size: within the ${limitName} (${limit - total.brotli} bytes to spare)`);
}
