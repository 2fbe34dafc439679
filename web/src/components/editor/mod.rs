//! The editor of one text input: the paste `textarea`, a line-number gutter and a layer behind the text that marks
//! the lines of every finding's spans (by severity) and, strongly, the span asked for ("Show in input").
//!
//! Built to stay fast on 100,000-line inputs: the gutter holds one text node with the numbers of the lines around the
//! visible ones, and the layer holds one absolutely positioned band per marked range (top = (line − 1) × line
//! height). Positions are set through the CSSOM, which the Content-Security-Policy allows (inline `style` attributes
//! it does not). Edits reach the session after 150 ms without typing, or at once for a paste, a drop or a cut.
//!
//! A text over [`LARGE_TEXT_BYTES`] is not put into the textarea at all: Chromium lays out every line of a textarea
//! at once (about 2 s per MB, one task the page cannot answer during), so a pasted cluster froze the page for
//! seconds. Such a text is shown read-only instead, in a scrolling view that holds only the lines around the
//! visible ones (drawn with the gutter's numbers, from a [`LineIndex`]); a paste over that size is taken from the
//! clipboard event before the browser inserts it. "Edit as text" puts it into the textarea all the same.
//!
//! The parts: the component (this file) and its effects ([`effects`]), what it keeps ([`state`]), what it draws outside Yew's
//! rendering ([`draw`]) and how it takes a large paste ([`paste`]).

mod draw;
mod effects;
mod paste;
mod state;

use std::rc::Rc;

use talos_ext_analyzer::Span;
use yew::prelude::*;

use crate::model::bands::Band;
use crate::model::line_index::LineIndex;
use crate::model::session::{same_text, TextKey};
use crate::state::files::human_size;
use draw::{flush, group_digits, redraw_gutter, schedule};
use paste::paste;
use state::{Refs, State, LARGE_TEXT_BYTES};

#[derive(Properties)]
pub struct EditorProps {
    /// The input's index in the session (a span's `input`).
    pub input: usize,
    pub text: Rc<str>,
    /// Called with `(input, text)` when an edit is due to reach the session.
    pub on_commit: Callback<(usize, Rc<str>)>,
    pub bands: Rc<Vec<Band>>,
    /// The span asked for, when it is in this input.
    #[prop_or_default]
    pub shown: Option<Span>,
    /// Counts the requests to show a span (see `InputAreaProps::shown_request`).
    #[prop_or_default]
    pub shown_request: u32,
    pub label: AttrValue,
}

// By hand, for the text: compared by pointer first (see `same_text`).
impl PartialEq for EditorProps {
    fn eq(&self, other: &EditorProps) -> bool {
        self.input == other.input
            && same_text(&self.text, &other.text)
            && self.on_commit == other.on_commit
            && self.bands == other.bands
            && self.shown == other.shown
            && self.shown_request == other.shown_request
            && self.label == other.label
    }
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let refs = use_memo((), |()| Refs::default());
    let state = use_mut_ref(State::default);
    state.borrow_mut().on_commit = props.on_commit.clone();
    // The input whose large text the user asked to edit as text all the same.
    let edit_anyway = use_state_eq(|| None::<usize>);
    // A large paste being read (a slice per task, a few hundred milliseconds for tens of megabytes): said at once,
    // since the text and the results change only when it is done.
    let reading = use_state_eq(|| false);
    let large = props.text.len() > LARGE_TEXT_BYTES && *edit_anyway != Some(props.input);
    // The line index of a large text, built once for the notice (its line count) and the view (the effect below):
    // for 10,000 nodes each pass over the text is tens of milliseconds.
    // A large paste comes with its index (built as it was read): taken here when it is of this very text.
    let index: Rc<Option<Rc<LineIndex>>> = use_memo(
        (TextKey(props.text.clone()), large),
        |(TextKey(text), large)| {
            let pasted = state.borrow_mut().pasted_index.take();
            large.then(|| match pasted {
                Some((of, index)) if Rc::ptr_eq(&of, text) => index,
                _ => Rc::new(LineIndex::new(text)),
            })
        },
    );

