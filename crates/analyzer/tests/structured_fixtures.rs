//! Snapshot tests of the structured reader over `fixtures/structured/`: every file is split into plain clean lines
//! and fed to `read_yaml` (`.yaml`) or `read_json` (`.json`) as one block; the snapshot holds the fragments,
//! observations and input errors.

use std::path::Path;

use serde::Serialize;
use talos_ext_analyzer::observation::Observations;
use talos_ext_analyzer::read::structured::{read_json, read_yaml};
use talos_ext_analyzer::read::{Block, Sink};
use talos_ext_analyzer::report::{Fragment, InputError};
use talos_ext_analyzer::text::CleanLine;

#[derive(Serialize)]
struct Snapshot {
    fragments: Vec<Fragment>,
    errors: Vec<InputError>,
    observations: Observations,
}

fn read(name: &str, node_hint: Option<&str>) -> Snapshot {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/structured")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<CleanLine> = text
        .lines()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
        .collect();
    let mut sink = Sink::default();
    sink.begin_input(name);
    let block = Block {
        lines: &lines,
        node_hint,
    };
    if name.ends_with(".json") {
        read_json(&mut sink, block);
    } else {
        read_yaml(&mut sink, block);
    }
    Snapshot {
        fragments: sink.inputs.remove(0).fragments,
        errors: sink.errors,
        observations: sink.observations,
    }
}

macro_rules! fixture {
    ($test:ident, $file:literal) => {
        fixture!($test, $file, None);
    };
    ($test:ident, $file:literal, $hint:expr) => {
        #[test]
        fn $test() {
            insta::assert_yaml_snapshot!(stringify!($test), read($file, $hint));
        }
    };
}

fixture!(talosctl_yaml_one_node, "talosctl-yaml-one-node.yaml");
fixture!(
    talosctl_yaml_several_nodes,
    "talosctl-yaml-several-nodes.yaml"
);
fixture!(talosctl_json, "talosctl-json.json");
fixture!(etc_extensions, "etc-extensions.yaml", Some("10.0.0.4"));
fixture!(
    bundle_extensionstatuses,
    "bundle-extensionstatuses.yaml",
    Some("10.0.0.5")
);
fixture!(machine_config_whole, "machine-config-whole.yaml");
fixture!(machine_config_fragment, "machine-config-fragment.yaml");
fixture!(machine_config_multidoc, "machine-config-multidoc.yaml");
fixture!(install_image_forms, "install-image-forms.yaml");
fixture!(strategic_patch, "strategic-patch.yaml");
fixture!(json_patch_yaml, "json-patch.yaml");
fixture!(json_patch_json, "json-patch.json");
fixture!(get_mc_inline, "get-mc-inline.yaml");
fixture!(get_mc_literal, "get-mc-literal.yaml");
fixture!(
    get_mc_grep_fragment,
    "get-mc-grep-fragment.yaml",
    Some("10.0.0.2")
);
fixture!(schematic_yaml, "schematic.yaml");
fixture!(schematic_json, "schematic.json");
fixture!(schematic_overlay, "schematic-overlay.yaml");
fixture!(schematic_invalid, "schematic-invalid.yaml");
fixture!(talhelper, "talhelper.yaml");
fixture!(omni_template, "omni-template.yaml");
fixture!(malformed_syntax, "malformed-syntax.yaml");
fixture!(malformed_shapes, "malformed-shapes.yaml");
fixture!(malformed_json, "malformed.json");
fixture!(other_document, "other-document.yaml");

/// Every fixture file is covered by a test above.
#[test]
fn every_fixture_is_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/structured");
    let source = include_str!("structured_fixtures.rs");
    for entry in std::fs::read_dir(dir).expect("fixtures/structured") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            source.contains(&format!("\"{name}\"")),
            "{name} has no test"
        );
    }
}

/// Reads a generated text as YAML and returns the errors, checking it ends: a hang guard of 60 s (the mutation runs'
/// timeout), never a benchmark; these inputs end in well under a second.
fn budget_errors(text: &str) -> Vec<InputError> {
    let start = std::time::Instant::now();
    let lines: Vec<CleanLine> = text
        .lines()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
        .collect();
    let mut sink = Sink::default();
    sink.begin_input("generated");
    read_yaml(
        &mut sink,
        Block {
            lines: &lines,
            node_hint: None,
        },
    );
    let elapsed = start.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(60),
        "took {elapsed:?}"
    );
    sink.errors
}

#[test]
fn billion_laughs_ends_in_an_error() {
    let mut text = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..12 {
        let p = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", [p.as_str(); 9].join(", ")));
    }
    let errors = budget_errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("expand"),
        "{}",
        errors[0].message
    );
}

#[test]
fn ten_thousand_deep_nestings_end_in_errors() {
    for text in [
        "[".repeat(10_000),
        "- ".repeat(10_000) + "x",
        "{a: ".repeat(10_000),
    ] {
        let errors = budget_errors(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains("levels deep"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].line, 1);
    }
}

#[test]
fn huge_document_ends_in_an_error() {
    let mut text = String::from("machine:\n  install:\n    extensions:\n");
    while text.len() < 3 << 19 {
        text.push_str("      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4\n");
    }
    let errors = budget_errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("too large"),
        "{}",
        errors[0].message
    );
}
