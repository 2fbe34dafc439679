# Sourced by the other scripts: the environment every build and test step runs in.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# shellcheck disable=SC1091
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk's update check calls an API that is not reachable here.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Prints a heading that stands out in a long log.
say() { printf '\n==> %s\n' "$*"; }

# The wasm carries the source path of every panic location it can reach, and the build depends on where the checkout
# is: the same commit built in this folder and in a fresh clone elsewhere (as CI builds it) gave pages 1.6 KB of
# brotli apart, which failed CI's size ceiling. With the paths remapped to short relative ones (the checkout, Cargo's
# registry, the toolchain's library sources) both builds are byte for byte the same, and the page is the same on
# every machine.
wasm_remap_flags() {
  local cargo_home="${CARGO_HOME:-$HOME/.cargo}" sysroot hash dir registries
  sysroot="$(rustc --print sysroot 2>/dev/null)" || return 0
  hash="$(rustc -vV 2>/dev/null | sed -n 's/^commit-hash: //p')"
  printf -- '--remap-path-prefix=%s/= ' "$ROOT"
  # Before Cargo's first download (a new machine) the registry's folder does not exist yet: its usual name stands in.
  registries=("$cargo_home"/registry/src/*/)
  [ -d "${registries[0]}" ] || registries=("$cargo_home/registry/src/index.crates.io-1949cf8c6b5b557f/")
  for dir in "${registries[@]}" "$cargo_home/git/checkouts/"; do
    printf -- '--remap-path-prefix=%s= ' "$dir"
  done
  printf -- '--remap-path-prefix=%s/lib/rustlib/src/rust/library/=std/ ' "$sysroot"
  if [ -n "$hash" ]; then printf -- '--remap-path-prefix=/rustc/%s/library/=std/ ' "$hash"; fi
}
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(wasm_remap_flags)"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
