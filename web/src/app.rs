//! The top-level component: the paste area and what the analysis makes of it.

use talos_ext_analyzer::{analyze, Input, Options, Report};
use yew::prelude::*;

use crate::components::extension_list::ExtensionList;
use crate::components::input_area::InputArea;

/// Analyses `text` as one paste.
fn analyse_paste(text: &str) -> Report {
    analyze(&[Input::text("paste", text)], &Options::default())
}

#[function_component(App)]
pub fn app() -> Html {
    let text = use_state(String::new);
    let report = {
        let text = text.clone();
        use_memo((*text).clone(), |t| analyse_paste(t))
    };
    let on_change = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(value))
    };
    html! {
        <main class="app">
            <InputArea value={(*text).clone()} {on_change} />
            <ExtensionList {report} />
        </main>
    }
}
