//! The worker path (request → `analyseRequest` → the report's binary form → report) gives the same report as analysing on the page.

use std::rc::Rc;

use talos_ext_web::model::session::{Session, SessionContent, SessionInput};
use talos_ext_web::model::session_action::SessionAction;
use talos_ext_web::worker::api::{analyse_request, parse_report, request};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn input(name: &str, content: SessionContent) -> SessionInput {
    SessionInput {
        name: name.into(),
        content,
    }
}

fn text(name: &str, text: &str) -> SessionInput {
    input(name, SessionContent::Text(Rc::from(text)))
}

#[wasm_bindgen_test]
fn worker_and_page_give_equal_reports() {
    let mut session = Session::with_paste(include_str!(
        "../../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt"
    ))
    .apply(SessionAction::AddInputs(vec![
        text("chat.txt", include_str!("../../fixtures/read/mixed-05-discord-everything.txt")),
        text(
            "controlplane.yaml",
            include_str!("../../fixtures/rules/config-state-mismatch--fires--schematic-a-installer-b/controlplane.yaml"),
        ),
        text("broken.yaml", include_str!("../../fixtures/structured/malformed-syntax.yaml")),
        // Crosses to the worker as UTF-8 bytes: non-ASCII text and its columns arrive as they were.
        text(
            "ünïcode.txt",
            "# note — 𝄞 ✓\nNODE  NAMESPACE  TYPE  ID  VERSION  NAME  VERSION\n10.0.0.9  runtime  ExtensionStatus  0  1  iscsi-tools  v0.1.1\n10.0.0.9  runtime  ExtensionStatus  1  1  iscsi-tools  v0.1.4\n",
        ),
        input(
            "bundle.zip",
            SessionContent::Bytes(Rc::from(&include_bytes!("../../fixtures/cli/truncated-bundle.zip")[..])),
        ),
        input(
            "x.age",
            SessionContent::Bytes(Rc::from(&include_bytes!("../../fixtures/read/age-encrypted.age")[..])),
        ),
    ]));
    for version in ["", "v1.9.2"] {
        session.talos_version = version.into();
        let direct = session.analyse();
        assert!(!direct.findings.is_empty() && !direct.errors.is_empty());
        let answer = analyse_request(&request(&session).0);
        assert_eq!(
            parse_report(&answer),
            Some(direct),
            "talos version {version:?}"
        );
    }
}

#[wasm_bindgen_test]
fn a_malformed_request_is_an_empty_analysis_not_a_crash() {
    let answer = analyse_request(&wasm_bindgen::JsValue::from_str("nonsense"));
    let report = parse_report(&answer).expect("a report");
    assert!(report.inputs.is_empty() && report.findings.is_empty());
}
