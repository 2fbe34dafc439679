//! A pasted JavaScript string made into a Rust `String`: at once for a small one, a slice per task for a large one.
//!
//! The browser's `TextEncoder` encodes natively (wasm-bindgen's own string passing walks an ASCII text one
//! character at a time in JavaScript), but one `encode` of a 21 MB paste is a single call of about 0.2 s, during
//! which the page answers nothing. So a large paste is encoded [`SLICE_UNITS`] UTF-16 units at a time, each slice in
//! its own task (a timer), and handed over when the last one is done. A slice never ends between the two halves of a
//! surrogate pair, so the slices' UTF-8 is the whole text's. Each slice is line-indexed as it comes, for the
//! editor's read-only view ([`LineIndex`]), and the text is handed over in a task of its own.

use std::rc::Rc;

use js_sys::JsString;

use crate::browser::later;
use crate::model::line_index::LineIndex;
use wasm_bindgen::prelude::*;

/// UTF-16 units per task: about 20 ms of encoding and copying each.
pub const SLICE_UNITS: u32 = 1 << 21;

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`.
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsString) -> js_sys::Uint8Array;
}

/// `text` as UTF-8 now (lone surrogates become U+FFFD, as the browser's encoder makes them).
pub fn utf8(text: &JsString) -> Option<String> {
    let mut out = Vec::new();
    append_utf8(&TextEncoder::new().ok()?, text, &mut out);
    Some(into_string(out))
}

/// Reads `text` a slice per task and calls `done` with it and its line index, in a task of its own, unless `wanted`
/// says no before a task (a newer paste took its place). False, and nothing is called, when the browser has no
/// encoder (or, later, no timers).
pub fn read_in_slices(
    text: JsString,
    wanted: impl Fn() -> bool + 'static,
    done: impl FnOnce(Rc<str>, LineIndex) + 'static,
) -> bool {
    let Ok(encoder) = TextEncoder::new() else {
        return false;
    };
    let reader = Reader {
        out: Vec::with_capacity(text.length() as usize),
        index: LineIndex::empty(text.length() as usize),
        text,
        at: 0,
        encoder,
        wanted: Box::new(wanted),
        done: Box::new(done),
    };
    later(move || step(reader));
    true
}

struct Reader {
    text: JsString,
    /// The UTF-16 offset of the next slice.
    at: u32,
    out: Vec<u8>,
    index: LineIndex,
    encoder: TextEncoder,
    wanted: Box<dyn Fn() -> bool>,
    done: Box<dyn FnOnce(Rc<str>, LineIndex)>,
}

fn step(mut r: Reader) {
    if !(r.wanted)() {
        return;
    }
    let len = r.text.length();
    let end = slice_end(&r.text, r.at, len);
    let start = r.out.len();
    append_utf8(&r.encoder, &r.text.slice(r.at, end), &mut r.out);
    r.index.extend(&r.out[start..]);
    r.at = end;
    if end < len {
        later(move || step(r));
    } else {
        // The text is checked and made shared in one task, handed over in the next (where the page draws it).
        later(move || {
            if !(r.wanted)() {
                return;
            }
            let text: Rc<str> = Rc::from(into_string(r.out));
            let (index, wanted, done) = (r.index, r.wanted, r.done);
            later(move || {
                if wanted() {
                    done(text, index);
                }
            });
        });
    }
}

/// Where the slice from `at` ends: [`SLICE_UNITS`] on, or one unit earlier when that would part a surrogate pair.
fn slice_end(text: &JsString, at: u32, len: u32) -> u32 {
    let end = at.saturating_add(SLICE_UNITS).min(len);
    let high_surrogate = |unit: f64| (0xD800 as f64..0xDC00 as f64).contains(&unit);
    if end < len && end > at + 1 && high_surrogate(text.char_code_at(end - 1)) {
        end - 1
    } else {
        end
    }
}

fn append_utf8(encoder: &TextEncoder, text: &JsString, out: &mut Vec<u8>) {
    let bytes = encoder.encode(text);
    let start = out.len();
    out.resize(start + bytes.length() as usize, 0);
    bytes.copy_to(&mut out[start..]);
}

fn into_string(bytes: Vec<u8>) -> String {
    // The encoder makes valid UTF-8, and slices end between whole characters: the fallback never runs.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_slice_never_parts_a_surrogate_pair() {
        // "a" then U+1F600 (two units) at the slice's last unit. (Built from a Rust string: `fromCharCode` of two
        // million arguments overflows the stack.)
        let units = SLICE_UNITS as usize;
        let text = JsString::from(format!("{}😀b", "a".repeat(units - 1)).as_str());
        let len = text.length();
        assert_eq!(slice_end(&text, 0, len), SLICE_UNITS - 1);
        assert_eq!(slice_end(&text, SLICE_UNITS - 1, len), len);
        // Without the pair at the edge, the slice is whole.
        let plain = JsString::from("a".repeat(units + 5).as_str());
        assert_eq!(slice_end(&plain, 0, plain.length()), SLICE_UNITS);
    }

    #[wasm_bindgen_test]
    async fn read_in_slices_gives_the_text_of_a_single_encode() {
        let units = SLICE_UNITS as usize;
        let text = format!("{}😀 é\n{}", "x".repeat(units - 1), "y".repeat(units));
        // A lone surrogate at the very end (no Rust string holds one).
        let text = JsString::from(text.as_str()).concat(&JsString::from_char_code1(0xD800));
        let whole = utf8(&text).unwrap();
        let (send, receive) = one_shot();
        read_in_slices(
            text,
            || true,
            move |read, index| {
                assert_eq!(index, LineIndex::new(&read));
                send(read.to_string())
            },
        );
        let read = receive.await;
        assert_eq!(read.len(), whole.len());
        assert!(read == whole);
        assert!(read.ends_with('\u{FFFD}'));
        assert!(read.contains("x😀 é\ny"));
    }

    /// A one-shot channel on a JavaScript promise (the web crate has no futures channel).
    fn one_shot() -> (
        impl FnOnce(String),
        impl std::future::Future<Output = String>,
    ) {
        let slot = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
        let mut resolve_fn = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| resolve_fn = Some(resolve));
        let resolve = resolve_fn.unwrap();
        let send = {
            let slot = slot.clone();
            move |text: String| {
                *slot.borrow_mut() = Some(text);
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        };
        let receive = async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            slot.borrow_mut().take().unwrap()
        };
        (send, receive)
    }
}
