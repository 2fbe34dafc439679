//! What the editor does to the DOM outside Yew's rendering: committing typed text (debounced), the gutter's numbers
//! and the read-only view's lines as the text scrolls, the bands, and selecting a span.

use std::cell::RefCell;
use std::rc::Rc;

use talos_ext_analyzer::report::Severity;
use talos_ext_analyzer::Span;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use super::state::{Refs, State, DEBOUNCE_MS, GUTTER_BLOCK, LINE_HEIGHT, MAX_BANDS, PAD_TOP};
use crate::model::bands::Band;
use crate::model::text_position::{line_count, utf16_range};

/// `n` with thin groups of three digits (71,402).
pub(super) fn group_digits(n: u32) -> String {
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

/// Commits now, or after the debounce delay.
pub(super) fn schedule(refs: &Refs, state: &Rc<RefCell<State>>, at_once: bool) {
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
pub(super) fn flush(refs: &Refs, state: &Rc<RefCell<State>>) {
    let timer = state.borrow_mut().timer.take();
    if let Some(timer) = timer {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(timer);
        }
        commit(refs, state);
    }
}

/// Hands the textarea's text to the session.
pub(super) fn commit(refs: &Refs, state: &Rc<RefCell<State>>) {
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

pub(super) fn set_style(element: &HtmlElement, property: &str, value: &str) {
    // Setting a property through the CSSOM does not fail for these names; nothing to do if it did.
    let _ = element.style().set_property(property, value);
}

/// Follows the scrolling of the textarea or the view: moves the gutter and the bands, and redraws the gutter's
/// numbers (and the view's lines) when the visible lines enter another block (or always, with `force`).
pub(super) fn redraw_gutter(refs: &Refs, state: &Rc<RefCell<State>>, force: bool) {
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
pub(super) fn draw_bands(refs: &Refs, bands: &[Band], shown: Option<Span>) {
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
pub(super) fn select(refs: &Refs, state: &Rc<RefCell<State>>, text: &str, span: &Span) {
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
