//! The editor's effects: the session's text put into the textarea (or indexed for the read-only view), and the
//! gutter, bands and selection kept in step with the text, its size and the span asked for.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::draw::{draw_bands, flush, redraw_gutter, select, set_style};
use super::state::{Refs, State, LINE_HEIGHT, MAX_VIEW_LINES, PAD_TOP};
use super::EditorProps;
use crate::model::line_index::LineIndex;
use crate::model::session::{same_text, TextKey};
use crate::model::text_position::line_count;

/// Puts the session's text into the textarea when it is not what the textarea holds (another input, an example),
/// or indexes it for the read-only view.
#[hook]
pub(super) fn use_text_sync(
    props: &EditorProps,
    refs: &Rc<Refs>,
    state: &Rc<RefCell<State>>,
    index: &Rc<Option<Rc<LineIndex>>>,
    large: bool,
) {
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
}

/// Keeps the gutter, the bands and the selection in step with the view's size, the findings and the span asked for.
#[hook]
pub(super) fn use_marks(
    props: &EditorProps,
    refs: &Rc<Refs>,
    state: &Rc<RefCell<State>>,
    large: bool,
) {
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
}
