#!/usr/bin/env bash
# Fuzz smoke test: builds every cargo-fuzz target of fuzz/ and runs each one briefly on a seed corpus made from
# fixtures/** (plus fuzz/regressions/, inputs that once crashed). Prints `fuzz: N passed, M failed` and exits
# non-zero when a target crashes or does not build.
#
# The machine has stable Rust only: cargo-fuzz's nightly flags (-Zsanitizer, -Cpasses=sancov-module) are allowed
# with RUSTC_BOOTSTRAP=1. AddressSanitizer is used when it links, else `--sanitizer none` (FUZZ_SANITIZER overrides).
#
#   FUZZ_SECONDS=5 (per target)   FUZZ_TARGETS="analyze zip_bundle" (default: all)   FUZZ_SANITIZER=address|none
# Longer runs: see docs/trust.md.
set -uo pipefail

CARGO_FUZZ_VERSION=0.13.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-5}"
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"

if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $CARGO_FUZZ_VERSION\b"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet || {
    echo "fuzz: 0 passed, 1 failed (cargo-fuzz $CARGO_FUZZ_VERSION could not be installed)"
    exit 1
  }
fi

cd "$FUZZ" || exit 1
mapfile -t ALL < <(cargo fuzz list)
TARGETS=(${FUZZ_TARGETS:-${ALL[@]}})

# Seed corpora: every fixture for every target (the readers skip what is not theirs quickly), regenerated each run
# (fuzz/corpus is ignored by git; libFuzzer adds what it finds to the first corpus directory).
seed() {
  local target="$1" dir="$FUZZ/corpus/$1"
  mkdir -p "$dir"
  find "$ROOT/fixtures" -type f -size -1M ! -name '*.snap' ! -name 'official-extensions.json' -print0 |
    while IFS= read -r -d '' f; do
      cp -n "$f" "$dir/seed-$(cksum <"$f" | cut -d' ' -f1)" 2>/dev/null || true
    done
  if [ -d "$FUZZ/regressions/$target" ]; then
    cp -n "$FUZZ/regressions/$target"/* "$dir/" 2>/dev/null || true
  fi
}

SANITIZER="${FUZZ_SANITIZER:-}"
build() {
  cargo fuzz build --sanitizer "$1" "${@:2}" >"$FUZZ/target/fuzz-build-$1.log" 2>&1
}
mkdir -p "$FUZZ/target"
if [ -z "$SANITIZER" ]; then
  if build address; then SANITIZER=address; else SANITIZER=none; fi
fi
if ! build "$SANITIZER"; then
  tail -30 "$FUZZ/target/fuzz-build-$SANITIZER.log"
  echo "fuzz: 0 passed, ${#TARGETS[@]} failed (build with --sanitizer $SANITIZER)"
  exit 1
fi
echo "fuzz: built ${#ALL[@]} targets with --sanitizer $SANITIZER; ${SECONDS_PER_TARGET}s each"

passed=0
failed=0
failures=()
for target in "${TARGETS[@]}"; do
  seed "$target"
  log="$FUZZ/target/fuzz-$target.log"
  # Regression inputs are run first on their own: they must not crash.
  if [ -d "$FUZZ/regressions/$target" ] && ! cargo fuzz run --sanitizer "$SANITIZER" "$target" \
    "$FUZZ/regressions/$target" -- -runs=0 >"$log.regressions" 2>&1; then
    tail -20 "$log.regressions"
    failed=$((failed + 1))
    failures+=("$target (regression)")
    continue
  fi
  if cargo fuzz run --sanitizer "$SANITIZER" "$target" "$FUZZ/corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "fuzz: $target ok ($(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1))"
  else
    failed=$((failed + 1))
    failures+=("$target")
    tail -40 "$log"
    echo "fuzz: $target FAILED (log: $log; crashing input under fuzz/artifacts/$target/)"
  fi
done

[ "${#failures[@]}" -eq 0 ] || echo "fuzz: failing targets: ${failures[*]}"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
