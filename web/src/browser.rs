//! Browser chores of the views: saving a text as a download, copying a text to the clipboard, and running work in a
//! task of its own.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long an object URL outlives its download (FileSaver.js waits as long; browsers may read it late).
const REVOKE_AFTER_MS: i32 = 40_000;

/// Offers `text` as a file called `name`: a Blob, an object URL and a clicked `<a download>`, the URL revoked
/// later. Nothing leaves the page: `blob:` URLs are local to it.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let body = document.body().ok_or(JsValue::NULL)?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    )?;
    Ok(())
}

/// Copies `text` to the clipboard; false where the browser refuses (no permission, no secure context).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}

/// Runs `task` in a task of its own (a timer of 0 ms), so that long work split into parts lets the page answer in
/// between; at once when there is no window.
pub fn later(task: impl FnOnce() + 'static) {
    later_boxed(Box::new(task));
}

/// [`later`] for one closure type: the JavaScript glue of a closure is compiled per type (page size).
fn later_boxed(task: Box<dyn FnOnce()>) {
    match web_sys::window() {
        Some(window) => {
            let task = Closure::once_into_js(task);
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        }
        None => task(),
    }
}
