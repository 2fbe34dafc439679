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

use std::cell::RefCell;
use std::rc::Rc;

use talos_ext_analyzer::report::Severity;
use talos_ext_analyzer::span::Span;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::bands::Band;
use crate::model::line_index::LineIndex;
use crate::model::session::{same_text, TextKey};
use crate::model::text_position::{line_count, utf16_range};
use crate::state::files::human_size;
use crate::state::pasted_text;

/// The textarea's line height and top padding in CSS pixels (`web/style.css`, `.editor textarea`).
const LINE_HEIGHT: i32 = 20;
const PAD_TOP: i32 = 8;
/// The gutter is redrawn when the first visible line enters another block of this many lines.
const GUTTER_BLOCK: i32 = 200;
/// Typing reaches the session after this long without a keystroke.
const DEBOUNCE_MS: i32 = 150;
/// At most this many bands are drawn (one per marked range; ranges are merged first).
const MAX_BANDS: usize = 20_000;
/// Texts longer than this are shown in the read-only view (a textarea would take about 0.25 s to lay this out).
pub const LARGE_TEXT_BYTES: usize = 128 * 1024;
/// The read-only view scrolls through at most this many lines (an element taller than about 33 million pixels is
/// cut by the browser).
const MAX_VIEW_LINES: usize = 1_500_000;

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

/// What the editor keeps between renders and events.
#[derive(Default)]
struct State {
    /// The text the textarea holds as far as the editor knows (what it last set or committed).
    text: Option<Rc<str>>,
    input: usize,
    lines: u32,
    /// The gutter block drawn, and the offset of its first line from the text's top.
    block: Option<i32>,
    block_top: i32,
    /// A pending debounced commit.
    timer: Option<i32>,
    on_commit: Callback<(usize, Rc<str>)>,
    /// The lines of the text, when it is shown in the read-only view.
    index: Option<Rc<LineIndex>>,
    /// Counts the pastes taken from the browser: a large one still being read is dropped when a newer one comes.
    paste_run: u64,
    /// The line index a large paste made as it was read, with the text it is of (taken by the first render of it).
    pasted_index: Option<(Rc<str>, Rc<LineIndex>)>,
}

/// The editor's elements.
#[derive(Clone, Default)]
struct Refs {
    textarea: NodeRef,
    /// The read-only view of a large text, and the block of lines it shows.
    view: NodeRef,
    view_lines: NodeRef,
    view_spacer: NodeRef,
    gutter: NodeRef,
    numbers: NodeRef,
    bands: NodeRef,
}

