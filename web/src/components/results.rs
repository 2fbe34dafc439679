//! The results side of the page: the summary, input errors, findings (grouped), the cluster matrix and the
//! extensions, everything from the report.

use std::rc::Rc;

use talos_ext_analyzer::Report;
use yew::prelude::*;

use super::cluster_matrix::ClusterMatrix;
use super::extension_list::ExtensionList;
use super::findings_list::FindingsList;
use super::input_errors::InputErrors;
use super::summary::Summary;
use crate::model::session::GroupBy;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Rc<Report>,
    /// Whether there is anything to analyse (else a hint shows instead).
    pub pasted: bool,
    /// Whether an analysis of a newer input is running (the report is then the previous input's).
    #[prop_or_default]
    pub busy: bool,
    pub group_by: GroupBy,
    pub on_group_by: Callback<GroupBy>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let report = props.report.clone();
    let multi_node = report.nodes.iter().filter(|n| n.node.is_some()).count() > 1;
    // Closed, the list of every extension is not drawn at all: for a large cluster it is thousands of elements
    // that the browser would build and lay out for nothing (the matrix shows what each node runs).
    let list_open = use_state_eq(|| false);
    let ontoggle = {
        let list_open = list_open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::Element>() {
                list_open.set(details.has_attribute("open"));
            }
        })
    };
    let table = html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Extensions, scrolls sideways">
            <ExtensionList report={report.clone()} />
        </div>
    };
    html! {
        <div class={classes!("results", props.busy.then_some("stale"))} aria-busy={props.busy.to_string()}>
            if props.pasted && props.busy {
                <p class="notice stale-note" data-testid="results-stale" role="status">
                    { "Analysing the new input… The results below are from before it." }
                </p>
            }
            if props.pasted {
                <Summary report={report.clone()} />
                <InputErrors report={report.clone()} />
                <ClusterMatrix report={report.clone()} />
                <FindingsList report={report.clone()} busy={props.busy} group_by={props.group_by}
                    on_group_by={props.on_group_by.clone()} />
                <section class="extensions-section" aria-labelledby="extensions-title">
                    <h2 id="extensions-title">{ "Extensions" }</h2>
                    if multi_node {
                        // The matrix already shows what each node runs: the full list is there on demand.
                        <details class="all-extensions" data-testid="all-extensions" {ontoggle}>
                            <summary>{ "Every extension seen, with its origin" }</summary>
                            if *list_open { { table } }
                        </details>
                    } else {
                        { table }
                    }
                </section>
            } else {
                <div class="empty-state">
                    <p class="empty">{ "Findings, the cluster's extensions and fixes appear here as you paste." }</p>
                    <p class="empty"><a href="#/rules">{ "What the analyzer checks" }</a></p>
                </div>
            }
        </div>
    }
}
