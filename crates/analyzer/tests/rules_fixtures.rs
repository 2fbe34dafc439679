//! Runs the whole analysis on every fixture under `fixtures/rules/` and snapshots its findings; checks that each
//! `<rule>--fires--<case>` fixture produces that rule and each `<rule>--quiet--<case>` does not; snapshots the plain
//! text rendering of each fixture's report too, as a terminal shows it. Also the issue's
//! acceptance case on `fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt`.
//!
//! A fixture is a file (one input) or a directory (each file one input, in name order). A sidecar
//! `<fixture>.options` holds `talos-version: vX.Y.Z`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use talos_ext_analyzer::render::{self, text::TextOptions};
use talos_ext_analyzer::report::{Finding, FixKind, Safety, Severity};
use talos_ext_analyzer::{analyze, Input, Options, Report};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

struct Fixture {
    name: String,
    inputs: Vec<Input>,
    /// The text of each input, for the text rendering's quoted source lines.
    sources: Vec<String>,
    options: Options,
}

fn read_input(path: &Path) -> Input {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Input::text(name, read_text(path))
}

fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_options(path: &Path) -> Options {
    let mut options = Options::default();
    if let Ok(text) = fs::read_to_string(path) {
        for line in text.lines() {
            if let Some(v) = line.trim().strip_prefix("talos-version:") {
                options.talos_version = Some(v.trim().to_string());
            }
        }
    }
    options
}

fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir().join("rules");
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.contains("--") && !name.ends_with(".options")
        })
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|path| {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = match file.rsplit_once('.') {
                Some((stem, _)) if path.is_file() => stem.to_string(),
                _ => file.clone(),
            };
            let files = if path.is_dir() {
                let mut files: Vec<PathBuf> = fs::read_dir(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .collect();
                files.sort();
                files
            } else {
                vec![path.clone()]
            };
            Fixture {
                options: read_options(&dir.join(format!("{stem}.options"))),
                name: stem,
                inputs: files.iter().map(|p| read_input(p)).collect(),
                sources: files.iter().map(|p| read_text(p)).collect(),
            }
        })
        .collect()
}

/// What the snapshot shows of a report: the assumed Talos version and the findings.
#[derive(Serialize)]
struct Snapshot<'a> {
    talos_version: &'a Option<String>,
    findings: &'a [Finding],
}

#[test]
fn rule_fixtures() {
    let all = fixtures();
    assert!(
        all.len() >= 20,
        "expected the rule fixtures, found {}",
        all.len()
    );
    let reports: Vec<Report> = all.iter().map(|f| analyze(&f.inputs, &f.options)).collect();
    // The fires/quiet expectations first, for every fixture, so that one look shows every miss.
    let mut failures: Vec<String> = Vec::new();
    for (fixture, report) in all.iter().zip(&reports) {
        let Some((rule, rest)) = fixture.name.split_once("--") else {
            continue;
        };
        if talos_ext_analyzer::rules::find(rule).is_none() {
            failures.push(format!("{}: no rule {rule}", fixture.name));
        }
        let fired = report.findings.iter().filter(|f| f.rule == rule).count();
        if rest.starts_with("fires--") && fired == 0 {
            failures.push(format!(
                "{}: expected a {rule} finding, got none",
                fixture.name
            ));
        }
        if rest.starts_with("quiet--") && fired > 0 {
            failures.push(format!(
                "{}: expected no {rule} finding, got {fired}",
                fixture.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (fixture, report) in all.iter().zip(&reports) {
        // The findings as data (`rules@<fixture>.snap`) and as the terminal shows them without colour
        // (`rules-text@<fixture>.snap`, what `talos-ext analyze` prints), as Clippy's UI tests do.
        let sources: Vec<Option<&str>> = fixture.sources.iter().map(|s| Some(s.as_str())).collect();
        let text = render::text::render(report, &sources, TextOptions { color: false });
        insta::with_settings!({ snapshot_suffix => fixture.name.clone(), prepend_module_to_snapshot => false }, {
            insta::assert_yaml_snapshot!("rules", Snapshot {
                talos_version: &report.talos_version,
                findings: &report.findings,
            });
            insta::assert_snapshot!("rules-text", text);
        });
    }
}

fn example_01(talos: Option<&str>) -> Report {
    let path = fixtures_dir().join("examples/01-talos-10404-duplicate-iscsi-tools-table.txt");
    let options = Options {
        talos_version: talos.map(str::to_string),
    };
    analyze(&[read_input(&path)], &options)
}

/// The acceptance case.
#[test]
fn seed_case_with_talos_1_9_2() {
    let report = example_01(Some("v1.9.2"));
    let dups: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == "duplicate-extension")
        .collect();
    assert_eq!(dups.len(), 1, "{:#?}", report.findings);
    let f = dups[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.node.as_deref(), Some("<control-plane-ip>"));
    assert_eq!(f.extension.as_deref(), Some("iscsi-tools"));
    assert_eq!(f.versions, vec!["v0.1.1", "v0.1.4"]);
    assert!(f
        .message
        .starts_with("iscsi-tools is active twice on <control-plane-ip>: v0.1.1 and v0.1.4"));
    assert!(f.message.contains("v0.1.6"), "{}", f.message);
    let id = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";
    let schematic = f
        .fixes
        .iter()
        .find(|x| x.kind == FixKind::Schematic)
        .expect("a schematic fix");
    assert_eq!(schematic.schematic_id.as_deref(), Some(id));
    assert_eq!(
        schematic.content,
        "customization:\n    systemExtensions:\n        officialExtensions:\n            - siderolabs/iscsi-tools\n"
    );
    let upgrade = format!(
        "talosctl upgrade -n <control-plane-ip> --image factory.talos.dev/installer/{id}:v1.9.2"
    );
    assert!(
        f.fixes
            .iter()
            .any(|x| x.kind == FixKind::Command && x.content.contains(&upgrade)),
        "{:#?}",
        f.fixes
    );
    assert!(f
        .fixes
        .iter()
        .any(|x| x.content == "talosctl -n <control-plane-ip> get extensions\n"));
    let reset = f
        .fixes
        .iter()
        .find(|x| x.content.contains("talosctl reset"))
        .expect("a reset fix");
    assert_eq!(reset.safety, Safety::Unsafe);
    assert!(reset.title.contains("STATE and EPHEMERAL"));
    // The schematic comes before the upgrade, the reset after the patches, the verify command last.
    let kinds: Vec<FixKind> = f.fixes.iter().map(|x| x.kind).collect();
    assert_eq!(kinds.first(), Some(&FixKind::Schematic));
    assert_eq!(
        f.fixes
            .last()
            .map(|x| x.content.starts_with("talosctl -n ")),
        Some(true)
    );
}

#[test]
fn seed_case_without_a_talos_version_keeps_the_highest() {
    let report = example_01(None);
    let dups: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == "duplicate-extension")
        .collect();
    assert_eq!(dups.len(), 1, "{:#?}", report.findings);
    assert!(
        dups[0].message.contains("release is unknown"),
        "{}",
        dups[0].message
    );
    assert!(dups[0]
        .fixes
        .iter()
        .any(|x| x.content.contains(":<talos-version>") && x.title.contains("<talos-version>")));
}

/// The findings on the real pastes of `fixtures/examples/` (no options).
#[test]
fn example_findings() {
    let dir = fixtures_dir().join("examples");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let report = analyze(&[read_input(&path)], &Options::default());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_yaml_snapshot!("examples", Snapshot {
                talos_version: &report.talos_version,
                findings: &report.findings,
            });
        });
    }
}