impl Refs {
    /// What scrolls: the textarea, or the read-only view.
    fn scroller(&self) -> Option<HtmlElement> {
        self.textarea
            .cast::<HtmlElement>()
            .or_else(|| self.view.cast::<HtmlElement>())
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

    // Put the session's text into the textarea when it is not what the textarea holds (another input, an example),
    // or index it for the read-only view.
    {
        let refs = refs.clone();
        let state = state.clone();
        let index = index.clone();
        use_effect_with(
            (props.input, TextKey(props.text.clone()), large),
            move |(input, TextKey(text), _)| {
                let switched = state.borrow().input != *input;
                if switched {
                    flush(&refs, &state);
                }
                let known = state.borrow().text.clone();
                let same = known.is_some_and(|k| same_text(&k, text));
                if let Some(area) = refs.textarea.cast::<HtmlTextAreaElement>() {
                    // A textarea that was just created (after the view) is empty.
                    if !same || area.value().len() != text.len() {
                        area.set_value(text);
                    }
                    if switched {
                        area.set_scroll_top(0);
                    }
                }
                if let Some(view) = refs.view.cast::<HtmlElement>() {
                    if switched {
                        view.set_scroll_top(0);
                    }
                    // A paste replaced the textarea by the view: keep the keyboard where it was.
                    let body_focused = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element())
                        .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
                    if body_focused {
                        let _ = view.focus();
                    }
                }
                {
                    let mut s = state.borrow_mut();
                    s.text = Some(text.clone());
                    s.input = *input;
                    s.index = (*index).clone();
                    s.lines = s.index.as_ref().map_or_else(
                        || line_count(text),
                        |index| u32::try_from(index.lines()).unwrap_or(u32::MAX),
                    );
                }
                if let (Some(spacer), Some(index)) = (
                    refs.view_spacer.cast::<HtmlElement>(),
                    state.borrow().index.as_ref(),
                ) {
                    let lines = index.lines().min(MAX_VIEW_LINES) as i64;
                    let height = lines * i64::from(LINE_HEIGHT) + 2 * i64::from(PAD_TOP);
                    set_style(&spacer, "height", &format!("{height}px"));
                }
                redraw_gutter(&refs, &state, true);
            },
        );
    }
    // The textarea and the view can be made taller (their resize handle, the window): the gutter then draws the
    // lines that came into sight at once, not at the next scroll.
    {
        let refs = refs.clone();
        let state = state.clone();
        use_effect_with(large, move |_| {
            let redraw = {
                let refs = refs.clone();
                Closure::<dyn FnMut()>::new(move || redraw_gutter(&refs, &state, true))
            };
            let observer = web_sys::ResizeObserver::new(redraw.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(scroller)) = (&observer, refs.scroller()) {
                observer.observe(&scroller);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(redraw);
            }
        });
    }
    {
        let refs = refs.clone();
        use_effect_with(
            (props.bands.clone(), props.shown, large),
            move |(bands, shown, _)| {
                draw_bands(&refs, bands, *shown);
            },
        );
    }
    {
        let refs = refs.clone();
        let text = props.text.clone();
        let state = state.clone();
        use_effect_with(
            (props.shown, props.shown_request, props.input),
            move |(shown, _, _)| {
                if let Some(span) = shown {
                    select(&refs, &state, &text, span);
                }
            },
        );
    }

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

/// `n` with thin groups of three digits (71,402).
fn group_digits(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Takes a paste over [`LARGE_TEXT_BYTES`] from the clipboard event before the browser inserts it, and commits the
/// text it makes (in the textarea, the paste replaces the selection; in the read-only view, the whole text). A
/// large text is read a slice per task ([`pasted_text::read_in_slices`]): the event's own task is then only the
/// browser's `getData`.
fn paste(refs: &Refs, state: &Rc<RefCell<State>>, reading: &UseStateSetter<bool>, event: &Event) {
    let Some(data) = event
        .dyn_ref::<web_sys::ClipboardEvent>()
        .and_then(|e| e.clipboard_data())
    else {
        return;
    };
    // Kept as a JavaScript string until it is known to be large: the paste of a few lines stays the browser's.
    let Ok(pasted) = data.unchecked_ref::<ClipboardData>().get_data("text/plain") else {
        return;
    };
    let area = refs.textarea.cast::<HtmlTextAreaElement>();
    // UTF-16 units: at least a third of the UTF-8 bytes, at most all of them.
    if area.is_some() && (pasted.length() as usize) * 3 <= LARGE_TEXT_BYTES {
        return;
    }
    let text: js_sys::JsString = match &area {
        Some(area) => {
            let value = js_sys::JsString::from(area.value());
            let len = value.length();
            let start = area
                .selection_start()
                .ok()
                .flatten()
                .unwrap_or(len)
                .min(len);
            let end = area
                .selection_end()
                .ok()
                .flatten()
                .unwrap_or(start)
                .clamp(start, len);
            value
                .slice(0, start)
                .concat(&pasted)
                .concat(&value.slice(end, len))
        }
        None => pasted,
    };
    let large = area.is_none() || text.length() as usize > LARGE_TEXT_BYTES;
    if !large {
        // Between a third of the limit and the limit in units: encoding it (at most 384 KB) tells.
        let Some(text) = pasted_text::utf8(&text) else {
            return;
        };
        if text.len() <= LARGE_TEXT_BYTES {
            return; // the browser inserts it
        }
        take_paste(event, state);
        let input = state.borrow().input;
        commit_paste(state, input, text);
        return;
    }
    take_paste(event, state);
    let (run, input) = {
        let s = state.borrow();
        (s.paste_run, s.input)
    };
    let wanted = {
        let state = state.clone();
        move || state.borrow().paste_run == run
    };
    let state = state.clone();
    reading.set(true);
    // A paste that takes this one's place sets `reading` again; a browser without an encoder reads nothing.
    let done_reading = reading.clone();
    let read = pasted_text::read_in_slices(text, wanted, move |text, index| {
        done_reading.set(false);
        state.borrow_mut().pasted_index = Some((text.clone(), Rc::new(index)));
        commit_paste(&state, input, text)
    });
    if !read {
        reading.set(false);
    }
}

/// Keeps the browser from inserting the paste, and drops a pending commit of typing before it and a large paste still
/// being read.
fn take_paste(event: &Event, state: &Rc<RefCell<State>>) {
    event.prevent_default();
    state.borrow_mut().paste_run += 1;
    if let Some(timer) = state.borrow_mut().timer.take() {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(timer);
        }
    }
}

/// Hands a pasted text to the session (as input `input`: the one pasted into, even if the editor shows another now).
fn commit_paste(state: &Rc<RefCell<State>>, input: usize, text: impl Into<Rc<str>>) {
    let text: Rc<str> = text.into();
    let on_commit = {
        let mut s = state.borrow_mut();
        if s.input == input {
            s.text = Some(text.clone());
        }
        s.on_commit.clone()
    };
    on_commit.emit((input, text));
}

#[wasm_bindgen]
extern "C" {
    /// A clipboard event's `DataTransfer`, whose `getData` is taken here as a JavaScript string (web-sys's copies it
    /// into a Rust `String` at once, slowly: see [`pasted_text`]).
    type ClipboardData;
    #[wasm_bindgen(method, js_name = getData, catch)]
    fn get_data(this: &ClipboardData, format: &str) -> Result<js_sys::JsString, JsValue>;
}

/// Commits now, or after the debounce delay.
fn schedule(refs: &Refs, state: &Rc<RefCell<State>>, at_once: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(timer) = state.borrow_mut().timer.take() {
        window.clear_timeout_with_handle(timer);
    }
    if at_once {
        commit(refs, state);
        return;
    }
    let callback = {
        let refs = refs.clone();
        let state = state.clone();
        Closure::once_into_js(move || {
            state.borrow_mut().timer = None;
            commit(&refs, &state);
        })
    };
    if let Ok(timer) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.unchecked_ref(),
        DEBOUNCE_MS,
    ) {
        state.borrow_mut().timer = Some(timer);
    }
}

