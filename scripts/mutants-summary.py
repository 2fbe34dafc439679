#!/usr/bin/env python3
"""The summary of cargo-mutants runs (scripts/mutants.sh): caught / missed / timeout / unviable per module of
crates/analyzer/src, and every missed mutant written to a file.

    mutants-summary.py DIR MISSED_FILE

DIR holds one or more runs (each a `mutants.out/outcomes.json` somewhere below it: the shards of a full run). A
module is a folder of src/ (`rules/`, `read/`, ...); the files at src/'s top level are counted together. The share
caught is of the viable mutants (those that build): (caught + timeout) / (caught + missed + timeout). A timed-out
mutant counts as caught, as cargo-mutants reads it: the tests did not pass (a mutant that loops for ever can be
caught no other way); the timeout column shows how many.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

SRC = "crates/analyzer/src/"
KINDS = {
    "CaughtMutant": "caught",
    "MissedMutant": "missed",
    "Timeout": "timeout",
    "Unviable": "unviable",
}


def module_of(path: str) -> str:
    rest = path[len(SRC):] if path.startswith(SRC) else path
    return rest.split("/", 1)[0] + "/" if "/" in rest else "(top-level files)"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 1
    root, missed_file = Path(sys.argv[1]), Path(sys.argv[2])
    runs = sorted(root.glob("**/mutants.out/outcomes.json"))
    if not runs:
        print(f"mutants: no outcomes under {root}", file=sys.stderr)
        return 1

    counts = defaultdict(lambda: defaultdict(int))
    missed, revisions, total_expected = [], set(), 0
    for outcomes_path in runs:
        run_dir = outcomes_path.parent.parent
        revision = run_dir / "revision"
        revisions.add(revision.read_text().strip() if revision.exists() else "unknown")
        if not (run_dir / "complete").exists():
            print(f"mutants: {run_dir} is not complete (still running, or it failed)")
        data = json.loads(outcomes_path.read_text())
        listed = outcomes_path.with_name("mutants.json")
        total_expected += len(json.loads(listed.read_text())) if listed.exists() else 0
        for outcome in data["outcomes"]:
            mutant = outcome["scenario"].get("Mutant") if isinstance(outcome["scenario"], dict) else None
            if mutant is None:
                continue  # the baseline
            kind = KINDS.get(outcome["summary"])
            if kind is None:
                continue
            counts[module_of(mutant["file"])][kind] += 1
            if kind == "missed":
                missed.append(mutant["name"])

    def row(name, c):
        viable = c["caught"] + c["missed"] + c["timeout"]
        share = f"{100 * (c['caught'] + c['timeout']) / viable:5.1f} %" if viable else "    -"
        total = viable + c["unviable"]
        return f"| {name:<18} | {total:>7} | {c['caught']:>6} | {c['missed']:>6} | {c['timeout']:>7} | {c['unviable']:>8} | {share:>16} |"

    print("| module             | mutants | caught | missed | timeout | unviable | caught of viable |")
    print("| ------------------ | ------: | -----: | -----: | ------: | -------: | ---------------: |")
    overall = defaultdict(int)
    for name in sorted(counts, key=lambda m: (m.startswith("("), m)):
        print(row(name, counts[name]))
        for kind, n in counts[name].items():
            overall[kind] += n
    print(row("all", overall))
    tested = sum(overall.values())
    print(f"\nmutants: {tested} of {total_expected} tested in {len(runs)} run(s) at {', '.join(sorted(revisions))}")

    missed_file.parent.mkdir(parents=True, exist_ok=True)
    missed_file.write_text("".join(f"{name}\n" for name in sorted(missed)))
    print(f"mutants: {len(missed)} missed, listed in {missed_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
