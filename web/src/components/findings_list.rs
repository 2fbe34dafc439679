//! The findings of a report, grouped by node (default) or by rule, most severe group first; the choice is part of
//! the session (`ViewSettings::group_by`), so a share link keeps it.

use std::rc::Rc;

use talos_ext_analyzer::words::count_of;
use talos_ext_analyzer::{find_rule, Report};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::finding_view::FindingView;
use super::show_all::{use_row_limit, ShowAll};
use crate::model::grouping::{group, GroupKey};
use crate::model::route::rule_href;
use crate::model::session::GroupBy;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub report: Rc<Report>,
    /// Whether a newer input is being analysed: "no problems" is then not said of it.
    #[prop_or_default]
    pub busy: bool,
    pub group_by: GroupBy,
    pub on_group_by: Callback<GroupBy>,
}

/// Findings drawn before "Show all" (each with its fixes): a cluster where every node drifts has thousands.
const FINDING_LIMIT: usize = 200;

#[function_component(FindingsList)]
pub fn findings_list(props: &FindingsListProps) -> Html {
    let (limit, on_show_all) = use_row_limit(FINDING_LIMIT);
    let report = &props.report;
    let total = report.findings.len();
    let inputs: Rc<[AttrValue]> = report
        .inputs
        .iter()
        .map(|i| AttrValue::from(i.name.clone()))
        .collect();
    let groups = group(&report.findings, props.group_by);
    let onchange = {
        let on_group_by = props.on_group_by.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                on_group_by.emit(if select.value() == "rule" {
                    GroupBy::Rule
                } else {
                    GroupBy::Node
                });
            }
        })
    };
    let by_rule = props.group_by == GroupBy::Rule;
    html! {
        <section class="findings" aria-labelledby="findings-title">
            <div class="section-head">
                <h2 id="findings-title">{ "Findings" }</h2>
                if !report.findings.is_empty() {
                    <label class="group-by">
                        { "Group by " }
                        <select data-testid="group-by" {onchange}>
                            <option value="node" selected={!by_rule}>{ "node" }</option>
                            <option value="rule" selected={by_rule}>{ "rule" }</option>
                        </select>
                    </label>
                }
            </div>
            if groups.is_empty() && !props.busy {
                <p class="empty" data-testid="no-findings">{ "No problems found in what was pasted." }</p>
            }
            // Whole groups in order, the last one cut, until the limit.
            { for groups.iter().scan(0_usize, |drawn, g| {
                let room = limit.saturating_sub(*drawn);
                *drawn += g.findings.len().min(room);
                (room > 0).then_some((g, room))
            }).map(|(g, room)| {
                let title = match &g.key {
                    GroupKey::Node(Some(node)) => html! {
                        <><span class="group-kind">{ "Node" }</span><span class="group-name">{ node.clone() }</span></>
                    },
                    GroupKey::Node(None) => html! {
                        <span class="group-name plain">{ "Cluster-wide, configs and schematics" }</span>
                    },
                    GroupKey::Rule(id) => html! {
                        <>
                            <a class="group-name" href={rule_href(id)}>{ *id }</a>
                            if let Some(rule) = find_rule(id) {
                                <span class="group-summary">{ rule.summary }</span>
                            }
                        </>
                    },
                };
                html! {
                    <div class={classes!("group", g.severity.as_str())} data-testid="finding-group">
                        <h3 class="group-title">
                            { title }
                            <span class="group-count">{ count_of(g.findings.len(), "finding", "findings") }</span>
                        </h3>
                        <ul class="finding-list">
                            { for g.findings.iter().take(room).filter_map(|i| {
                                let f = report.findings.get(*i)?;
                                Some(html! {
                                    <FindingView key={*i} finding={f.clone()} index={*i}
                                        inputs={inputs.clone()} show_node={by_rule} />
                                })
                            }) }
                        </ul>
                    </div>
                }
            }) }
            <ShowAll {limit} {total} what="findings" testid="findings-show-all" {on_show_all} />
        </section>
    }
}
