#!/usr/bin/env python3
"""Generates fixtures/schematic/go-yaml-vectors.json: random schematics (as JSON text) with the canonical YAML Go's
yaml library writes for them, so the Rust emitter is checked against the real library, not a reading of it.

Needs Go and gopkg.in/yaml.v3 (Debian: `apt-get install golang-go golang-gopkg-yaml.v3-dev`); Image Factory itself
uses go.yaml.in/yaml/v4, whose emitter differs from v3 only for multi-line strings that are shorter than 2 bytes or
only white space (v4 double-quotes them; they are not generated here) and for `-0` (not generated).

Usage: python3 scripts/gen-go-yaml-vectors.py [count] [seed]     random schematics into go-yaml-vectors.json
       python3 scripts/gen-go-yaml-vectors.py --edges            the EDGES below into go-yaml-edges.json
"""

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "fixtures" / "schematic" / "go-yaml-vectors.json"
EDGES_TARGET = ROOT / "fixtures" / "schematic" / "go-yaml-edges.json"
PROGRAM = ROOT / "scripts" / "go-yaml-vectors" / "main.go"

PIECES = [
    "a", "b", "z", "Z", "0", "1", "9", " ", "  ", "-", "- ", ":", ": ", "#", " #", "?", "? ", ",", "[", "]", "{", "}",
    "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", ".", "~", "_", "+", "=", "/", "\\", "\t", "\n", "\r", "é", "ü",
    "中", "😀", "\u0001", "\u007f", "\u0085", "\u00a0", "\u2028", "\ufeff", "0x1F", "0o17", "017", "1_000", "1e3",
    ".5", "-.inf", ".nan", "2024-01-02", "1:20", "yes", "No", "off", "true", "null", "~", "---", "...", "<<", "v1.9.2",
    "console=ttyS0,115200", "siderolabs/iscsi-tools",
]


def same_in_v3_and_v4(s):
    """v4 double-quotes a multi-line string shorter than 2 bytes or of white space only (v3: a literal block), and
    quotes `<<` (v3: plain)."""
    if "\n" in s and not (len(s.encode()) >= 2 and any(not c.isspace() for c in s)):
        return False
    return s not in ("<<", "-0")


def text(rng, multiline_ok=True):
    while True:
        s = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))
        if "\n" in s and not multiline_ok:
            continue
        if same_in_v3_and_v4(s):
            return s


def key(rng):
    while True:
        s = "".join(c for c in text(rng, multiline_ok=False) if c not in "\r\u0085\u2028\u2029")[:128]
        if same_in_v3_and_v4(s):
            return s


