//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format) as GitHub code scanning accepts it: one run
//! whose driver is `talos-ext` with every rule's descriptor, one result per finding with its location, related
//! locations, a stable fingerprint and the fixes in its property bag, and the input errors as tool notifications.
//!
//! Columns are counted in Unicode code points (`columnKind`), as the report counts them; SARIF's `endColumn` is the
//! column after the region, one more than the report's inclusive `end_column`.

use serde::Serialize;
use serde_json::Value;

use super::input_name;
use crate::report::{Finding, Report, Safety, Severity};
use crate::rules::{self, RuleInfo};
use crate::span::Span;

/// The `$schema` of the log: the schema GitHub's documentation points at.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where to read about the tool (`tool.driver.informationUri`).
pub const INFORMATION_URI: &str =
    "https://www.talos.dev/latest/talos-guides/configuration/system-extensions/";
/// The key of the fingerprint in `partialFingerprints`; the version changes if the fingerprint's recipe does.
pub const FINGERPRINT_KEY: &str = "talosExtFinding/v1";

/// Renders `report` as a SARIF 2.1.0 log with every rule of [`rules::all`]; `tool_version` is the version of the
/// program that made the report.
pub fn render(report: &Report, tool_version: &str) -> Value {
    render_with_rules(report, rules::all(), tool_version)
}

/// [`render`] with the given rule descriptors (a result whose rule is not among them gets a bare descriptor).
pub fn render_with_rules(report: &Report, rules: &'static [RuleInfo], tool_version: &str) -> Value {
    // Serialising the log's own types cannot fail (no maps with non-string keys, no failing `Serialize`).
    serde_json::to_value(log_with_rules(report, rules, tool_version)).unwrap_or(Value::Null)
}

/// The log [`render`] makes, as its own serialisable types: what the page and the CLI write (with `serde_json`'s writer
/// it already has, instead of building a `Value` first: about 1 KB brotli less in the page).
pub fn log<'r>(report: &'r Report, tool_version: &'r str) -> Log<'r> {
    log_with_rules(report, rules::all(), tool_version)
}

fn log_with_rules<'r>(
    report: &'r Report,
    rules: &'static [RuleInfo],
    tool_version: &'r str,
) -> Log<'r> {
    let descriptors = descriptors(report, rules);
    let mut fingerprints = Fingerprints::default();
    let results = report
        .findings
        .iter()
        .map(|finding| {
            let index = descriptors.iter().position(|d| d.id == finding.rule);
            result(report, finding, index, fingerprints.next(report, finding))
        })
        .collect();
    let notifications = report
        .errors
        .iter()
        .map(|error| {
            let region = Span {
                input: error.input,
                line: error.line,
                column: error.column,
                end_line: error.line,
                end_column: error.column,
            };
            Notification {
                descriptor: Id { id: "input" },
                level: "error",
                locations: vec![location(report, region)],
                message: Text {
                    text: &error.message,
                },
            }
        })
        .collect();
    let artifacts = report
        .inputs
        .iter()
        .map(|input| Artifact {
            location: Uri {
                uri: uri_reference(&input.name),
            },
            roles: ["analysisTarget"],
        })
        .collect();
    Log {
        schema: SCHEMA_URI,
        runs: [Run {
            artifacts,
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            properties: RunProperties {
                talos_version: report.talos_version.as_deref(),
            },
            results,
            tool: Tool {
                driver: Driver {
                    information_uri: INFORMATION_URI,
                    name: "talos-ext",
                    rules: descriptors.iter().map(descriptor).collect(),
                    semantic_version: tool_version,
                    version: tool_version,
                },
            },
        }],
        version: "2.1.0",
    }
}

// The log's types. Fields are declared in alphabetical order: the log used to be built as `serde_json::Value`s,
// whose maps sort their keys, and its text stays the same (the snapshot says so).

