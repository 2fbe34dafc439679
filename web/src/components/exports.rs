//! The report as a file (JSON, SARIF, Markdown) or copied as Markdown for a ticket. All three come from the
//! analysis crate: the report's own serialisation (`docs/report-format.md`) and its renderers.

use std::rc::Rc;

use talos_ext_analyzer::render::{markdown, sarif};
use talos_ext_analyzer::Report;
use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub report: Rc<Report>,
}

/// The formats offered as downloads.
#[derive(Clone, Copy)]
enum Format {
    Json,
    Sarif,
    Markdown,
}

impl Format {
    /// The file's name, its media type and its content.
    fn file(self, report: &Report) -> (&'static str, &'static str, String) {
        match self {
            Format::Json => (
                "talos-ext-report.json",
                "application/json",
                serde_json::to_string_pretty(report).unwrap_or_default(),
            ),
            Format::Sarif => (
                "talos-ext-report.sarif",
                "application/sarif+json",
                serde_json::to_string_pretty(&sarif::log(report, env!("CARGO_PKG_VERSION")))
                    .unwrap_or_default(),
            ),
            Format::Markdown => (
                "talos-ext-report.md",
                "text/markdown",
                markdown::render(report),
            ),
        }
    }
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let failed = use_state(|| false);
    // Whether the clipboard took the Markdown of a report (shown only while that report is the current one).
    let copied = use_state(|| None::<(Rc<Report>, bool)>);
    let save = |format: Format| {
        let report = props.report.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, mime, text) = format.file(&report);
            failed.set(browser::download(name, mime, &text).is_err());
        })
    };
    let copy = {
        let report = props.report.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let text = markdown::render(&report);
            let (report, copied) = (report.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some((report, browser::copy(&text).await)))
            });
        })
    };
    html! {
        <div class="exports" role="group" aria-label="Export the report">
            <span class="exports-label">{ "Export:" }</span>
            <button type="button" data-testid="export-json" onclick={save(Format::Json)}>{ "JSON" }</button>
            <button type="button" data-testid="export-sarif" onclick={save(Format::Sarif)}>{ "SARIF" }</button>
            <button type="button" data-testid="export-markdown" onclick={save(Format::Markdown)}>
                { "Markdown" }
            </button>
            <button type="button" data-testid="copy-markdown" onclick={copy}>
                {
                    match &*copied {
                        Some((r, true)) if Rc::ptr_eq(r, &props.report) => "Copied",
                        Some((r, false)) if Rc::ptr_eq(r, &props.report) => "Copy failed: use the Markdown file",
                        _ => "Copy as Markdown",
                    }
                }
            </button>
            if *failed {
                <span class="note warn" role="alert">{ "This browser refused the download." }</span>
            }
        </div>
    }
}
