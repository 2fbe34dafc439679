//! Reads the worker's report JSON (`docs/report-format.md`) back into a [`Report`], by hand from a
//! [`serde_json::Value`].
//!
//! Why not `serde_json::from_str::<Report>`: the derived `Deserialize` impls, instantiated for serde_json's reader,
//! were about 45 KB of the page's wasm (a visitor per struct, a `deserialize_seq` per vector). Parsing into a
//! `Value` is one non-generic parser, and the walk below is small. The result is the same report: the tests compare
//! it with the derived deserialiser on every example and fixture. Like the derived impls, unknown fields are
//! ignored, a missing or `null` optional field is `None`, and anything else malformed (a missing field, a wrong
//! type, an unknown rule id or enum value, a number out of range) makes the whole report `None`.

use serde_json::{Map, Value};
use talos_ext_analyzer::report::{
    ExtensionReport, Finding, Fix, Fragment, InputError, InputSummary, NodeReport, SchematicReport,
};
use talos_ext_analyzer::span::Span;
use talos_ext_analyzer::{rules, Report};

/// The report in `json` (UTF-8 bytes, as the worker sends it), or `None` when it is not one.
pub fn parse(json: &[u8]) -> Option<Report> {
    let value: Value = serde_json::from_slice(json).ok()?;
    report(&value)
}

type Object = Map<String, Value>;

/// A unit enum field (`Format`, `Origin`, `Severity`, …) through the enum's own derived `Deserialize`: a small
/// string match per enum, and the names stay those of the serialiser. (A macro, as the web crate does not name
/// serde's traits.)
macro_rules! enumeration {
    ($o:expr, $key:expr) => {
        serde_json::from_value($o.get($key)?.clone()).ok()
    };
}

fn report(v: &Value) -> Option<Report> {
    let o = v.as_object()?;
    Some(Report {
        report_version: u32_field(o, "report_version")?,
        inputs: list(o, "inputs", input_summary)?,
        talos_version: opt_string(o, "talos_version")?,
        nodes: list(o, "nodes", node)?,
        schematics: list(o, "schematics", schematic)?,
        findings: list(o, "findings", finding)?,
        errors: list(o, "errors", input_error)?,
    })
}

fn input_summary(v: &Value) -> Option<InputSummary> {
    let o = v.as_object()?;
    Some(InputSummary {
        name: string(o, "name")?,
        fragments: list(o, "fragments", fragment)?,
    })
}

fn fragment(v: &Value) -> Option<Fragment> {
    let o = v.as_object()?;
    let lines = o.get("lines")?.as_array()?;
    let [first, last] = lines.as_slice() else {
        return None;
    };
    Some(Fragment {
        format: enumeration!(o, "format")?,
        lines: [as_u32(first)?, as_u32(last)?],
    })
}

fn node(v: &Value) -> Option<NodeReport> {
    let o = v.as_object()?;
    Some(NodeReport {
        node: opt_string(o, "node")?,
        talos_version: opt_string(o, "talos_version")?,
        running_schematic: opt_string(o, "running_schematic")?,
        kernel_version: opt_string(o, "kernel_version")?,
        extensions: list(o, "extensions", extension)?,
    })
}

fn extension(v: &Value) -> Option<ExtensionReport> {
    let o = v.as_object()?;
    Some(ExtensionReport {
        name: string(o, "name")?,
        version: opt_string(o, "version")?,
        image: opt_string(o, "image")?,
        id: opt_string(o, "id")?,
        origin: enumeration!(o, "origin")?,
        span: span(o.get("span")?)?,
        spans: list(o, "spans", span)?,
    })
}

fn schematic(v: &Value) -> Option<SchematicReport> {
    let o = v.as_object()?;
    Some(SchematicReport {
        id: string(o, "id")?,
        official_extensions: list(o, "official_extensions", |v| v.as_str().map(str::to_owned))?,
        origin: enumeration!(o, "origin")?,
        node: opt_string(o, "node")?,
        span: span(o.get("span")?)?,
    })
}

fn finding(v: &Value) -> Option<Finding> {
    let o = v.as_object()?;
    Some(Finding {
        rule: rules::find(o.get("rule")?.as_str()?)?.id,
        severity: enumeration!(o, "severity")?,
        node: opt_string(o, "node")?,
        extension: opt_string(o, "extension")?,
        versions: list(o, "versions", |v| v.as_str().map(str::to_owned))?,
        message: string(o, "message")?,
        spans: list(o, "spans", span)?,
        fixes: list(o, "fixes", fix)?,
    })
}

fn fix(v: &Value) -> Option<Fix> {
    let o = v.as_object()?;
    Some(Fix {
        kind: enumeration!(o, "kind")?,
        safety: enumeration!(o, "safety")?,
        title: string(o, "title")?,
        content: string(o, "content")?,
        schematic_id: opt_string(o, "schematic_id")?,
    })
}

fn input_error(v: &Value) -> Option<InputError> {
    let o = v.as_object()?;
    Some(InputError {
        input: usize_field(o, "input")?,
        line: u32_field(o, "line")?,
        column: u32_field(o, "column")?,
        message: string(o, "message")?,
    })
}

