//! The extensions the analysis found, one row per node and extension.

use std::rc::Rc;

use talos_ext_analyzer::observation::Origin;
use talos_ext_analyzer::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExtensionListProps {
    pub report: Rc<Report>,
}

/// The report's word for an origin.
fn origin_label(origin: Origin) -> &'static str {
    match origin {
        Origin::Installed => "installed",
        Origin::Configured => "configured",
        Origin::Schematic => "schematic",
    }
}

/// Rows drawn before "Show all": tens of thousands of rows would hold the page while the DOM is built.
const ROW_LIMIT: usize = 500;

#[function_component(ExtensionList)]
pub fn extension_list(props: &ExtensionListProps) -> Html {
    let show_all = use_state(|| false);
    let total: usize = props.report.nodes.iter().map(|n| n.extensions.len()).sum();
    let limit = if *show_all { usize::MAX } else { ROW_LIMIT };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(true))
    };
    let rows = props.report.nodes.iter().flat_map(|node| {
        let node_name = node.node.clone().unwrap_or_else(|| "—".to_owned());
        node.extensions.iter().map(move |ext| {
            html! {
                <tr data-testid="extension-row">
                    <td>{ node_name.clone() }</td>
                    <td>{ ext.name.clone() }</td>
                    <td>{ ext.version.clone().unwrap_or_default() }</td>
                    <td>{ origin_label(ext.origin) }</td>
                </tr>
            }
        })
    });
    let rows = rows.take(limit);
    html! {
        <>
        <table class="extensions">
            <thead>
                <tr><th>{"Node"}</th><th>{"Extension"}</th><th>{"Version"}</th><th>{"Origin"}</th></tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
        if total > limit {
            <p class="hint row-limit">
                { format!("The first {limit} of {total} rows. ") }
                <button type="button" class="link" data-testid="extensions-show-all" onclick={on_show_all}>
                    { format!("Show all {total}") }
                </button>
            </p>
        }
        </>
    }
}
