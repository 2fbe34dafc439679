//! The findings of a report, most severe first (the report's own order within one severity).

use std::rc::Rc;

use talos_ext_analyzer::Report;
use yew::prelude::*;

use super::finding_view::FindingView;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub report: Rc<Report>,
}

#[function_component(FindingsList)]
pub fn findings_list(props: &FindingsListProps) -> Html {
    let mut findings: Vec<_> = props.report.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    html! {
        <section class="findings" aria-label="Findings">
            <h2>{ "Findings" }</h2>
            if findings.is_empty() {
                <p class="empty" data-testid="no-findings">{ "No problems found in what was pasted." }</p>
            } else {
                <ul>
                    { for findings.into_iter().map(|f| html! { <FindingView finding={f.clone()} /> }) }
                </ul>
            }
        </section>
    }
}