/// A SARIF log of one run.
#[derive(Serialize)]
pub struct Log<'r> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'r>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'r> {
    artifacts: Vec<Artifact>,
    column_kind: &'static str,
    invocations: [Invocation<'r>; 1],
    properties: RunProperties<'r>,
    results: Vec<SarifResult<'r>>,
    tool: Tool<'r>,
}

#[derive(Serialize)]
struct Artifact {
    location: Uri,
    roles: [&'static str; 1],
}

#[derive(Serialize)]
struct Uri {
    uri: String,
}

#[derive(Serialize)]
struct Id {
    id: &'static str,
}

#[derive(Serialize)]
struct Text<'r> {
    text: &'r str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'r> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'r>>,
}

#[derive(Serialize)]
struct Notification<'r> {
    descriptor: Id,
    level: &'static str,
    locations: Vec<Location<'r>>,
    message: Text<'r>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'r> {
    talos_version: Option<&'r str>,
}

#[derive(Serialize)]
struct Tool<'r> {
    driver: Driver<'r>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'r> {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<RuleDescriptor>,
    semantic_version: &'r str,
    version: &'r str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    #[serde(skip_serializing_if = "Option::is_none")]
    default_configuration: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<OwnedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    id: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Tags>,
    short_description: Text<'static>,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct Help {
    markdown: &'static str,
    text: &'static str,
}

#[derive(Serialize)]
struct Tags {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'r> {
    level: &'static str,
    locations: Vec<Location<'r>>,
    message: Text<'r>,
    partial_fingerprints: Fingerprint,
    properties: ResultProperties<'r>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'r>>,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Fingerprint {
    /// Named [`FINGERPRINT_KEY`] (an attribute cannot name the constant).
    #[serde(rename = "talosExtFinding/v1")]
    finding: String,
}

#[derive(Serialize)]
struct ResultProperties<'r> {
    extension: Option<&'r str>,
    fixes: Vec<SarifFix<'r>>,
    node: Option<&'r str>,
    versions: &'r [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'r> {
    content: &'r str,
    kind: &'static str,
    safety: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    schematic_id: Option<&'r str>,
    title: &'r str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'r>>,
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Uri,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

/// What a rule descriptor is made of: the rule's own info, or only its id for a rule that `rules::all()` does not
/// list (so every result still has a descriptor).
struct Descriptor {
    id: &'static str,
    info: Option<&'static RuleInfo>,
}

fn descriptors(report: &Report, rules: &'static [RuleInfo]) -> Vec<Descriptor> {
    let mut list: Vec<Descriptor> = rules
        .iter()
        .map(|info| Descriptor {
            id: info.id,
            info: Some(info),
        })
        .collect();
    for finding in &report.findings {
        if !list.iter().any(|d| d.id == finding.rule) {
            list.push(Descriptor {
                id: finding.rule,
                info: None,
            });
        }
    }
    list
}

fn descriptor(descriptor: &Descriptor) -> RuleDescriptor {
    let Some(info) = descriptor.info else {
        return RuleDescriptor {
            default_configuration: None,
            full_description: None,
            help: None,
            id: descriptor.id,
            name: pascal_case(descriptor.id),
            properties: None,
            short_description: Text {
                text: descriptor.id,
            },
        };
    };
    let help = if info.doc.trim().is_empty() {
        info.summary
    } else {
        info.doc
    };
    RuleDescriptor {
        default_configuration: Some(Level {
            level: level(info.severity),
        }),
        full_description: Some(OwnedText {
            text: first_paragraph(info.doc).unwrap_or_else(|| info.summary.to_string()),
        }),
        help: Some(Help {
            markdown: help,
            text: help,
        }),
        id: info.id,
        name: pascal_case(info.id),
        properties: Some(Tags {
            tags: ["talos", "system-extensions"],
        }),
        short_description: Text { text: info.summary },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result<'r>(
    report: &'r Report,
    finding: &'r Finding,
    rule_index: Option<usize>,
    fingerprint: String,
) -> SarifResult<'r> {
    let locations = match finding.spans.first() {
        Some(span) => vec![location(report, *span)],
        // A finding without a span still needs a place for code scanning: the first input, as a whole.
        None if !report.inputs.is_empty() => vec![Location {
            id: None,
            message: None,
            physical_location: PhysicalLocation {
                artifact_location: Uri {
                    uri: uri_reference(&input_name(report, 0)),
                },
                region: None,
            },
        }],
        None => Vec::new(),
    };
    let related_locations = finding
        .spans
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, span)| Location {
            id: Some(i + 1),
            message: Some(Text {
                text: "also involved",
            }),
            ..location(report, *span)
        })
        .collect();
    let fixes = finding
        .fixes
        .iter()
        .map(|fix| SarifFix {
            content: &fix.content,
            kind: fix.kind.name(),
            safety: if fix.safety == Safety::Unsafe {
                "unsafe"
            } else {
                "safe"
            },
            schematic_id: fix.schematic_id.as_deref(),
            title: &fix.title,
        })
        .collect();
    SarifResult {
        level: level(finding.severity),
        locations,
        message: Text {
            text: &finding.message,
        },
        partial_fingerprints: Fingerprint {
            finding: fingerprint,
        },
        properties: ResultProperties {
            extension: finding.extension.as_deref(),
            fixes,
            node: finding.node.as_deref(),
            versions: &finding.versions,
        },
        related_locations,
        rule_id: finding.rule,
        rule_index,
    }
}

