#!/usr/bin/env bash
# What makes the page's wasm big: builds the app's wasm with function names kept (the release profile otherwise
# strips them), optimises it as Trunk does (`wasm-opt -Oz`, names kept), and prints twiggy's largest items and the
# share of each crate. Not part of the test command (it installs twiggy from crates.io on first use).
#
#   scripts/size-report.sh [N=40]     (the page's own sizes: node scripts/size.mjs after trunk build --release)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
TOP="${1:-40}"
TWIGGY_VERSION=0.8.0
if ! twiggy --version 2>/dev/null | grep -q "$TWIGGY_VERSION"; then
  cargo install twiggy --version "$TWIGGY_VERSION" --locked --quiet
fi
OUT="$ROOT/target/size-report"
mkdir -p "$OUT"
CARGO_PROFILE_RELEASE_STRIP=none CARGO_TARGET_DIR="$OUT/cargo" \
  cargo build --release -p talos-ext-web --target wasm32-unknown-unknown --quiet
wasm-bindgen --target web --out-dir "$OUT" "$OUT/cargo/wasm32-unknown-unknown/release/talos-ext-web.wasm"
# The features rustc enables for wasm32-unknown-unknown (as in index.html's data-wasm-opt-params); -g keeps names.
wasm-opt -Oz -g --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-call-indirect-overlong \
  "$OUT/talos-ext-web_bg.wasm" -o "$OUT/named.wasm"
say "largest items (bytes of the optimised wasm; the name section is not served)"
twiggy top -n "$TOP" "$OUT/named.wasm"
twiggy top -n 1000000 --format csv "$OUT/named.wasm" >"$OUT/top.csv"
say "share by crate (a generic function counts for the crate of its first path segment)"
node - "$OUT/top.csv" <<'JS'
const { readFileSync } = require('node:fs');
const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const shares = new Map();
let total = 0;
for (const row of rows) {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent (the name may hold commas).
  const fields = row.split(',');
  const size = Number(fields.at(-4));
  let name = fields.slice(0, -4).join(',').replace(/^"|"$/g, '');
  if (name.includes('"function names" subsection') || name.includes('"data names"')) continue;
  total += size;
  let key;
  if (name.startsWith('data segment')) key = 'data (strings, tables, the catalog)';
  else {
    const m = /^<?&?(?:mut )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
    key = m ? m[1] : 'other';
  }
  shares.set(key, (shares.get(key) ?? 0) + size);
}
for (const [key, size] of [...shares].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${String(size).padStart(9)}  ${((100 * size) / total).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`${String(total).padStart(9)}  100.0%  total without the name section`);
JS
