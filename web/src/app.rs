//! The top-level component: the paste area and what the analysis makes of it.

use talos_ext_analyzer::{analyze, Report};
use yew::prelude::*;

use crate::components::exports::Exports;
use crate::components::extension_list::ExtensionList;
use crate::components::findings_list::FindingsList;
use crate::components::header::Header;
use crate::components::input_area::InputArea;
use crate::components::input_errors::InputErrors;
use crate::components::session_controls::SessionControls;
use crate::state::keep::use_kept_session;
use crate::state::session::Session;
use crate::state::show_in_input::ShowInInput;

/// Analyses everything the session holds.
fn analyse(session: &Session) -> Report {
    analyze(&session.analyser_inputs(), &session.options())
}

#[function_component(App)]
pub fn app() -> Html {
    let (session, keep) = use_kept_session();
    let report = use_memo((*session).clone(), analyse);
    let on_change = {
        let session = session.clone();
        Callback::from(move |value: String| session.set(session.set_paste(&value)))
    };
    // The span a finding or an input error asked the editor to show.
    let shown = use_state(|| None);
    let show_in_input = {
        let shown = shown.clone();
        ShowInInput(Callback::from(move |span| shown.set(Some(span))))
    };
    let pasted = !session.is_empty();
    let text = session.paste().to_owned();
    html! {
        <ContextProvider<ShowInInput> context={show_in_input}>
            <Header />
            <main class="app">
                <section class="paste">
                    <label for="paste">{ "Paste" }</label>
                    <p class="hint">
                        { "talosctl get extensions (table, -o yaml, -o json), machine configs and patches, \
                           Image Factory schematics, talosctl version — all at once if you like." }
                    </p>
                    <InputArea value={text} {on_change} shown={*shown} />
                    <SessionControls session={(*session).clone()} {keep} />
                </section>
                <div class="results">
                    if pasted {
                        <Exports report={report.clone()} />
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
        </ContextProvider<ShowInInput>>
    }
}
