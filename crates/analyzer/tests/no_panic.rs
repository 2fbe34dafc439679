//! Reading never panics: random text, random snippets of the formats, and mutated fixtures (lines inserted,
//! deleted or duplicated; random bytes) all go through `analyze` without a panic.

use std::path::Path;

use proptest::prelude::*;
use talos_ext_analyzer::{analyze, Input, Options};

fn fixture_texts() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    for dir in ["read", "examples"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        out.extend(
            paths
                .into_iter()
                .filter(|p| p.is_file())
                .map(|p| std::fs::read(p).unwrap()),
        );
    }
    out
}

/// Pieces of the formats the reader knows, so random texts reach deep into it.
const SNIPPETS: &[&str] = &[
    "NODE NAMESPACE TYPE ID VERSION NAME VERSION\n",
    "NODE * NAMESPACE TYPE ID VERSION NAME VERSION\n",
    "10.0.0.2 runtime ExtensionStatus 0 1 gvisor v1\n",
    " runtime ExtensionStatus 1 1 schematic 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba\n",
    "runtime ExtensionStatus modules.dep 1 modules.dep 6.12-talos\n",
    "+ - * ",
    "```yaml\n",
    "```\n",
    "~~~\n",
    "   ```json\n",
    "$ talosctl -n 10.0.0.2 get extensions -o yaml\n",
    "# talosctl upgrade --image factory.talos.dev/installer/",
    "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac",
    ":v1.9.2",
    "PS C:\\> ",
    "❯ ",
    "> ",
    "> \\>",
    ">>",
    "WARNING: x\n",
    "Client:\n",
    "Server:\n",
    "\tNODE: a\n",
    "\tTag: v1\n",
    "machine:\n",
    "  install:\n",
    "- image: x\n",
    "---\n",
    "{\n",
    "[\n",
    "}\n",
    "]\n",
    "\"\\\"{",
    "\u{1b}[31m",
    "\u{1b}]8;;",
    "\u{1b}",
    "\u{9b}",
    "\u{7}",
    "\r\n",
    "\r",
    "\n",
    "\t",
    " \\\n",
    "`",
    "\u{feff}",
    "é",
    "https://factory.talos.dev/image/",
    "/v1.9.2/metal-amd64.iso",
    "ghcr.io/siderolabs/installer:",
    "-n",
    "--nodes=",
    "--image",
    ",",
    "@sha256-",
    "000.ghcr.io-siderolabs-",
];

fn snippet_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(SNIPPETS).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, String),
    Delete(usize),
    Duplicate(usize),
    Byte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), snippet_text()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
    ]
}

fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Insert(i, s) => lines.insert(i % (lines.len() + 1), s.clone().into_bytes()),
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Byte(i, b) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let at = i / n % (line.len() + 1);
                line.insert(at, *b);
            }
            _ => {}
        }
    }
    lines.join(&b'\n')
}

fn run(name: &str, bytes: Vec<u8>) {
    let input = match String::from_utf8(bytes) {
        Ok(text) => Input::text(name, text),
        Err(e) => Input::bytes(name, e.into_bytes()),
    };
    let report = analyze(&[input], &Options::default());
    for e in &report.errors {
        assert!(e.line >= 1 && e.column >= 1, "{e:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_strings(text in any::<String>()) {
        run("random", text.into_bytes());
    }

    #[test]
    fn random_snippets(text in snippet_text()) {
        run("snippets", text.into_bytes());
    }

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        run("bytes", bytes);
    }

    #[test]
    fn mutated_fixtures(index in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..8)) {
        let fixtures = fixture_texts();
        let original = &fixtures[index % fixtures.len()];
        run("mutated", mutate(original, &mutations));
    }
}
