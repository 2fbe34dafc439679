//! Reads every file under `fixtures/read/` (and `fixtures/examples/`) and snapshots what reading found: the
//! fragments, the observations and the errors. Files that are not UTF-8 are read as bytes, as the CLI does.

use std::path::{Path, PathBuf};

use serde::Serialize;
use talos_ext_analyzer::observation::Observations;
use talos_ext_analyzer::read::{read_all, Sink};
use talos_ext_analyzer::report::{Format, Fragment, InputError};
use talos_ext_analyzer::Input;

#[derive(Serialize)]
struct Snapshot<'a> {
    fragments: &'a [Fragment],
    observations: &'a Observations,
    errors: &'a [InputError],
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Sink {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(path).unwrap();
    let input = match String::from_utf8(bytes) {
        Ok(text) => Input::text(name, text),
        Err(e) => Input::bytes(name, e.into_bytes()),
    };
    read_all(&[input])
}

fn snapshot(dir: &str) {
    let files = fixtures(dir);
    assert!(!files.is_empty());
    for path in files {
        let sink = read(&path);
        let snap = Snapshot {
            fragments: &sink.inputs[0].fragments,
            observations: &sink.observations,
            errors: &sink.errors,
        };
        let name = format!("{dir}__{}", path.file_name().unwrap().to_string_lossy());
        insta::assert_yaml_snapshot!(name, snap);
    }
}

#[test]
fn read_fixtures() {
    snapshot("read");
}

#[test]
fn example_fixtures() {
    snapshot("examples");
}

/// (node, name, version, id) of an extension.
type Row<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>);

/// Every extension read.
fn extensions(sink: &Sink) -> Vec<Row<'_>> {
    sink.observations
        .extensions
        .iter()
        .map(|e| {
            (
                e.node.as_deref(),
                e.name.as_str(),
                e.version.as_deref(),
                e.id.as_deref(),
            )
        })
        .collect()
}

fn example(name: &str) -> Sink {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/examples")
        .join(name);
    let sink = read(&path);
    assert_eq!(sink.errors, [], "{name}");
    sink
}

#[test]
fn example_duplicate_iscsi_tools() {
    let sink = example("01-talos-10404-duplicate-iscsi-tools-table.txt");
    let node = Some("<control-plane-ip>");
    assert_eq!(
        extensions(&sink),
        [
            (
                node,
                "iscsi-tools",
                Some("v0.1.1"),
                Some("000.ghcr.io-siderolabs-iscsi-tools-v0.1.1")
            ),
            (
                node,
                "iscsi-tools",
                Some("v0.1.4"),
                Some("001.ghcr.io-siderolabs-iscsi-tools-v0.1.4")
            ),
        ]
    );
    let images: Vec<String> = sink
        .observations
        .extensions
        .iter()
        .map(|e| e.image.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(
        images,
        [
            "ghcr.io/siderolabs/iscsi-tools:v0.1.1",
            "ghcr.io/siderolabs/iscsi-tools:v0.1.4"
        ]
    );
    let fragments: Vec<(Format, [u32; 2])> = sink.inputs[0]
        .fragments
        .iter()
        .map(|f| (f.format, f.lines))
        .collect();
    assert_eq!(
        fragments,
        [(Format::Prose, [1, 1]), (Format::TalosctlTable, [2, 4])]
    );
    // The whole row, in original columns (the row is longer than the header: it is misaligned).
    let span = sink.observations.extensions[0].spans[0];
    assert_eq!(
        (span.line, span.column, span.end_line, span.end_column),
        (3, 1, 3, 125)
    );
    let e = &sink.observations.extensions;
    assert_eq!(e[0].document, e[1].document);
}

#[test]
fn example_table_and_yaml() {
    let sink = example("10-talos-docs-v1.9-two-extensions-table-and-yaml.txt");
    let node = Some("172.20.0.2");
    let got = extensions(&sink);
    assert_eq!(
        got[..2],
        [
            (
                node,
                "gvisor",
                Some("20220117.0-v1.0.0"),
                Some("000.ghcr.io-talos-systems-gvisor-54b831d")
            ),
            (
                node,
                "intel-ucode",
                Some("microcode-20210608-v1.0.0"),
                Some("001.ghcr.io-talos-systems-intel-ucode-54b831d")
            ),
        ]
    );
    // Once the structured reader lands, the `-o yaml` document is the same fact as the second row: still two.
    assert_eq!(got.len(), 2);
    let formats: Vec<Format> = sink.inputs[0].fragments.iter().map(|f| f.format).collect();
    assert_eq!(formats[..2], [Format::Prose, Format::TalosctlTable]);
    assert_eq!(sink.inputs[0].fragments[1].lines, [3, 5]);
}

#[test]
fn example_no_node_column() {
    let sink = example("11-talos-docs-image-factory-no-node-column.txt");
    assert_eq!(extensions(&sink), []);
    let s = &sink.observations.schematics;
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].id,
        "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
    );
    assert_eq!(s[0].node, None);
    assert_eq!(
        s[0].origin,
        talos_ext_analyzer::observation::SchematicOrigin::Running
    );
}
