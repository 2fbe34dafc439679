//! `--format sarif` validates against the official SARIF 2.1.0 JSON schema (`data/sarif-schema-2.1.0.json`, the
//! OASIS errata01 schema as in oasis-tcs/sarif-spec `Schemata/sarif-schema-2.1.0.json`), format keywords included.

mod common;

use common::{duplicate_example, fixture, run};
use serde_json::Value;
use talos_ext_analyzer::observation::Origin;
use talos_ext_analyzer::render::sarif;
use talos_ext_analyzer::report::{
    ExtensionReport, Finding, Fix, FixKind, InputError, InputSummary, NodeReport, Report, Safety,
    Severity, REPORT_VERSION,
};
use talos_ext_analyzer::span::Span;

fn validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn assert_valid(log: &Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF invalid:\n{}\n\n{log:#}",
        errors.join("\n")
    );
}

fn span(input: usize, line: u32, column: u32, end_line: u32, end_column: u32) -> Span {
    Span {
        input,
        line,
        column,
        end_line,
        end_column,
    }
}

fn finding(rule: &'static str, severity: Severity, spans: Vec<Span>, fixes: Vec<Fix>) -> Finding {
    Finding {
        rule,
        severity,
        node: Some("<control-plane-ip>".to_string()),
        extension: Some("iscsi-tools".to_string()),
        versions: vec!["v0.1.1".to_string(), "v0.1.4".to_string()],
        message: "iscsi-tools is active twice on <control-plane-ip>: v0.1.1 and v0.1.4".to_string(),
        spans,
        fixes,
    }
}

/// A report with findings of every severity at real locations, in inputs whose names need encoding, a finding
/// without a span, and an input error.
fn report() -> Report {
    let row = span(0, 3, 1, 3, 118);
    let fix = |kind, safety| {
        Fix {
        kind,
        safety,
        title: "Build one installer that carries iscsi-tools once".to_string(),
        content: "customization:\n    systemExtensions:\n        officialExtensions:\n            - siderolabs/iscsi-tools\n"
            .to_string(),
        schematic_id: Some("c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac".to_string()),
    }
    };
    Report {
        report_version: REPORT_VERSION,
        inputs: vec![
            InputSummary {
                name: "cluster state.txt".to_string(),
                fragments: Vec::new(),
            },
            InputSummary {
                name: "C:\\talos\\patch #1.yaml".to_string(),
                fragments: Vec::new(),
            },
            InputSummary {
                name: "<stdin>".to_string(),
                fragments: Vec::new(),
            },
        ],
        talos_version: Some("v1.9.2".to_string()),
        nodes: vec![NodeReport {
            node: Some("<control-plane-ip>".to_string()),
            talos_version: None,
            running_schematic: None,
            kernel_version: None,
            shows_state: true,
            extensions: vec![ExtensionReport {
                name: "iscsi-tools".to_string(),
                version: Some("v0.1.1".to_string()),
                image: None,
                id: None,
                origin: Origin::Installed,
                span: row,
                spans: vec![row],
            }],
        }],
        schematics: Vec::new(),
        findings: vec![
            finding(
                "duplicate-extension",
                Severity::Error,
                vec![row, span(0, 4, 1, 4, 118), span(1, 2, 5, 9, 40)],
                vec![
                    fix(FixKind::Schematic, Safety::Safe),
                    fix(FixKind::Command, Safety::Unsafe),
                ],
            ),
            finding(
                "version-drift",
                Severity::Warning,
                vec![span(1, 7, 7, 7, 60)],
                Vec::new(),
            ),
            finding(
                "catalog-version-mismatch",
                Severity::Info,
                vec![span(2, 1, 1, 1, 1)],
                Vec::new(),
            ),
            finding(
                "deprecated-install-extensions",
                Severity::Warning,
                Vec::new(),
                Vec::new(),
            ),
        ],
        errors: vec![InputError {
            input: 1,
            line: 12,
            column: 5,
            message: "expected a mapping, found a list".to_string(),
        }],
    }
}

#[test]
fn a_report_with_findings_validates() {
    let log = sarif::render(&report(), env!("CARGO_PKG_VERSION"));
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 4);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["endColumn"], 119);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "cluster%20state.txt"
    );
    assert_eq!(results[2]["level"], "note");
    assert_valid(&log);
}

#[test]
fn the_schema_rejects_a_broken_log() {
    // The validator is not vacuous: a result without a message, and a region at line 0, are rejected.
    let mut log = sarif::render(&report(), "0.1.0");
    if let Some(result) = log["runs"][0]["results"][0].as_object_mut() {
        result.remove("message");
    }
    assert!(!validator().is_valid(&log));
    let mut log = sarif::render(&report(), "0.1.0");
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!validator().is_valid(&log));
}

#[test]
fn the_cli_output_validates() {
    for file in [
        duplicate_example(),
        fixture("examples/10-talos-docs-v1.9-two-extensions-table-and-yaml.txt"),
        fixture("cli/truncated-bundle.zip"),
    ] {
        let result = run(&["analyze", "--format", "sarif", "--fail-on", "never", &file]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let log: Value = serde_json::from_str(&result.stdout).expect("JSON");
        assert_valid(&log);
    }
}

#[test]
fn the_classic_duplicate_is_a_result_at_its_row() {
    let result = run(&["analyze", "--format", "sarif", &duplicate_example()]);
    assert_eq!(result.code, 1);
    let log: Value = serde_json::from_str(&result.stdout).expect("JSON");
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-extension")
        .expect("a duplicate-extension result");
    assert_eq!(duplicate["level"], "error");
    let location = &duplicate["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"]
        .as_str()
        .is_some_and(|u| u.ends_with("01-talos-10404-duplicate-iscsi-tools-table.txt")));
    assert_eq!(location["region"]["startLine"], 3);
    assert_eq!(
        duplicate["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    assert_valid(&log);
}
