//! The top-level component: the paste area and what the analysis makes of it.

use talos_ext_analyzer::Span;
use yew::prelude::*;

use crate::components::exports::Exports;
use crate::components::header::Header;
use crate::components::input_area::InputArea;
use crate::components::results::Results;
use crate::components::rule_pages::{RuleIndex, RulePage};
use crate::components::session_controls::SessionControls;
use crate::model::route::Route;
use crate::model::session_action::SessionAction;
use crate::state::keep::use_kept_session;
use crate::state::location::{is_embed, use_route};
use crate::state::show_in_input::ShowInInput;
use crate::worker::use_analysis;

#[function_component(App)]
pub fn app() -> Html {
    let (session, keep) = use_kept_session();
    let analysis = use_analysis(&session);
    let report = analysis.report.clone();
    let busy = analysis.busy.is_some();
    let on_action = {
        let session = session.dispatcher();
        Callback::from(move |action: SessionAction| session.dispatch(action))
    };
    // The span a finding or an input error asked the editor to show.
    // Numbered, so that asking for the same span again scrolls to it again.
    let shown = use_state(|| None::<(u32, Span)>);
    let show_in_input = {
        let shown = shown.clone();
        ShowInInput(Callback::from(move |span| {
            let request = shown.map_or(1, |(n, _)| n.wrapping_add(1));
            shown.set(Some((request, span)));
        }))
    };
    let pasted = !session.is_empty();
    let on_group_by = on_action.reform(SessionAction::GroupBy);
    let route = use_route();
    let embed = *use_memo((), |_| is_embed());
    html! {
        <ContextProvider<ShowInInput> context={show_in_input}>
          <div class={classes!("app-root", embed.then_some("embed"))}>
            <Header {embed} heading={route == Route::Main} />
            if let Route::Rule(id) = &route {
                <RulePage id={AttrValue::from(id.clone())} />
            } else if route == Route::Rules {
                <RuleIndex />
            } else {
            <main class="app">
                <section class="paste">
                    <label for="paste">{ "Paste" }</label>
                    <p class="hint">
                        { "talosctl get extensions (table, -o yaml, -o json), machine configs and patches, \
                           Image Factory schematics, talosctl version — all at once if you like." }
                    </p>
                    <InputArea session={(*session).clone()} {on_action} {analysis} shown={shown.map(|(_, s)| s)}
                        shown_request={shown.map_or(0, |(n, _)| n)} />
                    <SessionControls session={(*session).clone()} {keep} />
                    if pasted { <Exports report={report.clone()} /> }
                </section>
                <Results {report} {pasted} {busy} group_by={session.view.group_by} {on_group_by} />
            </main>
            }
          </div>
        </ContextProvider<ShowInInput>>
    }
}
