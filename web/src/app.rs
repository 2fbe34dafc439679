//! The top-level component: the paste area and what the analysis makes of it.

use talos_ext_analyzer::{analyze, Input, Options, Report};
use yew::prelude::*;

use crate::components::extension_list::ExtensionList;
use crate::components::findings_list::FindingsList;
use crate::components::header::Header;
use crate::components::input_area::InputArea;
use crate::components::input_errors::InputErrors;

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
    let pasted = !text.trim().is_empty();
    html! {
        <>
            <Header />
            <main class="app">
                <section class="paste">
                    <label for="paste">{ "Paste" }</label>
                    <p class="hint">
                        { "talosctl get extensions (table, -o yaml, -o json), machine configs and patches, \
                           Image Factory schematics, talosctl version — all at once if you like." }
                    </p>
                    <InputArea value={(*text).clone()} {on_change} />
                </section>
                <div class="results">
                    if pasted {
                        <InputErrors report={report.clone()} />
                        <FindingsList report={report.clone()} />
                        <section class="extensions-section" aria-label="Extensions">
                            <h2>{ "Extensions" }</h2>
                            <ExtensionList {report} />
                        </section>
                    } else {
                        <p class="empty">{ "Findings and extensions appear here as you paste." }</p>
                    }
                </div>
            </main>
        </>
    }
}
