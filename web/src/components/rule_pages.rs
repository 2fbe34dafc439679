//! The rules in the app: the index (`#/rules`) and one page per rule (`#/rules/<id>`), generated from the doc each
//! rule carries in the rules registry. Both roots carry `data-testid="rule-page"` (`data-route` tells which).

use talos_ext_analyzer::{all_rules, find_rule};
use yew::prelude::*;

use super::markdown_view::MarkdownView;
use crate::model::route::rule_href;

/// Moves focus to the page's heading when it appears (so keyboard and screen-reader users start there) and
/// scrolls to the top.
#[hook]
fn use_focus_on_mount(key: String) -> NodeRef {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(key, move |_| {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    heading
}

fn crumbs(index: bool) -> Html {
    html! {
        <nav class="crumbs" aria-label="Breadcrumbs">
            <a href="#">{ "← Analysis" }</a>
            if index {
                <span aria-hidden="true">{ " / " }</span>
                <a href="#/rules">{ "Rules" }</a>
            }
        </nav>
    }
}

#[function_component(RuleIndex)]
pub fn rule_index() -> Html {
    let heading = use_focus_on_mount(String::new());
    html! {
        <main class="rule-page rule-index" data-testid="rule-page" data-route="rules">
            { crumbs(false) }
            <h1 ref={heading} tabindex="-1">{ "Rules" }</h1>
            <p class="hint">{ "What the analyzer checks. Every finding links to its rule." }</p>
            <ul class="rule-list">
                { for all_rules().iter().map(|r| {
                    let severity = r.severity.as_str();
                    html! {
                        <li>
                            <a href={rule_href(r.id)}><code>{ r.id }</code></a>
                            <span class={classes!("badge", severity)}>{ severity }</span>
                            <p>{ r.summary }</p>
                        </li>
                    }
                }) }
            </ul>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct RulePageProps {
    pub id: AttrValue,
}

#[function_component(RulePage)]
pub fn rule_page(props: &RulePageProps) -> Html {
    let heading = use_focus_on_mount(props.id.to_string());
    let Some(rule) = find_rule(&props.id) else {
        return html! {
            <main class="rule-page" data-testid="rule-page" data-route="rule">
                { crumbs(true) }
                <h1 ref={heading} tabindex="-1">{ "No such rule" }</h1>
                <p>{ "No rule is called " }<code>{ props.id.clone() }</code>{ ". " }<a href="#/rules">{ "See every rule." }</a></p>
            </main>
        };
    };
    let severity = rule.severity.as_str();
    html! {
        <main class="rule-page" data-testid="rule-page" data-route="rule" data-rule={rule.id}>
            { crumbs(true) }
            <h1 ref={heading} tabindex="-1"><code>{ rule.id }</code></h1>
            <p class="rule-summary">
                <span class={classes!("badge", severity)}>{ severity }</span>
                { " " }{ rule.summary }
            </p>
            <article>
                <MarkdownView doc={rule.doc} skip_title=true heading_shift=0 />
            </article>
        </main>
    }
}
