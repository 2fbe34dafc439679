#!/usr/bin/env python3
"""Generates crates/analyzer/src/catalog/catalog.txt, the compact catalog embedded in the analysis crate, from
fixtures/official-extensions.json (official Talos extensions per Talos release).

Format (UTF-8 text, one record per line, fields separated by a tab):
    talos-ext-catalog<TAB>1
    N<TAB>name0<TAB>name1 ...                 extension names, sorted; referred to by index
    C<TAB>constraint0<TAB>constraint1 ...     compatibility constraints, by index
    R<TAB>tag<TAB>op<TAB>op ...               one release, oldest first, as changes against the previous one
An op is `<name index>=<version>` (added, or version changed; constraint unchanged or 0 for a new entry),
`<name index>=<version>~<constraint index>` (constraint set), or `<name index>-` (removed). In a version, `@`
stands for the release's own tag (`9.2.12-@` in release v1.9.2 is `9.2.12-v1.9.2`). Images are not stored:
every image is ghcr.io/siderolabs/<name>:<version> (the script checks it).

Usage: python3 scripts/gen-catalog.py [json] [out]
"""

import json
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fixtures" / "official-extensions.json"
TARGET = ROOT / "crates" / "analyzer" / "src" / "catalog" / "catalog.txt"


def tag_key(tag):
    m = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)(?:-(.+))?", tag)
    if not m:
        sys.exit(f"release tag {tag!r} is not vX.Y.Z")
    major, minor, patch, pre = m.groups()
    # A prerelease sorts before its release.
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")


def check_text(text, what):
    bad = "\t\n\r" + ("~@" if what == "version" else "")
    if not text or any(c in text for c in bad) or (what == "version" and text.endswith("-")):
        sys.exit(f"{what} {text!r} cannot be stored")


def generate(data):
    releases = data["releases"]
    tags = sorted(releases, key=tag_key)
    names = sorted({n for r in releases.values() for n in r})
    constraints = sorted({e["talos_constraint"] for r in releases.values() for e in r.values()})
    name_index = {n: i for i, n in enumerate(names)}
    constraint_index = {c: i for i, c in enumerate(constraints)}
    for n in names:
        check_text(n, "name")
    for c in constraints:
        check_text(c, "constraint")

    lines = ["talos-ext-catalog\t1", "\t".join(["N"] + names), "\t".join(["C"] + constraints)]
    previous = {}
    for tag in tags:
        current = {}
        for name, entry in releases[tag].items():
            version = entry["version"]
            check_text(version, "version")
            if entry["image"] != f"ghcr.io/siderolabs/{name}:{version}":
                sys.exit(f"{tag} {name}: image {entry['image']!r} is not ghcr.io/siderolabs/<name>:<version>")
            current[name] = (version, constraint_index[entry["talos_constraint"]])
        ops = []
        for name in names:
            i = name_index[name]
            before, after = previous.get(name), current.get(name)
            if after is None:
                if before is not None:
                    ops.append(f"{i}-")
                continue
            if before == after:
                continue
            version, constraint = after
            old_constraint = before[1] if before else 0
            op = f"{i}={version.replace(tag, '@')}"
            if constraint != old_constraint:
                op += f"~{constraint}"
            ops.append(op)
        lines.append("\t".join(["R", tag] + ops))
        previous = current
    return "\n".join(lines) + "\n"


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else TARGET
    text = generate(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(text, encoding="utf-8")
    raw = text.encode("utf-8")
    sizes = f"{len(raw)} bytes raw, {len(zlib.compress(raw, 9))} deflated"
    try:
        import brotli  # optional: not in the standard library

        sizes += f", {len(brotli.compress(raw, quality=11))} brotli"
    except ImportError:
        pass
    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {sizes}")


if __name__ == "__main__":
    main()
