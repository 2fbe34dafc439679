#!/usr/bin/env bash
# The long fuzz runs of docs/trust.md: each target named runs to 10 million executions (FUZZ_RUNS), one after the
# other, at nice 19, from its corpus under fuzz/corpus/ (seeded by one scripts/fuzz-smoke.sh run). The binaries are
# built once and copied aside first (FUZZ_BIN, default target/fuzz-long/bin), so editing or rebuilding the crate
# meanwhile changes nothing for a running target. Each target's output goes to FUZZ_LOGS/<target>.log (default
# target/fuzz-long/logs), its start, end and exit status to <target>.time. Run two such queues on a 2-core machine.
#
#   scripts/fuzz-long.sh json_stream schematic        # then: grep stat:: target/fuzz-long/logs/*.log
#
# Never pause a fuzzer with SIGSTOP: libFuzzer's watchdog then reports a false timeout (docs/trust.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${FUZZ_RUNS:-10000000}"
# The longest input libFuzzer makes. 65,536 lets inputs reach the analysis's size budgets; at that length the corpora
# grew until a run slowed to 250-720 exec/s. 4,096 (libFuzzer's own default floor) runs 2-5x faster; docs/trust.md
# says which runs used which.
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
BIN="${FUZZ_BIN:-$ROOT/target/fuzz-long/bin}"
LOGS="${FUZZ_LOGS:-$ROOT/target/fuzz-long/logs}"
[ "$#" -gt 0 ] || { echo "usage: scripts/fuzz-long.sh TARGET..." >&2; exit 2; }

# `nice` orders processes within one autogroup only. Under the kernel's autogroup scheduling (one group per session)
# a fuzzer started in a session of its own (`setsid`, as below) took a full share of a core beside a build, whatever
# its nice value; the group's own nice value lowers that. Run this in its own session: the setting is the session's.
#
#   nohup setsid scripts/fuzz-long.sh json_stream schematic > /tmp/fuzz.out 2>&1 &
if [ -w /proc/self/autogroup ]; then
  echo 19 > /proc/self/autogroup 2>/dev/null || true
fi
mkdir -p "$BIN" "$LOGS"
cd "$ROOT/fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none
for t in "$@"; do
  cp "target/x86_64-unknown-linux-gnu/release/$t" "$BIN/$t.new" && mv "$BIN/$t.new" "$BIN/$t"
done
echo "built from $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)'), max_len $MAX_LEN" \
  > "$LOGS/build.txt"
for t in "$@"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "start $(date -u +%FT%TZ)" > "$LOGS/$t.time"
  status=0
  nice -n 19 "$BIN/$t" "corpus/$t" -runs="$RUNS" -max_len="$MAX_LEN" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" > "$LOGS/$t.log" 2>&1 || status=$?
  echo "exit $status end $(date -u +%FT%TZ)" >> "$LOGS/$t.time"
  grep -E '^stat::number_of_executed_units|^SUMMARY' "$LOGS/$t.log" | sed "s/^/$t: /" || true
done