/// A physical location: the input's name as a URI reference and the span as a region (clamped to be valid).
fn location(report: &Report, span: Span) -> Location<'static> {
    let start_line = span.line.max(1);
    let start_column = span.column.max(1);
    let end_line = span.end_line.max(start_line);
    let end_column = if end_line == start_line {
        span.end_column.max(start_column)
    } else {
        span.end_column.max(1)
    };
    Location {
        id: None,
        message: None,
        physical_location: PhysicalLocation {
            artifact_location: Uri {
                uri: uri_reference(&input_name(report, span.input)),
            },
            region: Some(Region {
                end_column: end_column + 1,
                end_line,
                start_column,
                start_line,
            }),
        },
    }
}

/// A file name as a relative URI reference: `\` becomes `/`, a leading `./` goes, and every byte outside the
/// unreserved and path characters is percent-encoded (`:` too, so no name reads as a scheme).
pub fn uri_reference(name: &str) -> String {
    let name = name.replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name);
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(char::from(byte)),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Fingerprints that stay the same while the finding does (rule, input, node, extension, versions), whatever line
/// it moves to; the n-th finding with the same key gets `:n`, as GitHub's own line hashes do.
#[derive(Default)]
struct Fingerprints {
    seen: Vec<(u64, usize)>,
}

impl Fingerprints {
    fn next(&mut self, report: &Report, finding: &Finding) -> String {
        let input = finding
            .spans
            .first()
            .map_or_else(String::new, |s| input_name(report, s.input));
        let versions = finding.versions.join("\u{1e}");
        let key = [
            finding.rule,
            input.as_str(),
            finding.node.as_deref().unwrap_or(""),
            finding.extension.as_deref().unwrap_or(""),
            versions.as_str(),
        ]
        .join("\u{1f}");
        let hash = fnv1a(key.as_bytes());
        let occurrence = match self.seen.iter_mut().find(|(h, _)| *h == hash) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.seen.push((hash, 1));
                1
            }
        };
        format!("{hash:016x}:{occurrence}")
    }
}

/// 64-bit FNV-1a: a fixed, dependency-free hash (the fingerprint must not change between builds).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// `duplicate-extension` → `DuplicateExtension` (SARIF's rule `name`).
fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// The first paragraph of a Markdown doc (its first run of lines that are not blank, headings or code fences), on
/// one line.
fn first_paragraph(doc: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for line in doc.lines().map(str::trim) {
        let prose = !line.is_empty() && !line.starts_with('#') && !line.starts_with("```");
        if prose {
            words.extend(line.split_whitespace());
        } else if !words.is_empty() {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests;
