//! What the editor keeps between renders and events, its elements, and its measures.

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::model::line_index::LineIndex;

/// The textarea's line height and top padding in CSS pixels (`web/style.css`, `.editor textarea`).
pub(super) const LINE_HEIGHT: i32 = 20;
pub(super) const PAD_TOP: i32 = 8;
/// The gutter is redrawn when the first visible line enters another block of this many lines.
pub(super) const GUTTER_BLOCK: i32 = 200;
/// Typing reaches the session after this long without a keystroke.
pub(super) const DEBOUNCE_MS: i32 = 150;
/// At most this many bands are drawn (one per marked range; ranges are merged first).
pub(super) const MAX_BANDS: usize = 20_000;
/// Texts longer than this are shown in the read-only view (a textarea would take about 0.25 s to lay this out).
pub(super) const LARGE_TEXT_BYTES: usize = 128 * 1024;
/// The read-only view scrolls through at most this many lines (an element taller than about 33 million pixels is
/// cut by the browser).
pub(super) const MAX_VIEW_LINES: usize = 1_500_000;

/// What the editor keeps between renders and events.
#[derive(Default)]
pub(super) struct State {
    /// The text the textarea holds as far as the editor knows (what it last set or committed).
    pub(super) text: Option<Rc<str>>,
    pub(super) input: usize,
    pub(super) lines: u32,
    /// The gutter block drawn, and the offset of its first line from the text's top.
    pub(super) block: Option<i32>,
    pub(super) block_top: i32,
    /// A pending debounced commit.
    pub(super) timer: Option<i32>,
    pub(super) on_commit: Callback<(usize, Rc<str>)>,
    /// The lines of the text, when it is shown in the read-only view.
    pub(super) index: Option<Rc<LineIndex>>,
    /// Counts the pastes taken from the browser: a large one still being read is dropped when a newer one comes.
    pub(super) paste_run: u64,
    /// The line index a large paste made as it was read, with the text it is of (taken by the first render of it).
    pub(super) pasted_index: Option<(Rc<str>, Rc<LineIndex>)>,
}

/// The editor's elements.
#[derive(Clone, Default)]
pub(super) struct Refs {
    pub(super) textarea: NodeRef,
    /// The read-only view of a large text, and the block of lines it shows.
    pub(super) view: NodeRef,
    pub(super) view_lines: NodeRef,
    pub(super) view_spacer: NodeRef,
    pub(super) gutter: NodeRef,
    pub(super) numbers: NodeRef,
    pub(super) bands: NodeRef,
}

impl Refs {
    /// What scrolls: the textarea, or the read-only view.
    pub(super) fn scroller(&self) -> Option<HtmlElement> {
        self.textarea
            .cast::<HtmlElement>()
            .or_else(|| self.view.cast::<HtmlElement>())
    }
}
