//! A hand-built report with its sources, shared by the renderer tests: two inputs (a `talosctl get extensions`
//! table and a config patch with a syntax error), findings of every severity with safe and unsafe fixes, and user
//! text that needs escaping (`|` and a backtick in an extension name).

use crate::observation::{Origin, SchematicOrigin};
use crate::report::{
    ExtensionReport, Finding, Fix, FixKind, Format, Fragment, InputError, InputSummary, NodeReport,
    Report, Safety, SchematicReport, Severity, REPORT_VERSION,
};
use crate::span::Span;

pub(crate) const CLUSTER: &str = "\
$ talosctl -n 10.0.0.2 get extensions
NODE       NAMESPACE   TYPE              ID                                          VERSION   NAME          VERSION
10.0.0.2   runtime     ExtensionStatus   000.ghcr.io-siderolabs-iscsi-tools-v0.1.1   1         iscsi-tools   v0.1.1
10.0.0.2   runtime     ExtensionStatus   001.ghcr.io-siderolabs-iscsi-tools-v0.1.4   1         iscsi-tools   v0.1.4
10.0.0.2   runtime     ExtensionStatus   002.ghcr.io-example-we|rd                   1         we|rd`ext     v1
";

pub(crate) const PATCH: &str = "\
machine:
  install:
    extensions:
      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4
      - image: ghcr.io/siderolabs/i915-ucode:20241110
  kernel: [oops
";

pub(crate) fn sources() -> Vec<Option<&'static str>> {
    vec![Some(CLUSTER), Some(PATCH)]
}

/// The span of the whole of line `line` (1-based) of `text`, from its first non-blank character.
fn line_span(input: usize, text: &str, line: u32) -> Span {
    let content = text.lines().nth(line as usize - 1).unwrap_or("");
    let start = content.chars().take_while(|c| *c == ' ').count() as u32 + 1;
    Span {
        input,
        line,
        column: start,
        end_line: line,
        end_column: content.chars().count() as u32,
    }
}

/// The span of the first occurrence of `needle` in line `line` (1-based) of `text`.
fn find_span(input: usize, text: &str, line: u32, needle: &str) -> Span {
    let content = text.lines().nth(line as usize - 1).unwrap_or("");
    let byte = content.find(needle).unwrap_or(0);
    let column = content[..byte].chars().count() as u32 + 1;
    Span {
        input,
        line,
        column,
        end_line: line,
        end_column: column + needle.chars().count() as u32 - 1,
    }
}

fn extension(
    name: &str,
    version: &str,
    image: Option<&str>,
    origin: Origin,
    span: Span,
) -> ExtensionReport {
    ExtensionReport {
        name: name.to_string(),
        version: Some(version.to_string()),
        image: image.map(str::to_string),
        id: None,
        origin,
        span,
        spans: vec![span],
    }
}

pub(crate) const SCHEMATIC: &str =
    "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";

pub(crate) fn report() -> Report {
    let row1 = line_span(0, CLUSTER, 3);
    let row2 = line_span(0, CLUSTER, 4);
    let row3 = line_span(0, CLUSTER, 5);
    let install = Span {
        input: 1,
        line: 3,
        column: 5,
        end_line: 5,
        end_column: 53,
    };
    let i915 = find_span(1, PATCH, 5, "ghcr.io/siderolabs/i915-ucode:20241110");
    let mut node_extensions = vec![
        extension(
            "iscsi-tools",
            "v0.1.1",
            Some("ghcr.io/siderolabs/iscsi-tools:v0.1.1"),
            Origin::Installed,
            row1,
        ),
        extension(
            "iscsi-tools",
            "v0.1.4",
            Some("ghcr.io/siderolabs/iscsi-tools:v0.1.4"),
            Origin::Installed,
            row2,
        ),
        extension("we|rd`ext", "v1", None, Origin::Installed, row3),
    ];
    node_extensions[0].id = Some("000.ghcr.io-siderolabs-iscsi-tools-v0.1.1".to_string());
    node_extensions[1].id = Some("001.ghcr.io-siderolabs-iscsi-tools-v0.1.4".to_string());
    node_extensions[2].id = Some("002.ghcr.io-example-we|rd".to_string());
    Report {
        report_version: REPORT_VERSION,
        inputs: vec![
            InputSummary {
                name: "cluster.txt".to_string(),
                fragments: vec![
                    Fragment {
                        format: Format::Prose,
                        lines: [1, 1],
                    },
                    Fragment {
                        format: Format::TalosctlTable,
                        lines: [2, 5],
                    },
                ],
            },
            InputSummary {
                name: "patches/install.yaml".to_string(),
                fragments: vec![Fragment {
                    format: Format::ConfigPatch,
                    lines: [1, 6],
                }],
            },
        ],
        talos_version: Some("v1.9.2".to_string()),
        nodes: vec![
            NodeReport {
                node: Some("10.0.0.2".to_string()),
                talos_version: Some("v1.9.2".to_string()),
                running_schematic: None,
                kernel_version: Some("6.12.6-talos".to_string()),
                shows_state: true,
                extensions: node_extensions,
            },
            NodeReport {
                node: None,
                talos_version: None,
                running_schematic: None,
                kernel_version: None,
                shows_state: false,
                extensions: vec![
                    extension(
                        "iscsi-tools",
                        "v0.1.4",
                        Some("ghcr.io/siderolabs/iscsi-tools:v0.1.4"),
                        Origin::Configured,
                        find_span(1, PATCH, 4, "ghcr.io/siderolabs/iscsi-tools:v0.1.4"),
                    ),
                    extension(
                        "i915-ucode",
                        "20241110",
                        Some("ghcr.io/siderolabs/i915-ucode:20241110"),
                        Origin::Configured,
                        i915,
                    ),
                ],
            },
        ],
        schematics: vec![SchematicReport {
            id: SCHEMATIC.to_string(),
            official_extensions: vec!["siderolabs/iscsi-tools".to_string()],
            origin: SchematicOrigin::Computed,
            node: None,
            span: install,
        }],
        findings: vec![
            Finding {
                rule: "duplicate-extension",
                severity: Severity::Error,
                node: Some("10.0.0.2".to_string()),
                extension: Some("iscsi-tools".to_string()),
                versions: vec!["v0.1.1".to_string(), "v0.1.4".to_string()],
                message: "iscsi-tools is active twice on 10.0.0.2: v0.1.1 and v0.1.4".to_string(),
                spans: vec![row1, row2],
                fixes: vec![
                    Fix {
                        kind: FixKind::Schematic,
                        safety: Safety::Safe,
                        title: "Build one installer that carries iscsi-tools once".to_string(),
                        content: "customization:\n    systemExtensions:\n        officialExtensions:\n            - siderolabs/iscsi-tools\n".to_string(),
                        schematic_id: Some(SCHEMATIC.to_string()),
                    },
                    Fix {
                        kind: FixKind::Command,
                        safety: Safety::Safe,
                        title: "Upgrade the node onto that installer".to_string(),
                        content: format!("talosctl upgrade -n 10.0.0.2 --image factory.talos.dev/installer/{SCHEMATIC}:v1.9.2"),
                        schematic_id: None,
                    },
                    Fix {
                        kind: FixKind::Command,
                        safety: Safety::Unsafe,
                        title: "Reset the node (wipes STATE and EPHEMERAL) if the upgrade keeps both".to_string(),
                        content: "talosctl reset -n 10.0.0.2 --system-labels-to-wipe STATE --system-labels-to-wipe EPHEMERAL".to_string(),
                        schematic_id: None,
                    },
                ],
            },
            Finding {
                rule: "invalid-image-reference",
                severity: Severity::Warning,
                node: Some("10.0.0.2".to_string()),
                extension: Some("we|rd`ext".to_string()),
                versions: vec!["v1".to_string()],
                message: "the image reference `ghcr.io/example/we|rd` of we|rd`ext has no tag".to_string(),
                spans: vec![find_span(0, CLUSTER, 5, "002.ghcr.io-example-we|rd")],
                fixes: vec![Fix {
                    kind: FixKind::Note,
                    safety: Safety::Safe,
                    title: "Pin the image to a tag or digest".to_string(),
                    content: "Use `ghcr.io/example/we|rd:<tag>` ``or a digest``.".to_string(),
                    schematic_id: None,
                }],
            },
            Finding {
                rule: "deprecated-install-extensions",
                severity: Severity::Warning,
                node: None,
                extension: None,
                versions: Vec::new(),
                message: ".machine.install.extensions is deprecated and ignored from Talos v1.10".to_string(),
                spans: vec![install],
                fixes: vec![Fix {
                    kind: FixKind::ConfigPatch,
                    safety: Safety::Safe,
                    title: "Remove .machine.install.extensions (carry the extensions in a schematic instead)".to_string(),
                    content: "- op: remove\n  path: /machine/install/extensions\n".to_string(),
                    schematic_id: None,
                }],
            },
            Finding {
                rule: "unknown-extension",
                severity: Severity::Info,
                node: None,
                extension: Some("i915-ucode".to_string()),
                versions: vec!["20241110".to_string()],
                message: "i915-ucode was renamed to i915 in Talos v1.9".to_string(),
                spans: vec![i915],
                fixes: Vec::new(),
            },
        ],
        errors: vec![InputError {
            input: 1,
            line: 6,
            column: 11,
            message: "expected `]` to close the flow sequence opened at 6:11, found the end of the input".to_string(),
        }],
    }
}
