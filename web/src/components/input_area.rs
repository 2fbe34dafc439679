//! The paste area.

use talos_ext_analyzer::span::Span;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputAreaProps {
    pub value: String,
    /// Called with the whole text on every edit.
    pub on_change: Callback<String>,
    /// The span a finding asked to show (see `state::show_in_input`).
    #[prop_or_default]
    pub shown: Option<Span>,
}

#[function_component(InputArea)]
pub fn input_area(props: &InputAreaProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_change.emit(area.value());
            }
        })
    };
    html! {
        <textarea
            id="paste"
            data-testid="input"
            aria-label="Paste talosctl output, machine configs, patches or schematics"
            spellcheck="false"
            wrap="off"
            value={props.value.clone()}
            {oninput}
        />
    }
}
