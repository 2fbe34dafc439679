//! The input side of the page: examples, the file picker and the Talos version above the editor; tabs for the
//! session's inputs; the editor of the selected text input; what was refused; the analysis progress. Files can be
//! dropped anywhere on the page.

use std::rc::Rc;

use talos_ext_analyzer::span::Span;
use talos_ext_analyzer::MAX_INPUT_BYTES;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use super::editor::{bands_for, Editor};
use super::examples_menu::ExamplesMenu;
use super::file_drop::use_file_drop;
use super::input_tabs::InputTabs;
use super::talos_version_field::TalosVersionField;
use crate::state::analysis::Analysis;
use crate::state::examples::Example;
use crate::state::files::{files_of, human_size, limit_text, oversize_message, read_files};
use crate::state::session::{Session, SessionContent, PASTE};

#[derive(Properties, PartialEq)]
pub struct InputAreaProps {
    pub session: Session,
    /// Called with the next session on every change made here.
    pub on_session: Callback<Session>,
    pub analysis: Analysis,
    /// The span a finding asked to show (see `state::show_in_input`).
    #[prop_or_default]
    pub shown: Option<Span>,
    /// Counts the requests to show a span (the same span asked for twice is shown twice).
    #[prop_or_default]
    pub shown_request: u32,
}

/// The newest session and its setter, for callbacks that finish later (file reads).
struct Latest {
    session: Session,
    on_session: Callback<Session>,
}

/// The example loaded last and the session it replaced.
#[derive(Clone, PartialEq)]
struct Replaced {
    label: &'static str,
    previous: Session,
}

#[function_component(InputArea)]
pub fn input_area(props: &InputAreaProps) -> Html {
    let latest = use_mut_ref(|| Latest {
        session: props.session.clone(),
        on_session: props.on_session.clone(),
    });
    {
        let mut l = latest.borrow_mut();
        l.session = props.session.clone();
        l.on_session = props.on_session.clone();
    }
    let active = use_state(|| 0_usize);
    let refused = use_state(Vec::<String>::new);
    let replaced = use_state(|| None::<Replaced>);

    // The selected text input, or the paste.
    let inputs = &props.session.inputs;
    let is_text = |i: usize| {
        matches!(
            inputs.get(i).map(|i| &i.content),
            Some(SessionContent::Text(_))
        )
    };
    let current = if is_text(*active) { *active } else { 0 };
    let text: Rc<str> = match inputs.get(current).map(|i| &i.content) {
        Some(SessionContent::Text(text)) => text.clone(),
        _ => Rc::from(""),
    };
    let name = inputs
        .get(current)
        .map_or(PASTE, |i| i.name.as_str())
        .to_owned();

    // "Show in input" in another input: switch to it first.
    {
        let active = active.clone();
        let target = props
            .shown
            .filter(|s| {
                matches!(
                    inputs.get(s.input).map(|i| &i.content),
                    Some(SessionContent::Text(_))
                )
            })
            .map(|s| s.input);
        use_effect_with((props.shown, props.shown_request), move |_| {
            if let Some(input) = target {
                active.set(input);
            }
        });
    }

    let add_files = {
        let latest = latest.clone();
        let active = active.clone();
        let refused = refused.clone();
        Callback::from(move |files: Vec<File>| {
            let latest = latest.clone();
            let active = active.clone();
            let refused = refused.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_files(files).await;
                refused.set(read.refused);
                if read.inputs.is_empty() {
                    return;
                }
                let added = read.inputs.len();
                let (session, on_session) = {
                    let l = latest.borrow();
                    (l.session.add_inputs(read.inputs), l.on_session.clone())
                };
                // Show the first added text file.
                let first_new = session.inputs.len() - added;
                if let Some((index, _)) = (session.inputs.iter().enumerate())
                    .skip(first_new)
                    .find(|(_, i)| matches!(i.content, SessionContent::Text(_)))
                {
                    active.set(index);
                }
                on_session.emit(session);
            });
        })
    };
    let dragging = use_file_drop(add_files.clone());
    let on_pick = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let Some(picker) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(list) = picker.files() {
                add_files.emit(files_of(&list));
            }
            // Picking the same file again is a change again.
            picker.set_value("");
        })
    };
    let on_commit = {
        let latest = latest.clone();
        let refused = refused.clone();
        Callback::from(move |(index, text): (usize, Rc<str>)| {
            if text.len() > MAX_INPUT_BYTES {
                let name = latest
                    .borrow()
                    .session
                    .inputs
                    .get(index)
                    .map_or(PASTE.to_owned(), |i| i.name.clone());
                refused.set(vec![oversize_message(&name, text.len() as f64)]);
                return;
            }
            if !refused.is_empty() {
                refused.set(Vec::new());
            }
            let (session, on_session) = {
                let l = latest.borrow();
                let session = if l.session.inputs.is_empty() {
                    l.session.set_paste(text)
                } else {
                    l.session.set_text(index, text)
                };
                (session, l.on_session.clone())
            };
            on_session.emit(session);
        })
    };
    let on_choose = {
        let latest = latest.clone();
        let replaced = replaced.clone();
        let active = active.clone();
        Callback::from(move |example: &'static Example| {
            let (previous, on_session) = {
                let l = latest.borrow();
                (l.session.clone(), l.on_session.clone())
            };
            let next = example.session(&previous);
            replaced.set(Some(Replaced {
                label: example.label,
                previous: previous.clone(),
            }));
            active.set(0);
            on_session.emit(next);
        })
    };
    let on_undo = {
        let latest = latest.clone();
        let replaced = replaced.clone();
        let active = active.clone();
        Callback::from(move |_| {
            if let Some(r) = (*replaced).clone() {
                active.set(0);
                latest.borrow().on_session.emit(r.previous);
            }
            replaced.set(None);
        })
    };
    let on_version = {
        let latest = latest.clone();
        Callback::from(move |version: String| {
            let l = latest.borrow();
            if l.session.talos_version != version {
                let mut next = l.session.clone();
                next.talos_version = version;
                l.on_session.emit(next);
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
            let l = latest.borrow();
            if *active >= index && *active > 0 {
                active.set(*active - 1);
            }
            l.on_session.emit(l.session.remove_input(index));
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
            if let Some(r) = &*replaced {
                <p class="notice" data-testid="example-loaded" role="status">
                    { format!("Loaded the example “{}”.", r.label) }
                    if !r.previous.is_empty() {
                        { " Your previous input was replaced. " }
                        <button type="button" class="link" data-testid="undo" onclick={on_undo}>{ "Undo" }</button>
                    }
                </p>
            }
            <InputTabs session={props.session.clone()} active={current} {on_select} {on_remove} />
            <Editor input={current} {text} {on_commit} {bands} {shown}
                shown_request={props.shown_request} {label} />
            <p id="input-limit" class="hint limit">
                { format!("Up to {} per input. Drop files anywhere on the page, or pick them above.", limit_text()) }
            </p>
            { for refused.iter().map(|message| html! {
                <p class="refused" data-testid="refused" role="alert">{ message.clone() }</p>
            }) }
            if let Some(size) = props.analysis.busy {
                <p class="progress" data-testid="progress" role="status">
                    <span class="spinner" aria-hidden="true" />
                    { format!("Analysing {}…", human_size(size as f64)) }
                </p>
            }
            if let Some(note) = props.analysis.note {
                <p class="notice" data-testid="analysis-note">{ note }</p>
            }
            if dragging {
                <div class="drop-target" data-testid="drop-target" aria-hidden="true">
                    <p>{ "Drop files to add them as inputs" }</p>
                </div>
            }
        </>
    }
}
