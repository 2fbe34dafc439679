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
