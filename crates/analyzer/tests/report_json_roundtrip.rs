//! The JSON report reads back to an equal `Report`: the web app analyses large inputs in a worker and sends the
//! report to the page as JSON, so nothing may be lost on the way.

use std::path::Path;

use talos_ext_analyzer::{analyze, Input, Options, Report};

fn roundtrip(inputs: &[Input], options: &Options) -> Report {
    let report = analyze(inputs, options);
    let json = serde_json::to_string(&report).expect("a report serialises");
    let back: Report = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(back, report);
    report
}

fn fixture(path: &str) -> Input {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path);
    let bytes = std::fs::read(&path).expect("fixture exists");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match String::from_utf8(bytes) {
        Ok(text) => Input::text(name, text),
        Err(e) => Input::bytes(name, e.into_bytes()),
    }
}

#[test]
fn reports_with_findings_fixes_schematics_and_errors_round_trip() {
    let options = Options {
        talos_version: Some("v1.9.2".into()),
    };
    let seed = roundtrip(
        &[fixture(
            "examples/01-talos-10404-duplicate-iscsi-tools-table.txt",
        )],
        &options,
    );
    // The case is worth something only if it carries what must survive: findings, fixes with schematic IDs.
    assert!(!seed.findings.is_empty());
    assert!(seed
        .findings
        .iter()
        .flat_map(|f| &f.fixes)
        .any(|f| f.schematic_id.is_some()));

    let mixed = roundtrip(
        &[
            fixture("read/mixed-05-discord-everything.txt"),
            fixture(
                "rules/config-state-mismatch--fires--schematic-a-installer-b/controlplane.yaml",
            ),
            fixture("rules/config-state-mismatch--fires--schematic-a-installer-b/state.txt"),
            fixture("structured/malformed-syntax.yaml"),
            fixture("read/binary.bin"),
            fixture("cli/truncated-bundle.zip"),
        ],
        &Options::default(),
    );
    assert!(!mixed.schematics.is_empty());
    assert!(!mixed.errors.is_empty());
}

#[test]
fn an_unknown_rule_id_is_refused() {
    let report = analyze(
        &[fixture(
            "examples/01-talos-10404-duplicate-iscsi-tools-table.txt",
        )],
        &Options::default(),
    );
    let json = serde_json::to_string(&report)
        .expect("a report serialises")
        .replace("\"duplicate-extension\"", "\"no-such-rule\"");
    assert!(serde_json::from_str::<Report>(&json).is_err());
}
