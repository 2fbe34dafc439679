//! One finding: severity, message, where it was seen, and its fixes in the order the report recommends them.

use talos_ext_analyzer::report::Finding;
use yew::prelude::*;

use super::fix_view::FixView;

#[derive(Properties, PartialEq)]
pub struct FindingViewProps {
    pub finding: Finding,
}

#[function_component(FindingView)]
pub fn finding_view(props: &FindingViewProps) -> Html {
    let f = &props.finding;
    let severity = f.severity.as_str();
    let lines = f
        .spans
        .iter()
        .map(|s| {
            if s.line == s.end_line {
                format!("{}", s.line)
            } else {
                format!("{}–{}", s.line, s.end_line)
            }
        })
        .collect::<Vec<_>>();
    html! {
        <li class={classes!("finding", severity)}
            data-testid="finding"
            data-rule={f.rule}
            data-severity={severity}
            data-node={f.node.clone().unwrap_or_default()}>
            <div class="finding-head">
                <span class={classes!("badge", severity)}>{ severity }</span>
                <span class="message">{ f.message.clone() }</span>
            </div>
            <div class="finding-meta">
                <code class="rule">{ f.rule }</code>
                if !lines.is_empty() {
                    <span class="lines">{ format!("line {}", lines.join(", ")) }</span>
                }
            </div>
            if !f.fixes.is_empty() {
                <ol class="fixes">
                    { for f.fixes.iter().map(|fix| html! { <FixView fix={fix.clone()} /> }) }
                </ol>
            }
        </li>
    }
}
