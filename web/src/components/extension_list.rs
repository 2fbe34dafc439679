//! The extensions the analysis found, one row per node and extension.

use std::rc::Rc;

use talos_ext_analyzer::Report;
use yew::prelude::*;

use super::show_all::{use_row_limit, ShowAll};

#[derive(Properties, PartialEq)]
pub struct ExtensionListProps {
    pub report: Rc<Report>,
}

/// Rows drawn before "Show all": tens of thousands of rows would hold the page while the DOM is built.
const ROW_LIMIT: usize = 500;

#[function_component(ExtensionList)]
pub fn extension_list(props: &ExtensionListProps) -> Html {
    let (limit, on_show_all) = use_row_limit(ROW_LIMIT);
    let total: usize = props.report.nodes.iter().map(|n| n.extensions.len()).sum();
    let rows = props.report.nodes.iter().flat_map(|node| {
        let node_name = node.node.clone().unwrap_or_else(|| "—".to_owned());
        node.extensions.iter().map(move |ext| {
            html! {
                <tr data-testid="extension-row">
                    <td>{ node_name.clone() }</td>
                    <td>{ ext.name.clone() }</td>
                    <td>{ ext.version.clone().unwrap_or_default() }</td>
                    <td>{ ext.origin.as_str() }</td>
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
        <ShowAll {limit} {total} what="rows" testid="extensions-show-all" {on_show_all} />
        </>
    }
}
