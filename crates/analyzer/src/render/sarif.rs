//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format) as GitHub code scanning accepts it: one run
//! whose driver is `talos-ext` with every rule's descriptor, one result per finding with its location, related
//! locations, a stable fingerprint and the fixes in its property bag, and the input errors as tool notifications.
//!
//! Columns are counted in Unicode code points (`columnKind`), as the report counts them; SARIF's `endColumn` is the
//! column after the region, one more than the report's inclusive `end_column`.

use serde_json::{json, Map, Value};

use super::input_name;
use crate::report::{Finding, FixKind, Report, Safety, Severity};
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
    let descriptors = descriptors(report, rules);
    let mut fingerprints = Fingerprints::default();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let index = descriptors.iter().position(|d| d.id == finding.rule);
            result(report, finding, index, fingerprints.next(report, finding))
        })
        .collect();
    let notifications: Vec<Value> = report
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
            json!({
                "level": "error",
                "message": { "text": error.message },
                "descriptor": { "id": "input" },
                "locations": [location(report, region)],
            })
        })
        .collect();
    let artifacts: Vec<Value> = report
        .inputs
        .iter()
        .map(|input| json!({ "location": { "uri": uri_reference(&input.name) }, "roles": ["analysisTarget"] }))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "talos-ext",
                    "version": tool_version,
                    "semanticVersion": tool_version,
                    "informationUri": INFORMATION_URI,
                    "rules": descriptors.iter().map(descriptor).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": { "talosVersion": report.talos_version },
        }]
    })
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

fn descriptor(descriptor: &Descriptor) -> Value {
    let Some(info) = descriptor.info else {
        return json!({
            "id": descriptor.id,
            "name": pascal_case(descriptor.id),
            "shortDescription": { "text": descriptor.id },
        });
    };
    let help = if info.doc.trim().is_empty() {
        info.summary
    } else {
        info.doc
    };
    json!({
        "id": info.id,
        "name": pascal_case(info.id),
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": first_paragraph(info.doc).unwrap_or_else(|| info.summary.to_string()) },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(info.severity) },
        "properties": { "tags": ["talos", "system-extensions"] },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(
    report: &Report,
    finding: &Finding,
    rule_index: Option<usize>,
    fingerprint: String,
) -> Value {
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(finding.rule));
    if let Some(index) = rule_index {
        result.insert("ruleIndex".into(), json!(index));
    }
    result.insert("level".into(), json!(level(finding.severity)));
    result.insert("message".into(), json!({ "text": finding.message }));
    let locations: Vec<Value> = match finding.spans.first() {
        Some(span) => vec![location(report, *span)],
        // A finding without a span still needs a place for code scanning: the first input, as a whole.
        None if !report.inputs.is_empty() => {
            vec![
                json!({ "physicalLocation": { "artifactLocation": { "uri": uri_reference(&input_name(report, 0)) } } }),
            ]
        }
        None => Vec::new(),
    };
    result.insert("locations".into(), Value::Array(locations));
    let related: Vec<Value> = finding
        .spans
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, span)| {
            let mut related = location(report, *span);
            if let Value::Object(fields) = &mut related {
                fields.insert("id".into(), json!(i + 1));
                fields.insert("message".into(), json!({ "text": "also involved" }));
            }
            related
        })
        .collect();
    if !related.is_empty() {
        result.insert("relatedLocations".into(), Value::Array(related));
    }
    result.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint }),
    );
    let fixes: Vec<Value> = finding
        .fixes
        .iter()
        .map(|fix| {
            let mut value = json!({
                "kind": fix_kind(fix.kind),
                "safety": if fix.safety == Safety::Unsafe { "unsafe" } else { "safe" },
                "title": fix.title,
                "content": fix.content,
            });
            if let (Some(id), Value::Object(fields)) = (&fix.schematic_id, &mut value) {
                fields.insert("schematicId".into(), json!(id));
            }
            value
        })
        .collect();
    result.insert(
        "properties".into(),
        json!({
            "node": finding.node,
            "extension": finding.extension,
            "versions": finding.versions,
            "fixes": fixes,
        }),
    );
    Value::Object(result)
}

fn fix_kind(kind: FixKind) -> &'static str {
    match kind {
        FixKind::ConfigPatch => "config-patch",
        FixKind::Schematic => "schematic",
        FixKind::Command => "command",
        FixKind::Note => "note",
    }
}

/// A physical location: the input's name as a URI reference and the span as a region (clamped to be valid).
fn location(report: &Report, span: Span) -> Value {
    let start_line = span.line.max(1);
    let start_column = span.column.max(1);
    let end_line = span.end_line.max(start_line);
    let end_column = if end_line == start_line {
        span.end_column.max(start_column)
    } else {
        span.end_column.max(1)
    };
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_reference(&input_name(report, span.input)) },
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column + 1,
            }
        }
    })
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
mod tests {
    use super::*;
    use crate::render::fixture;

