//! One finding: severity, message, the versions involved, where it was seen (each place a "Show in input" button),
//! its rule (a link to the rule's page and its explanation on demand) and its fixes in the order the report
//! recommends them.

use std::rc::Rc;

use talos_ext_analyzer::find_rule;
use talos_ext_analyzer::report::Finding;
use talos_ext_analyzer::Span;
use yew::prelude::*;

use super::fix_view::FixView;
use super::markdown_view::MarkdownView;
use crate::model::place::place;
use crate::model::route::rule_href;
use crate::state::show_in_input::ShowInInput;

#[derive(Properties, PartialEq)]
pub struct FindingViewProps {
    pub finding: Finding,
    /// Its position in the report, for element ids.
    pub index: usize,
    /// The inputs' names (span `input` indices refer to them); named on the buttons when there are several.
    pub inputs: Rc<[AttrValue]>,
    /// Show which node it is about (when the list is not grouped by node).
    #[prop_or_default]
    pub show_node: bool,
}

/// A button that asks the editor to show `span`.
#[derive(Properties, PartialEq)]
pub struct ShowButtonProps {
    pub span: Span,
    pub label: AttrValue,
}

#[function_component(ShowButton)]
pub fn show_button(props: &ShowButtonProps) -> Html {
    let show = use_context::<ShowInInput>();
    let onclick = {
        let span = props.span;
        Callback::from(move |_: MouseEvent| {
            if let Some(show) = &show {
                show.emit(span);
            }
        })
    };
    html! {
        <button type="button" class="show" data-testid="show-in-input" {onclick}>
            <span class="sr-only">{ "Show " }</span>
            { props.label.clone() }
            <span class="sr-only">{ " in the input" }</span>
        </button>
    }
}

#[function_component(FindingView)]
pub fn finding_view(props: &FindingViewProps) -> Html {
    let f = &props.finding;
    let severity = f.severity.as_str();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let rule = find_rule(f.rule);
    let explain_id = format!("explain-{}", props.index);
    html! {
        <li class={classes!("finding", severity)}
            data-testid="finding"
            data-rule={f.rule}
            data-severity={severity}
            data-node={f.node.clone().unwrap_or_default()}>
            <div class="finding-head">
                <span class={classes!("badge", severity)}>{ severity }</span>
                <p class="message">{ f.message.clone() }</p>
            </div>
            <div class="finding-meta">
                <a class="rule" href={rule_href(f.rule)} title="The rule's page">{ f.rule }</a>
                if props.show_node {
                    if let Some(node) = &f.node {
                        <span class="chip node"><span class="sr-only">{ "node " }</span>{ node.clone() }</span>
                    }
                }
                if !f.versions.is_empty() {
                    <span class="chips" aria-label="Versions">
                        { for f.versions.iter().map(|v| html! { <span class="chip version">{ v.clone() }</span> }) }
                    </span>
                }
            </div>
            <div class="finding-actions">
                { for f.spans.iter().map(|s| html! {
                    <ShowButton span={*s} label={AttrValue::from(place(s, &props.inputs))} />
                }) }
                if rule.is_some() {
                    <button type="button" class="explain" data-testid="explain"
                        aria-expanded={if *open { "true" } else { "false" }}
                        aria-controls={explain_id.clone()} onclick={toggle}>
                        { if *open { "Hide explanation" } else { "Explain" } }
                    </button>
                }
            </div>
            if let (true, Some(rule)) = (*open, rule) {
                <div class="explanation" id={explain_id}>
                    <MarkdownView doc={rule.doc} skip_title=true heading_shift=2 />
                    <p class="rule-link"><a href={rule_href(rule.id)}>{ "Open the rule's page" }</a></p>
                </div>
            }
            if !f.fixes.is_empty() {
                <ol class="fixes" aria-label="Fixes, most recommended first">
                    { for f.fixes.iter().map(|fix| html! { <FixView fix={fix.clone()} /> }) }
                </ol>
            }
        </li>
    }
}