/// Commits a pending edit now (before the editor switches to another input).
fn flush(refs: &Refs, state: &Rc<RefCell<State>>) {
    let timer = state.borrow_mut().timer.take();
    if let Some(timer) = timer {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(timer);
        }
        commit(refs, state);
    }
}

/// Hands the textarea's text to the session.
fn commit(refs: &Refs, state: &Rc<RefCell<State>>) {
    let Some(area) = refs.textarea.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let text: Rc<str> = Rc::from(area.value());
    let (input, on_commit) = {
        let mut s = state.borrow_mut();
        s.lines = line_count(&text);
        s.text = Some(text.clone());
        (s.input, s.on_commit.clone())
    };
    redraw_gutter(refs, state, true);
    on_commit.emit((input, text));
}

fn set_style(element: &HtmlElement, property: &str, value: &str) {
    // Setting a property through the CSSOM does not fail for these names; nothing to do if it did.
    let _ = element.style().set_property(property, value);
}

/// Follows the scrolling of the textarea or the view: moves the gutter and the bands, and redraws the gutter's
/// numbers (and the view's lines) when the visible lines enter another block (or always, with `force`).
fn redraw_gutter(refs: &Refs, state: &Rc<RefCell<State>>, force: bool) {
    let (Some(scroller), Some(numbers), Some(gutter)) = (
        refs.scroller(),
        refs.numbers.cast::<HtmlElement>(),
        refs.gutter.cast::<HtmlElement>(),
    ) else {
        return;
    };
    let top = scroller.scroll_top();
    if let Some(bands) = refs.bands.cast::<HtmlElement>() {
        set_style(
            &bands,
            "transform",
            &format!("translateY({}px)", PAD_TOP - top),
        );
    }
    let block = top / LINE_HEIGHT / GUTTER_BLOCK;
    let mut s = state.borrow_mut();
    if force || s.block != Some(block) {
        s.block = Some(block);
        let lines = i32::try_from(s.lines).unwrap_or(i32::MAX);
        let first = block * GUTTER_BLOCK;
        let visible = scroller.client_height() / LINE_HEIGHT + 1;
        let last = lines.min(first + 2 * GUTTER_BLOCK + visible);
        let mut text = String::with_capacity(((last - first).max(0) as usize) * 7);
        for n in first + 1..=last {
            if n > first + 1 {
                text.push('\n');
            }
            text.push_str(&n.to_string());
        }
        numbers.set_text_content(Some(&text));
        set_style(
            &gutter,
            "width",
            &format!("{}ch", lines.to_string().len() + 2),
        );
        s.block_top = first * LINE_HEIGHT;
        // The view's lines: the same block as the numbers, placed where they lie in the scrolled content.
        if let (Some(index), Some(text), Some(pre)) = (
            s.index.as_ref(),
            s.text.as_ref(),
            refs.view_lines.cast::<HtmlElement>(),
        ) {
            let (first, last) = (first.max(0) as usize, last.max(0) as usize);
            pre.set_text_content(Some(&index.block(text, first, last)));
            set_style(&pre, "top", &format!("{}px", PAD_TOP + s.block_top));
        }
    }
    set_style(
        &numbers,
        "transform",
        &format!("translateY({}px)", PAD_TOP + s.block_top - top),
    );
}

