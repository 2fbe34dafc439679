#!/usr/bin/env bash
# Bootstraps, builds the app in release mode and serves it at http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

"$ROOT/scripts/bootstrap.sh"
# Again, now that Cargo has made its registry folder on a new machine (scripts/env.sh).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(wasm_remap_flags)"
say "trunk build --release"
trunk build --release
say "serving dist/ at http://127.0.0.1:${PORT:-8080}/"
exec node scripts/static-server.mjs dist 127.0.0.1 "${PORT:-8080}"
