//! The analysis crate runs inside the browser: it reads a paste and its report serialises to the documented JSON.

use talos_ext_analyzer::{analyze, Input, Options};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str =
    include_str!("../../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt");

#[wasm_bindgen_test]
fn report_of_a_paste_serialises() {
    let report = analyze(&[Input::text("paste", SEED)], &Options::default());
    let json = serde_json::to_value(&report).expect("a report serialises");
    assert_eq!(json["report_version"], 1);
    assert_eq!(json["inputs"][0]["name"], "paste");
    for key in ["nodes", "schematics", "findings", "errors"] {
        assert!(json[key].is_array(), "{key} is an array");
    }
}

#[wasm_bindgen_test]
fn empty_paste_gives_an_empty_report() {
    let report = analyze(&[Input::text("paste", "")], &Options::default());
    assert!(report.nodes.is_empty());
    assert!(report.findings.is_empty());
}
