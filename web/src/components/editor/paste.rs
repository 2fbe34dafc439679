//! A large paste taken from the clipboard event before the browser inserts it (see the editor's doc).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::state::{Refs, State, LARGE_TEXT_BYTES};
use crate::state::pasted_text;

/// Takes a paste over [`LARGE_TEXT_BYTES`] from the clipboard event before the browser inserts it, and commits the
/// text it makes (in the textarea, the paste replaces the selection; in the read-only view, the whole text). A
/// large text is read a slice per task ([`pasted_text::read_in_slices`]): the event's own task is then only the
/// browser's `getData`.
pub(super) fn paste(
    refs: &Refs,
    state: &Rc<RefCell<State>>,
    reading: &UseStateSetter<bool>,
    event: &Event,
) {
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
pub(super) fn take_paste(event: &Event, state: &Rc<RefCell<State>>) {
    event.prevent_default();
    state.borrow_mut().paste_run += 1;
    if let Some(timer) = state.borrow_mut().timer.take() {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(timer);
        }
    }
}

/// Hands a pasted text to the session (as input `input`: the one pasted into, even if the editor shows another now).
pub(super) fn commit_paste(state: &Rc<RefCell<State>>, input: usize, text: impl Into<Rc<str>>) {
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
