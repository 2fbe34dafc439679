//! The input side of the page: examples, the file picker and the Talos version above the editor; tabs for the
//! session's inputs; the editor of the selected text input; what was refused; the analysis progress. Files can be
//! dropped anywhere on the page.
//!
//! The parts: the component (this file), files dropped or picked ([`files`]), examples and their undo
//! ([`example`]), and what is said under the editor ([`status`]).

mod example;
mod files;
mod status;

use std::rc::Rc;

use talos_ext_analyzer::Span;
use talos_ext_analyzer::MAX_INPUT_BYTES;
use yew::prelude::*;

use super::editor::Editor;
use super::examples_menu::ExamplesMenu;
use super::input_tabs::InputTabs;
use super::talos_version_field::TalosVersionField;
use crate::model::bands::bands_for;
use crate::model::session::Session;
use crate::model::session_action::SessionAction;
use crate::state::files::{limit_text, oversize_message};
use crate::worker::Analysis;

#[derive(Properties, PartialEq)]
pub struct InputAreaProps {
    pub session: Session,
    /// Called with every change made here.
    pub on_action: Callback<SessionAction>,
    pub analysis: Analysis,
    /// The span a finding asked to show (see `state::show_in_input`).
    #[prop_or_default]
    pub shown: Option<Span>,
    /// Counts the requests to show a span (the same span asked for twice is shown twice).
    #[prop_or_default]
    pub shown_request: u32,
}

/// The newest session and where its changes go, for callbacks that finish later (file reads).
struct Latest {
    session: Session,
    on_action: Callback<SessionAction>,
}

#[function_component(InputArea)]
pub fn input_area(props: &InputAreaProps) -> Html {
    let latest = use_mut_ref(|| Latest {
        session: props.session.clone(),
        on_action: props.on_action.clone(),
    });
    {
        let mut l = latest.borrow_mut();
        l.session = props.session.clone();
        l.on_action = props.on_action.clone();
    }
    let active = use_state(|| 0_usize);
    let refused = use_state(Vec::<String>::new);
    let (replaced, on_choose, on_undo) = example::use_examples(&latest, &active);
    let (dragging, on_pick) = files::use_files(&latest, &active, &refused);

    // The selected text input, or the paste.
    let session = &props.session;
    let current = session.shown_input(*active);
    let text = session.text_of(current);
    let name = session.name_of(current).to_owned();

    // "Show in input" in another input: switch to it first.
    {
        let active = active.clone();
        let target = props
            .shown
            .filter(|s| session.is_text(s.input))
            .map(|s| s.input);
        use_effect_with((props.shown, props.shown_request), move |_| {
            if let Some(input) = target {
                active.set(input);
            }
        });
    }

    let on_commit = {
        let latest = latest.clone();
        let refused = refused.clone();
        Callback::from(move |(index, text): (usize, Rc<str>)| {
            if text.len() > MAX_INPUT_BYTES {
                let name = latest.borrow().session.name_of(index).to_owned();
                refused.set(vec![oversize_message(&name, text.len() as f64)]);
                return;
            }
            if !refused.is_empty() {
                refused.set(Vec::new());
            }
            let on_action = latest.borrow().on_action.clone();
            on_action.emit(SessionAction::Edit { index, text });
        })
    };
    let on_version = {
        let latest = latest.clone();
        Callback::from(move |version: String| {
            let (changed, on_action) = {
                let l = latest.borrow();
                (l.session.talos_version != version, l.on_action.clone())
            };
            if changed {
                on_action.emit(SessionAction::SetTalosVersion(version));
            }
        })
    };
    let on_select = {
        let active = active.clone();
        Callback::from(move |index| active.set(index))
    };
    let on_remove = {
        let latest = latest.clone();
        let active = active.clone();
        Callback::from(move |index: usize| {
            if *active >= index && *active > 0 {
                active.set(*active - 1);
            }
            let on_action = latest.borrow().on_action.clone();
            on_action.emit(SessionAction::Remove(index));
        })
    };

    let report = &props.analysis.report;
    let bands = use_memo((report.clone(), current), |(report, input)| {
        bands_for(report, *input)
    });
    let shown = props.shown.filter(|s| s.input == current);
    let detected = if props.session.talos_version.is_empty() {
        report.talos_version.clone()
    } else {
        None
    };
    let label = if current == 0 {
        AttrValue::from("Paste talosctl output, machine configs, patches or schematics")
    } else {
        AttrValue::from(format!("Contents of {name}"))
    };
    html! {
        <>
            <div class="input-tools">
                <ExamplesMenu {on_choose} />
                <div class="field">
                    <label for="file-picker">{ "Files" }</label>
                    <input id="file-picker" data-testid="file-picker" type="file" multiple=true
                        aria-describedby="input-limit" onchange={on_pick} />
                </div>
                <TalosVersionField value={props.session.talos_version.clone()} {detected} on_change={on_version} />
            </div>
            if let Some(r) = &replaced { { example::notice(r, on_undo) } }
            <InputTabs session={props.session.clone()} active={current} {on_select} {on_remove} />
            <Editor input={current} {text} {on_commit} {bands} {shown}
                shown_request={props.shown_request} {label} />
            <p id="input-limit" class="hint limit">
                { format!("Up to {} per input. Drop files anywhere on the page, or pick them above.", limit_text()) }
            </p>
            { status::status(&refused, &props.analysis, dragging) }
        </>
    }
}
