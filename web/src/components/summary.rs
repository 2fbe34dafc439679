//! The summary above the results: findings by severity, nodes, extensions, the Talos version assumed, the formats
//! recognised and what was skipped, all from the report; and the catalog's age (the newest Talos release the
//! embedded catalog knows), which no report changes.

use std::rc::Rc;

use talos_ext_analyzer::catalog::Catalog;
use talos_ext_analyzer::Report;
use yew::prelude::*;

use talos_ext_analyzer::words::count_of;

use crate::model::summary::{catalog_age, Facts};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Rc<Report>,
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    let facts = Facts::of(report);
    let formats = facts.formats_text();
    html! {
        <section class="summary" data-testid="summary" aria-label="Summary">
            <dl class="tiles">
                { for facts.tiles(report.talos_version.as_deref()).into_iter().map(|t| html! {
                    <div class={classes!("tile", t.class)}>
                        <dt>{ t.label }</dt>
                        <dd>{ t.value }</dd>
                    </div>
                }) }
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
                        { count_of(facts.skipped_lines as usize, "line", "lines") }
                        { " of other text skipped." }
                    </span>
                }
                if !report.errors.is_empty() {
                    { " " }
                    <span class="unreadable">{ count_of(report.errors.len(), "part", "parts") }{ " could not be read (below)." }</span>
                }
            </p>
            <p class="catalog-age" data-testid="catalog-age">{ catalog_age(Catalog::embedded().newest_release()) }</p>
        </section>
    }
}