    effects::use_text_sync(props, &refs, &state, &index, large);
    effects::use_marks(props, &refs, &state, large);

    let oninput = {
        let refs = refs.clone();
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let kind = e.input_type();
            let at_once = kind.starts_with("insertFromPaste")
                || kind.starts_with("insertFromDrop")
                || kind.starts_with("deleteByCut");
            schedule(&refs, &state, at_once);
        })
    };
    // A large paste never reaches the textarea (see the module's doc).
    let onpaste = {
        let refs = refs.clone();
        let state = state.clone();
        let editing_anyway = *edit_anyway == Some(props.input);
        let reading = reading.setter();
        Callback::from(move |e: Event| {
            if !editing_anyway {
                paste(&refs, &state, &reading, &e);
            }
        })
    };
    // Leaving the editor (for the examples menu, a tab, a button) commits at once.
    let onblur = {
        let refs = refs.clone();
        let state = state.clone();
        Callback::from(move |_: FocusEvent| flush(&refs, &state))
    };
    let onscroll = {
        let refs = refs.clone();
        let state = state.clone();
        Callback::from(move |_: Event| redraw_gutter(&refs, &state, false))
    };
    let on_edit = {
        let edit_anyway = edit_anyway.clone();
        let input = props.input;
        Callback::from(move |_: MouseEvent| edit_anyway.set(Some(input)))
    };
    let on_clear = {
        let state = state.clone();
        let input = props.input;
        Callback::from(move |_: MouseEvent| {
            let on_commit = state.borrow().on_commit.clone();
            on_commit.emit((input, Rc::from("")));
        })
    };
    let lines = (*index)
        .as_ref()
        .map_or(0, |index| u32::try_from(index.lines()).unwrap_or(u32::MAX));
    html! {
        <>
            if *reading {
                <p class="progress" data-testid="reading-paste" role="status">
                    <span class="spinner" aria-hidden="true" />
                    { "Reading the pasted text…" }
                </p>
            }
            if large {
                <p class="notice large-input" data-testid="large-input" role="status">
                    { format!(
                        "A large input ({}, {} lines): shown read-only, drawing only the lines in view, so that \
                         the page stays responsive. Paste again to replace it. ",
                        human_size(props.text.len() as f64),
                        group_digits(lines),
                    ) }
                    <button type="button" class="link" data-testid="edit-as-text" onclick={on_edit}>
                        { "Edit as text (the page may pause for a few seconds)" }
                    </button>
                    { " · " }
                    <button type="button" class="link" data-testid="clear-input" onclick={on_clear}>
                        { "Clear" }
                    </button>
                </p>
            }
            <div class="editor">
                <div class="gutter" aria-hidden="true" ref={refs.gutter.clone()}>
                    <div class="numbers" ref={refs.numbers.clone()} />
                </div>
                <div class="editor-body">
                    <div class="bands" aria-hidden="true" ref={refs.bands.clone()} />
                    if large {
                        <div
                            class="large-view"
                            data-testid="input-view"
                            ref={refs.view.clone()}
                            tabindex="0"
                            role="textbox"
                            aria-readonly="true"
                            aria-multiline="true"
                            aria-label={props.label.clone()}
                            onpaste={onpaste}
                            {onscroll}
                        >
                            <div class="spacer" ref={refs.view_spacer.clone()} />
                            <pre ref={refs.view_lines.clone()} />
                        </div>
                    } else {
                        <textarea
                            id="paste"
                            data-testid="input"
                            ref={refs.textarea.clone()}
                            aria-label={props.label.clone()}
                            spellcheck="false"
                            autocomplete="off"
                            autocapitalize="off"
                            wrap="off"
                            {oninput}
                            {onpaste}
                            {onblur}
                            {onscroll}
                        />
                    }
                </div>
            </div>
        </>
    }
}
