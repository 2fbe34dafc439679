//! "Show all" for long lists (findings, input errors, extension rows): they draw their first rows until asked,
//! because Yew builds a list in one task and tens of thousands of rows hold the page for seconds.

use yew::prelude::*;

/// The number of rows to draw (`limit` until the user asks for all), and the callback that asks.
#[hook]
pub fn use_row_limit(limit: usize) -> (usize, Callback<MouseEvent>) {
    let all = use_state(|| false);
    let on_show_all = {
        let all = all.clone();
        Callback::from(move |_| all.set(true))
    };
    (if *all { usize::MAX } else { limit }, on_show_all)
}

#[derive(Properties, PartialEq)]
pub struct ShowAllProps {
    /// The rows drawn, of `total`.
    pub limit: usize,
    pub total: usize,
    /// What the rows are, plural ("findings").
    pub what: &'static str,
    pub testid: &'static str,
    pub on_show_all: Callback<MouseEvent>,
}

/// "The first 200 of 1234 findings. Show all 1234" when the list is cut; nothing when it is whole.
#[function_component(ShowAll)]
pub fn show_all(props: &ShowAllProps) -> Html {
    if props.total <= props.limit {
        return html! {};
    }
    html! {
        <p class="hint row-limit">
            { format!("The first {} of {} {}. ", props.limit, props.total, props.what) }
            <button type="button" class="link" data-testid={props.testid} onclick={props.on_show_all.clone()}>
                { format!("Show all {}", props.total) }
            </button>
        </p>
    }
}
