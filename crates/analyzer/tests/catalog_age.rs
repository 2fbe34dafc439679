//! The catalog's age: a node on a release newer than the catalog gets `catalog-out-of-date` and no judgment of its
//! extensions' versions or names; the same node on the catalog's newest release is judged as usual.

use std::fs;
use std::path::Path;

use talos_ext_analyzer::catalog::Catalog;
use talos_ext_analyzer::{analyze, Input, Options};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/rules")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rules_of(text: &str) -> Vec<&'static str> {
    let report = analyze(&[Input::text("paste", text)], &Options::default());
    report.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn a_node_on_a_newer_release_gets_one_info_finding_and_no_version_judgment() {
    let text = fixture("catalog-out-of-date--fires--node-on-a-newer-release.txt");
    let report = analyze(&[Input::text("paste", text.as_str())], &Options::default());
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["catalog-out-of-date"], "{:#?}", report.findings);
    let newest = Catalog::embedded().newest_release().expect("a release");
    assert!(report.findings[0]
        .message
        .contains(&format!("the catalog knows releases up to {newest}")));
    // The same extensions, judged against the catalog's newest release: the versions and the module's build are
    // wrong for it, and the rules say so. The silence above is the release's, not the extensions'.
    let on_newest = text.replace("v1.14.2", newest);
    let judged = rules_of(&on_newest);
    assert!(judged.contains(&"catalog-version-mismatch"), "{judged:?}");
    assert!(!judged.contains(&"catalog-out-of-date"), "{judged:?}");
}

#[test]
fn the_user_s_newer_release_is_one_finding_for_the_cluster() {
    let text = fixture("catalog-out-of-date--quiet--node-on-the-newest-release.txt");
    let options = Options {
        talos_version: Some("v99.0.0".into()),
    };
    let report = analyze(&[Input::text("paste", text)], &options);
    let out_of_date: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "catalog-out-of-date")
        .collect();
    assert_eq!(out_of_date.len(), 1, "{:#?}", report.findings);
    assert_eq!(out_of_date[0].node, None);
    // Nothing judged by the catalog's versions or names; a module built for v1.13.9 on a node said to run v99.0.0
    // is still kmod-talos-mismatch, which compares the module with the node, not with the catalog.
    let others: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.rule)
        .filter(|r| *r != "catalog-out-of-date")
        .collect();
    assert_eq!(others, ["kmod-talos-mismatch"], "{:#?}", report.findings);
}
