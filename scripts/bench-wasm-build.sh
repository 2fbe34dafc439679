#!/usr/bin/env bash
# Builds the benchmark wasm module (crates/bench-wasm: the analysis with the page's release profile) for Node and
# for the browser, into target/bench-wasm/{node,web}/. Used by scripts/bench-node.mjs and scripts/bench-browser.mjs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
cargo build --release -p talos-ext-bench-wasm --target wasm32-unknown-unknown --quiet
wasm="target/wasm32-unknown-unknown/release/talos_ext_bench_wasm.wasm"
wasm-bindgen --target nodejs --out-dir target/bench-wasm/node "$wasm"
wasm-bindgen --target web --out-dir target/bench-wasm/web "$wasm"
