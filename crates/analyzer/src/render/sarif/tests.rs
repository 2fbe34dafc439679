use super::*;
use crate::render::fixture;
use serde_json::json;

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
fn the_pages_log_is_the_same_text_as_the_rendered_one() {
    // `log` is written as it is declared; `render` goes through a `Value`, whose maps sort their keys. The
    // same text means the declared order is the sorted one, everywhere the fixture reaches.
    let mut report = fixture::report();
    let text = |report: &Report| {
        (
            serde_json::to_string_pretty(&log(report, "0.1.0")).unwrap(),
            serde_json::to_string_pretty(&render(report, "0.1.0")).unwrap(),
        )
    };
    let (direct, sorted) = text(&report);
    assert_eq!(direct, sorted);
    for needle in [
        "relatedLocations",
        "ruleIndex",
        "schematicId",
        "\"region\"",
        "toolExecutionNotifications",
    ] {
        assert!(direct.contains(needle), "{needle}");
    }
    // A finding without spans (a location without a region), and an empty report.
    report.findings[0].spans.clear();
    let (direct, sorted) = text(&report);
    assert_eq!(direct, sorted);
    let (direct, sorted) = text(&Report::empty());
    assert_eq!(direct, sorted);
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
fn a_span_over_several_lines_keeps_its_end_column() {
    // From line 3 column 5 to line 6 column 2 (a YAML block whose last line is short): the end column is the last
    // line's, even though it is left of the start column.
    let report = fixture::report();
    let region = |span: Span| {
        serde_json::to_value(location(&report, span)).expect("serializes")["physicalLocation"]
            ["region"]
            .clone()
    };
    let block = Span {
        column: 5,
        ..Span::lines(0, 3, 6, 2)
    };
    assert_eq!(region(block)["endLine"], json!(6));
    assert_eq!(region(block)["endColumn"], json!(3));
    // On one line, an end before the start is clamped to the start.
    let backwards = Span {
        column: 5,
        ..Span::lines(0, 3, 3, 2)
    };
    assert_eq!(region(backwards)["endColumn"], json!(6));
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

#[test]
fn a_finding_without_a_span_points_at_the_first_input_as_a_whole() {
    // Code scanning refuses a result with no location: such a finding names the first input, with no region.
    let mut report = fixture::report();
    report.findings[0].spans.clear();
    let log = render(&report, "0.1.0");
    let locations = &log["runs"][0]["results"][0]["locations"];
    let uri = uri_reference(&input_name(&report, 0));
    assert_eq!(
        locations,
        &json!([{"physicalLocation": {"artifactLocation": {"uri": uri}}}])
    );
    assert!(log["runs"][0]["results"][0]["relatedLocations"].is_null());
    // With no input at all there is no place to name.
    report.inputs.clear();
    let log = render(&report, "0.1.0");
    assert!(log["runs"][0]["results"][0]["locations"]
        .as_array()
        .is_none_or(Vec::is_empty));
}