fn span(v: &Value) -> Option<Span> {
    let o = v.as_object()?;
    Some(Span {
        input: usize_field(o, "input")?,
        line: u32_field(o, "line")?,
        column: u32_field(o, "column")?,
        end_line: u32_field(o, "end_line")?,
        end_column: u32_field(o, "end_column")?,
    })
}

/// A vector field; one bad item spoils the report. Not generic over the item's reader (a `fn` pointer), so one
/// copy of the loop serves every vector.
fn list<T>(o: &Object, key: &str, item: fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    o.get(key)?.as_array()?.iter().map(item).collect()
}

fn string(o: &Object, key: &str) -> Option<String> {
    o.get(key)?.as_str().map(str::to_owned)
}

/// `Some(None)` when the field is missing or `null`, `None` when it is something other than a string.
fn opt_string(o: &Object, key: &str) -> Option<Option<String>> {
    match o.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v) => v.as_str().map(|s| Some(s.to_owned())),
    }
}

fn u32_field(o: &Object, key: &str) -> Option<u32> {
    as_u32(o.get(key)?)
}

fn as_u32(v: &Value) -> Option<u32> {
    u32::try_from(v.as_u64()?).ok()
}

fn usize_field(o: &Object, key: &str) -> Option<usize> {
    usize::try_from(o.get(key)?.as_u64()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::{analyze, Input, Options};

    /// The derived deserialiser, which this module replaces in the page.
    fn derived(json: &str) -> Option<Report> {
        serde_json::from_slice(json.as_bytes()).ok()
    }

    /// Every file under `dir`, sorted.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// The report of every fixture of the repository (with and without a Talos version) and of every example.
    fn reports() -> Vec<Report> {
        let mut paths = Vec::new();
        files(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures")),
            &mut paths,
        );
        let mut out = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            for talos in [None, Some("v1.9.2".to_owned())] {
                let input = Input::bytes(name.to_string(), bytes.clone());
                out.push(analyze(
                    &[input],
                    &Options {
                        talos_version: talos,
                    },
                ));
            }
        }
        for example in crate::state::examples::EXAMPLES {
            let inputs: Vec<Input> = example
                .inputs
                .iter()
                .map(|(name, text)| Input::text(*name, *text))
                .collect();
            out.push(analyze(&inputs, &Options::default()));
        }
        out
    }

    #[test]
    fn reads_every_report_as_the_derived_deserialiser_does() {
        let reports = reports();
        assert!(reports.len() > 20, "{} reports", reports.len());
        let mut with = [0usize; 4];
        for report in reports {
            with[0] += usize::from(!report.findings.is_empty());
            with[1] += usize::from(report.findings.iter().any(|f| !f.fixes.is_empty()));
            with[2] += usize::from(!report.schematics.is_empty());
            with[3] += usize::from(!report.errors.is_empty());
            for json in [
                serde_json::to_string_pretty(&report).unwrap_or_default(),
                serde_json::to_string(&report).unwrap_or_default(),
            ] {
                let parsed = parse(json.as_bytes());
                assert_eq!(parsed.as_ref(), Some(&report));
                assert_eq!(parsed, derived(&json));
            }
        }
        assert!(
            with.iter().all(|&n| n > 0),
            "every part is exercised: {with:?}"
        );
    }

    #[test]
    fn refuses_what_the_derived_deserialiser_refuses() {
        let good = serde_json::to_string(&reports().remove(0)).unwrap_or_default();
        let value: Value = serde_json::from_str(&good).unwrap_or_default();
        let mut cases = vec![
            String::new(),
            "[]".to_owned(),
            "{}".to_owned(),
            good.replacen('{', "{ ", 1) + "x",
        ];
        for key in [
            "report_version",
            "inputs",
            "nodes",
            "schematics",
            "findings",
            "errors",
        ] {
            let mut v = value.clone();
            if let Some(o) = v.as_object_mut() {
                o.remove(key);
            }
            cases.push(v.to_string());
        }
        let mut v = value.clone();
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "report_version".into(),
                Value::from(u64::from(u32::MAX) + 1),
            );
        }
        cases.push(v.to_string());
        for bad in cases {
            assert_eq!(parse(bad.as_bytes()), None, "{bad}");
            assert_eq!(derived(&bad), None, "{bad}");
        }
        // Unknown fields are ignored; a missing optional field is None.
        let mut v = value;
        if let Some(o) = v.as_object_mut() {
            o.insert("later_field".into(), Value::from(1));
            o.remove("talos_version");
        }
        let text = v.to_string();
        assert!(parse(text.as_bytes()).is_some());
        assert_eq!(parse(text.as_bytes()), derived(&text));
    }

    #[test]
    fn a_finding_with_an_unknown_rule_or_severity_spoils_the_report() {
        for (from, to) in [
            ("\"rule\":\"", "\"rule\":\"no-such-rule-"),
            ("\"severity\":\"", "\"severity\":\"x"),
            ("\"safety\":\"", "\"safety\":\"x"),
            ("\"format\":\"", "\"format\":\"x"),
        ] {
            let report = reports()
                .into_iter()
                .map(|r| serde_json::to_string(&r).unwrap_or_default())
                .find(|json| json.contains(from));
            let Some(json) = report else {
                panic!("no report holds {from}");
            };
            let bad = json.replacen(from, to, 1);
            assert_eq!(parse(bad.as_bytes()), None, "{to}");
            assert_eq!(derived(&bad), None, "{to}");
        }
    }
}
