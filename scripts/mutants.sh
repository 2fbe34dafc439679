#!/usr/bin/env bash
# Mutation testing of the analysis crate with cargo-mutants: each mutant is a small change to crates/analyzer's code
# (a function returning a default, `<` turned into `<=`, a `!` deleted); the crate's whole test suite (unit tests,
# fixtures and snapshots, the hostile and no-panic tests) runs against it, and a mutant that no test notices is
# "missed". Settings (profile, test tool, equivalent mutants excluded with their reasons) are in .cargo/mutants.toml.
#
# A full run is about 3,300 mutants, several hours on this 2-core machine, so it is cut into shards
# (`cargo mutants --shard K/N`: the Kth of N consecutive slices of the list) that run one after another and can be
# resumed: a shard whose outcomes are complete is not run again.
#
#   scripts/mutants.sh              every shard not yet complete, then the summary
#   scripts/mutants.sh 0 3          shards 0 and 3 (again, even when complete), then the summary
#   scripts/mutants.sh --summary    the summary of what is there
#   scripts/mutants.sh --files 'crates/analyzer/src/rules/**' ...
#                                   one run over those files only (into $MUTANTS_OUT/files/rules), then its summary;
#                                   with MUTANTS_FILE_SHARDS=N (default 1), N resumable shards of it, as above
#
#   MUTANTS_SHARDS=12  MUTANTS_JOBS=2 (mutants built and tested at once)  MUTANTS_TIMEOUT=60 (seconds per mutant's
#   tests)  MUTANTS_OUT=target/mutants
#
# The summary prints caught / missed / timeout / unviable per module and the share of viable mutants caught, and
# writes every missed mutant to $MUTANTS_OUT/missed.txt (one per line, as cargo-mutants names them).
# cargo-mutants is installed (pinned) by this script when missing; the test command does not need it.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT" || exit 1

CARGO_MUTANTS_VERSION=27.1.0
SHARDS="${MUTANTS_SHARDS:-12}"
JOBS="${MUTANTS_JOBS:-2}"
TIMEOUT="${MUTANTS_TIMEOUT:-60}"
FILE_SHARDS="${MUTANTS_FILE_SHARDS:-1}"
OUT="${MUTANTS_OUT:-$ROOT/target/mutants}"
PACKAGE=talos-ext-analyzer

install() {
  if ! cargo mutants --version 2>/dev/null | grep -q "cargo-mutants $CARGO_MUTANTS_VERSION\$"; then
    say "installing cargo-mutants $CARGO_MUTANTS_VERSION"
    cargo install cargo-mutants --version "$CARGO_MUTANTS_VERSION" --locked --quiet || return 1
  fi
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "installing cargo-nextest (.cargo/mutants.toml runs the tests with it)"
    cargo install cargo-nextest --locked --quiet || return 1
  fi
}

# The commit (and whether the tree had changes) a run was made on, so that a summary never mixes code silently.
revision() {
  local rev
  rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if ! git diff --quiet HEAD -- crates/analyzer 2>/dev/null; then rev="$rev+changes"; fi
  echo "$rev"
}

# One cargo-mutants run into $1; the rest are extra arguments. insta must only compare (CI=true): a mutant's changed
# output is a failure, never a new snapshot. proptest must not save a failing case: cargo-mutants builds every
# mutant in the same copy of the tree, so a case saved once is replayed first for every later mutant, and a property
# that failed on one mutant (or at random) fails them all (one run counted 66 mutants caught by that alone).
# nextest's `mutants` profile (.config/nextest.toml) runs the tests that catch most mutants first and stops at the
# first failure.
run() {
  local dir="$1"
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  revision >"$dir/revision"
  say "cargo mutants $* (into ${dir#"$ROOT"/})"
  CI=true INSTA_UPDATE=no PROPTEST_DISABLE_FAILURE_PERSISTENCE=1 NEXTEST_PROFILE=mutants cargo mutants -p "$PACKAGE" --jobs "$JOBS" --timeout "$TIMEOUT" --output "$dir" \
    "$@" >"$dir/console.log" 2>&1
  local status=$?
  tail -n 3 "$dir/console.log"
  # 0: all caught; 2: some missed; 3: some timed out. Anything else (1, 4: the baseline failed) is a broken run.
  case "$status" in
    0 | 2 | 3) touch "$dir/complete" ;;
    *) echo "mutants: the run into $dir failed (exit $status); see $dir/console.log" >&2 ;;
  esac
}

# Shard $2 of $3 into $1/K-of-N, with the extra arguments after $4; a shard that completed before is skipped unless
# $4 is `again`.
shard() {
  local base="$1" k="$2" n="$3" again="$4"
  shift 4
  local dir="$base/$k-of-$n"
  if [ "$again" != again ] && [ -f "$dir/complete" ]; then
    echo "shard $k of $n: complete ($(cat "$dir/revision")), not run again"
    return
  fi
  run "$dir" "$@" --shard "$k/$n"
}

summary() {
  python3 "$ROOT/scripts/mutants-summary.py" "$@"
}

install || {
  echo "mutants: cargo-mutants $CARGO_MUTANTS_VERSION could not be installed" >&2
  exit 1
}

case "${1:-}" in
  --summary)
    summary "$OUT/shards" "$OUT/missed.txt"
    ;;
  --files)
    shift
    args=()
    for glob in "$@"; do args+=(--file "$glob"); done
    # One folder per set of files (`crates/analyzer/src/rules/**` → files/rules), so targeted runs sit side by side.
    name="$(printf '%s+' "$@" | sed -e 's#crates/analyzer/src/##g' -e 's#/\*\*##g' -e 's#[^A-Za-z0-9.+_-]#_#g' -e 's#+$##')"
    if [ "$FILE_SHARDS" -le 1 ]; then
      run "$OUT/files/$name" "${args[@]}"
    else
      # A module too big for one sitting (read/ is about 2½ hours): resumable shards, as in the full run.
      for k in $(seq 0 $((FILE_SHARDS - 1))); do
        shard "$OUT/files/$name" "$k" "$FILE_SHARDS" skip "${args[@]}"
      done
    fi
    summary "$OUT/files/$name" "$OUT/files/$name/missed.txt"
    ;;
  *)
    # Shards named on the command line run again even when complete.
    again=skip
    if [ $# -gt 0 ]; then shards=("$@"); again=again; else mapfile -t shards < <(seq 0 $((SHARDS - 1))); fi
    for k in "${shards[@]}"; do
      shard "$OUT/shards" "$k" "$SHARDS" "$again"
    done
    summary "$OUT/shards" "$OUT/missed.txt"
    ;;
esac
