//! The examples menu: loads a real paste from `fixtures/` in place of the session. The caller keeps what it
//! replaced, so that it can be restored.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::examples::{Example, EXAMPLES};

#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    /// Called with the chosen example.
    pub on_choose: Callback<&'static Example>,
}

#[function_component(ExamplesMenu)]
pub fn examples_menu(props: &ExamplesMenuProps) -> Html {
    let onchange = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            if let Some(example) = crate::state::examples::find(&select.value()) {
                on_choose.emit(example);
            }
            // Back to the prompt, so that the same example can be chosen again.
            select.set_value("");
        })
    };
    html! {
        <div class="field">
            <label for="examples">{ "Example" }</label>
            <select id="examples" data-testid="examples" {onchange}>
                <option value="" selected=true>{ "Load an example…" }</option>
                { for EXAMPLES.iter().map(|e| html! { <option value={e.value}>{ e.label }</option> }) }
            </select>
        </div>
    }
}
