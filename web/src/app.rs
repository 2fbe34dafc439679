//! The top-level component: the paste area and what the analysis makes of it.

use yew::prelude::*;

use crate::components::extension_list::ExtensionList;
use crate::components::findings_list::FindingsList;
use crate::components::header::Header;
use crate::components::input_area::InputArea;
use crate::components::input_errors::InputErrors;
use crate::state::analysis::use_analysis;
use crate::state::session::Session;
use crate::state::show_in_input::ShowInInput;

#[function_component(App)]
pub fn app() -> Html {
    let session = use_state(Session::default);
    let analysis = use_analysis(&session);
    let report = analysis.report.clone();
    let on_session = {
        let session = session.clone();
        Callback::from(move |next: Session| session.set(next))
    };
    // The span a finding or an input error asked the editor to show.
    let shown = use_state(|| None);
    let show_in_input = {
        let shown = shown.clone();
        ShowInInput(Callback::from(move |span| shown.set(Some(span))))
    };
    let pasted = !session.is_empty();
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
                    <InputArea session={(*session).clone()} {on_session} {analysis} shown={*shown} />
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
        </ContextProvider<ShowInInput>>
    }
}
