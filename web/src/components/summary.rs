//! The summary above the results: findings by severity, nodes, extensions, the Talos version assumed, the formats
//! recognised and what was skipped, all from the report; and the catalog's age (the newest Talos release the
//! embedded catalog knows), which no report changes.

use std::rc::Rc;

use talos_ext_analyzer::catalog::Catalog;
use talos_ext_analyzer::Report;
use yew::prelude::*;

use crate::model::summary::{catalog_age, counted, format_label, Facts};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Rc<Report>,
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    let facts = Facts::of(report);
    let tile = |class: &'static str, value: String, label: &'static str| {
        html! {
            <div class={classes!("tile", class)}>
                <dt>{ label }</dt>
                <dd>{ value }</dd>
            </div>
        }
    };
    let formats = facts
        .formats
        .iter()
        .map(|f| format_label(*f))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class="summary" data-testid="summary" aria-label="Summary">
            <dl class="tiles">
                { tile(if facts.errors > 0 { "error" } else { "zero" }, facts.errors.to_string(),
                    if facts.errors == 1 { "error" } else { "errors" }) }
                { tile(if facts.warnings > 0 { "warning" } else { "zero" }, facts.warnings.to_string(),
                    if facts.warnings == 1 { "warning" } else { "warnings" }) }
                { tile(if facts.infos > 0 { "info" } else { "zero" }, facts.infos.to_string(), "info") }
                { tile("count", facts.nodes.to_string(), if facts.nodes == 1 { "node" } else { "nodes" }) }
                { tile("count", facts.extensions.to_string(),
                    if facts.extensions == 1 { "extension" } else { "extensions" }) }
                { tile("text", report.talos_version.clone().unwrap_or_else(|| "unknown".to_owned()), "Talos") }
            </dl>
            <p class="read">
                if facts.formats.is_empty() {
                    { "Nothing recognised yet." }
                } else {
                    <span class="label">{ "Read: " }</span>{ formats }{ "." }
                }
                if facts.skipped_lines > 0 {
                    { " " }
                    <span class="skipped">
                        { counted(facts.skipped_lines as usize, "line", "lines") }
                        { " of other text skipped." }
                    </span>
                }
                if !report.errors.is_empty() {
                    { " " }
                    <span class="unreadable">{ counted(report.errors.len(), "part", "parts") }{ " could not be read (below)." }</span>
                }
            </p>
            <p class="catalog-age" data-testid="catalog-age">{ catalog_age(Catalog::embedded().newest_release()) }</p>
        </section>
    }
}