def value(rng, depth=0):
    kind = rng.randint(0, 8 if depth < 2 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, 1, -7, 255, 8080, 2**40, -(2**62)])
    if kind == 3:
        return rng.choice([0.5, 1.5, 1e-7, 0.0001, 123456.0, 1234567.0, 1e21, 3.14159, -2.5e-7, 100.0])
    if kind in (4, 5):
        return text(rng)
    if kind == 6:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {key(rng): value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def schematic(rng):
    s = {}
    if rng.random() < 0.2:
        s["owner"] = text(rng)
    if rng.random() < 0.5:
        overlay = {"image": text(rng), "name": text(rng)}
        if rng.random() < 0.8:
            overlay["options"] = {key(rng): value(rng) for _ in range(rng.randint(0, 4))}
        s["overlay"] = overlay
    c = {}
    if rng.random() < 0.3:
        config = text(rng) + "\n" + text(rng) + rng.choice(["", "\n", "\n\n"])
        if same_in_v3_and_v4(config):
            c["embeddedMachineConfiguration"] = config
    if rng.random() < 0.6:
        c["extraKernelArgs"] = [text(rng) for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.4:
        c["meta"] = [{"key": rng.randint(0, 255), "value": text(rng)} for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.6:
        c["systemExtensions"] = {"officialExtensions": [text(rng) for _ in range(rng.randint(0, 3))]}
    if rng.random() < 0.2:
        c["bootloader"] = rng.choice(["dual-boot", "sd-boot", "grub"])
    if rng.random() < 0.3:
        c["secureboot"] = {"includeWellKnownCertificates": rng.choice([True, False])}
        if rng.random() < 0.5:
            c["secureboot"]["enrollKeys"] = text(rng)
    if rng.random() < 0.2:
        c["diskImage"] = {"sectorSize": rng.choice([0, 512, 4096])}
    if c or rng.random() < 0.5:
        s["customization"] = c
    return s


def escape(doc):
    """Escapes what a YAML reader would not take literally inside a quoted string (line breaks it folds, a BOM,
    DEL), so that Go and the Rust test read the same strings."""
    for c in "\u0085\u2028\u2029\ufeff\u007f":
        doc = doc.replace(c, "\\u%04x" % ord(c))
    return doc


def damage(rng, s):
    """Some schematics made invalid the ways users get them wrong: an unknown or misspelt field, a wrong type."""
    c = s.setdefault("customization", {})
    kind = rng.randint(0, 7)
    if kind == 0:
        c["systemExtension"] = {"officialExtensions": ["siderolabs/gvisor"]}
    elif kind == 1:
        s["customizations"] = {}
    elif kind == 2:
        c["extraKernelArgs"] = text(rng) or "x"
    elif kind == 3:
        c["meta"] = [{"key": rng.choice([256, -1, "10", 1.5, [1]]), "value": "v"}]
    elif kind == 4:
        c["meta"] = [{"key": 1, "value": "v", "extra": 1}]
    elif kind == 5:
        c["secureboot"] = {"includeWellKnownCertificates": rng.choice(["maybe", 2, [True]])}
    elif kind == 6:
        s["overlay"] = {"image": ["a"], "name": "n"}
    else:
        c["diskImage"] = {"sectorSize": rng.choice([-1, "4096", 1.5, {}])}
    return s


# Strings for the emitter's corners that random pieces rarely reach (mutation testing found them untested): Unicode
# line breaks with spaces before or after them and after indicators (Go double-quotes these), every named escape of
# a double-quoted scalar, a leading BOM, and more leading spaces than the scalar's column (single-quoted). Each is
# written at three depths.
EDGES = [
    "a:\u2028" + " " * 10 + "z",
    "- \u2028" + " " * 3 + "z",
    "a: b \u2028c",
    "x\u2028\u2028  y",
    "\u0085" + " " * 12 + "q",
    "a:  \u2029" + " " * 8 + "b",
    "'\u2028 'x",
    "#\u2028" + " " * 4 + "x",
    "\u0007",
    "\u0000x",
    "\b\t\u000b\u000c\r\u001b",
    "\ufeffabc",
    "\ufeff\u0007\u0085\u00a0\u2028\u2029",
    "\u00a0 x",
    "\u00e9\u0001",
    " " * 20 + "x",
]


def edge_cases():
    """The EDGES as a kernel argument (indent 8), an overlay option (8) and a value nested in options (12)."""
    docs = []
    for text in EDGES:
        docs.append({"customization": {"extraKernelArgs": [text]}})
        docs.append({"overlay": {"image": "i", "name": "n", "options": {"o": text}}})
        docs.append({"overlay": {"image": "i", "name": "n", "options": {"o": {"p": [text]}}}})
    return docs


def go_yaml(docs, target):
    """Runs Go's yaml.v3 over the schematics and writes the cases to `target`."""
    inputs = [escape(json.dumps(d, ensure_ascii=False)) for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src" / "goyv"
        src.mkdir(parents=True)
        (src / "main.go").write_text(PROGRAM.read_text())
        env = dict(os.environ, GO111MODULE="off", GOPATH=f"{tmp}:/usr/share/gocode")
        binary = Path(tmp) / "goyv"
        subprocess.run(["go", "build", "-o", str(binary), "."], cwd=src, env=env, check=True)
        done = subprocess.run([str(binary)], input=json.dumps(inputs).encode(), capture_output=True, check=True)
    outputs = json.loads(done.stdout)
    cases = [{"input": i, "yaml": o["yaml"], "error": o.get("error")} for i, o in zip(inputs, outputs)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"generator": "gopkg.in/yaml.v3 v3.0.1", "cases": cases}, ensure_ascii=False, indent=1) + "\n")
    errors = sum(1 for c in cases if c["error"])
    print(f"wrote {target.relative_to(ROOT)}: {len(cases)} cases, {errors} errors")


def main():
    if sys.argv[1:] == ["--edges"]:
        go_yaml(edge_cases(), EDGES_TARGET)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    docs = [schematic(rng) for _ in range(count)]
    docs = [damage(rng, d) if rng.random() < 0.15 else d for d in docs]
    go_yaml(docs, TARGET)


if __name__ == "__main__":
    main()
