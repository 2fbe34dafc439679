#!/usr/bin/env bash
# Installs everything the builds and tests need, from crates.io, npm, Debian apt and rustup's own targets only.
# Idempotent: whatever is already installed at the right version is skipped.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock resolves to: Trunk and the test runner refuse others.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "bootstrap: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Prints the version of a tool (the first thing that looks like one in `tool --version`), or nothing.
tool_version() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$1" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true
}

command -v cargo >/dev/null || { echo "bootstrap: cargo (rustup) is required" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(tool_version trunk)" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 10 minutes)"
  # 0.22 needs a newer rustc than this machine's.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(tool_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ] ||
  [ "$(tool_version wasm-bindgen-test-runner)" != "$WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: its own lockfile pins a crate version that crates.io no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

missing_debs=()
[ -x /usr/bin/chromium ] || missing_debs+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_debs+=(chromium-driver)
command -v node >/dev/null || missing_debs+=(nodejs)
command -v npm >/dev/null || missing_debs+=(npm)
if [ "${#missing_debs[@]}" -gt 0 ]; then
  say "apt-get install ${missing_debs[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_debs[@]}"
fi

# npm: playwright-core (driving the Debian Chromium; never a browser download) and binaryen's wasm-opt, exactly as
# package-lock.json says. The stamp records which lockfile node_modules was installed from.
stamp=node_modules/.bootstrap-lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  say "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi

say "toolchain ready: trunk $(tool_version trunk), wasm-bindgen $(tool_version wasm-bindgen)," \
  "$(wasm-opt --version), $("$CHROMIUM" --version 2>/dev/null | head -n 1), node $(node --version)"
