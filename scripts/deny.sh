#!/usr/bin/env bash
# Dependency policy: `cargo deny check licenses bans sources` over the whole workspace (web crate included, native
# and wasm32 targets: see deny.toml). Installs cargo-deny at a pinned version when missing. Advisories are not
# checked here: the RustSec database cannot be fetched on this machine (docs/trust.md).
set -uo pipefail

CARGO_DENY_VERSION=0.20.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

if ! cargo deny --version 2>/dev/null | grep -q "cargo-deny $CARGO_DENY_VERSION\b"; then
  echo "deny: installing cargo-deny $CARGO_DENY_VERSION"
  if ! cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked --quiet; then
    echo "deny: failed (cargo-deny $CARGO_DENY_VERSION could not be installed)"
    exit 1
  fi
fi

cd "$ROOT" || exit 1
if cargo deny --workspace --log-level warn check licenses bans sources; then
  echo "deny: passed (licenses, bans, sources)"
else
  echo "deny: failed (licenses, bans, sources; see above)"
  exit 1
fi