/// Draws one band per marked range, and the span asked for on top.
fn draw_bands(refs: &Refs, bands: &[Band], shown: Option<Span>) {
    let Some(layer) = refs.bands.cast::<HtmlElement>() else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    layer.set_text_content(None);
    let shown = shown.map(|s| (s.line, s.end_line.max(s.line), "band shown"));
    let marked = bands.iter().take(MAX_BANDS).map(|b| {
        let class = match b.severity {
            Severity::Error => "band error",
            Severity::Warning => "band warning",
            Severity::Info => "band info",
        };
        (b.line, b.end_line, class)
    });
    for (line, end_line, class) in marked.chain(shown) {
        let Ok(band) = document.create_element("div") else {
            continue;
        };
        band.set_class_name(class);
        if let Ok(band) = band.dyn_into::<HtmlElement>() {
            let top = i64::from(line.saturating_sub(1)) * i64::from(LINE_HEIGHT);
            let height = i64::from(end_line - line + 1) * i64::from(LINE_HEIGHT);
            set_style(&band, "top", &format!("{top}px"));
            set_style(&band, "height", &format!("{height}px"));
            let _ = layer.append_child(&band);
        }
    }
}

/// Scrolls to `span`, selects exactly its characters and focuses the textarea (in the read-only view: scrolls to
/// it and focuses the view; the strong band marks its lines).
fn select(refs: &Refs, state: &Rc<RefCell<State>>, text: &str, span: &Span) {
    let Some(scroller) = refs.scroller() else {
        return;
    };
    let _ = scroller.focus();
    if let Some(area) = refs.textarea.cast::<HtmlTextAreaElement>() {
        let (start, end) = utf16_range(text, span);
        let _ = area.set_selection_range(start, end);
    }
    let line = i32::try_from(span.line.saturating_sub(1)).unwrap_or(i32::MAX);
    let top = line.saturating_mul(LINE_HEIGHT) - scroller.client_height() / 3;
    scroller.set_scroll_top(top.max(0));
    redraw_gutter(refs, state, false);
}
