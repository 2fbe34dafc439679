#!/usr/bin/env bash
# Builds the benchmark wasm module (crates/bench-wasm: the analysis with the page's release profile) for Node and
# for the browser, into target/bench-wasm/{node,web}/, optimised by wasm-opt as the page is. Used by
# scripts/bench-node.mjs and scripts/bench-browser.mjs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
cargo build --release -p talos-ext-bench-wasm --target wasm32-unknown-unknown --quiet
wasm="target/wasm32-unknown-unknown/release/talos_ext_bench_wasm.wasm"
wasm-bindgen --target nodejs --out-dir target/bench-wasm/node "$wasm"
wasm-bindgen --target web --out-dir target/bench-wasm/web "$wasm"
# Then wasm-opt as Trunk runs it on the page: the level and flags of index.html's `data-wasm-opt` attributes.
level="$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' index.html)"
read -r -a params <<<"$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
[ -n "$level" ] || { echo "bench-wasm-build: no data-wasm-opt in index.html" >&2; exit 1; }
for dir in node web; do
  out="target/bench-wasm/$dir/talos_ext_bench_wasm_bg.wasm"
  wasm-opt "${params[@]}" "-O$level" "$out" -o "$out.opt" && mv "$out.opt" "$out"
done