    const RULES: &[RuleInfo] = &[
        RuleInfo {
            id: "duplicate-extension",
            severity: Severity::Error,
            summary: "one extension present more than once",
            doc: "# duplicate-extension\n\n## What it finds\nOne extension present\nmore than once.\n\n## How to fix\nKeep one.\n",
        },
        RuleInfo {
            id: "version-drift",
            severity: Severity::Warning,
            summary: "one extension at different versions on different nodes",
            doc: "",
        },
    ];

    #[test]
    fn renders_the_fixture_report() {
        // Two rule descriptors of our own (the real docs change on their own schedule); the other rules of the
        // fixture's findings get bare descriptors.
        let log = render_with_rules(&fixture::report(), RULES, "0.1.0");
        insta::assert_json_snapshot!(log);
    }

    #[test]
    fn every_rule_is_described() {
        let log = render(&fixture::report(), "0.1.0");
        let described = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(described >= rules::all().len());
        for (info, descriptor) in rules::all().iter().zip(
            log["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .into_iter()
                .flatten(),
        ) {
            assert_eq!(descriptor["id"], info.id);
            assert_eq!(descriptor["shortDescription"]["text"], info.summary);
            assert_eq!(
                descriptor["help"]["markdown"],
                if info.doc.is_empty() {
                    info.summary
                } else {
                    info.doc
                }
            );
            assert_eq!(
                descriptor["defaultConfiguration"]["level"],
                level(info.severity)
            );
        }
    }

    #[test]
    fn regions_are_one_based_with_an_exclusive_end_column() {
        let log = render(&fixture::report(), "0.1.0");
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        let span = fixture::report().findings[0].spans[0];
        assert_eq!(region["startLine"], json!(span.line));
        assert_eq!(region["startColumn"], json!(span.column));
        assert_eq!(region["endLine"], json!(span.end_line));
        assert_eq!(region["endColumn"], json!(span.end_column + 1));
    }

    #[test]
    fn fingerprints_ignore_lines_and_tell_repeats_apart() {
        let report = fixture::report();
        let mut moved = report.clone();
        for span in &mut moved.findings[0].spans {
            span.line += 10;
            span.end_line += 10;
        }
        let fingerprint = |r: &Report, i: usize| {
            render(r, "0")["runs"][0]["results"][i]["partialFingerprints"].clone()
        };
        assert_eq!(fingerprint(&report, 0), fingerprint(&moved, 0));
        assert_ne!(fingerprint(&report, 0), fingerprint(&report, 1));

        let mut twice = report.clone();
        twice.findings.push(twice.findings[0].clone());
        let first = fingerprint(&twice, 0)[FINGERPRINT_KEY]
            .as_str()
            .map(str::to_string)
            .unwrap_or_default();
        let again = fingerprint(&twice, 4)[FINGERPRINT_KEY]
            .as_str()
            .map(str::to_string)
            .unwrap_or_default();
        assert!(
            first.ends_with(":1") && again.ends_with(":2"),
            "{first} {again}"
        );
        assert_eq!(first.split(':').next(), again.split(':').next());
    }

    #[test]
    fn every_result_has_a_rule_descriptor() {
        let log = render(&fixture::report(), "0.1.0");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for result in log["runs"][0]["results"].as_array().into_iter().flatten() {
            let index = result["ruleIndex"]
                .as_u64()
                .and_then(|i| usize::try_from(i).ok());
            let rule = index.and_then(|i| rules.get(i));
            assert_eq!(rule.map(|r| &r["id"]), Some(&result["ruleId"]), "{result}");
        }
    }

    #[test]
    fn names_become_relative_uri_references() {
        assert_eq!(
            uri_reference("patches/install.yaml"),
            "patches/install.yaml"
        );
        assert_eq!(uri_reference("./a b.yaml"), "a%20b.yaml");
        assert_eq!(uri_reference("C:\\cfg\\cp.yaml"), "C%3A/cfg/cp.yaml");
        assert_eq!(uri_reference("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri_reference("nœud#1?.txt"), "n%C5%93ud%231%3F.txt");
    }

    #[test]
    fn helpers() {
        assert_eq!(pascal_case("duplicate-extension"), "DuplicateExtension");
        assert_eq!(
            first_paragraph("# Title\n\nFinds\nthings.\n\nMore."),
            Some("Finds things.".to_string())
        );
        assert_eq!(first_paragraph("# Title\n"), None);
        // FNV-1a 64 reference values.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
