//! What the page shows when the app panics: a plain error overlay built with DOM calls (after a panic the Yew app is
//! dead, and release builds abort right after this hook returns, so the hook does all its work before returning).
//! The overlay's buttons are handled by `web/boot.js`, which still runs after the wasm has stopped; it also shows
//! the same overlay when the wasm fails to load or traps without a panic.
//!
//! The diagnostic holds the panic message (quoted parts removed, as they may quote the input), where it happened,
//! the app version, the build and the browser's user agent; never the input. The input itself stays in the text
//! area, and local storage keeps the last session that rendered (see `state::keep`).

use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Opening the page with this fragment (or changing the fragment to it) panics on purpose: a self-test of this
/// overlay, harmless because only the person who types it sees it.
pub const SELFTEST_FRAGMENT: &str = "#panic-selftest";

/// Longest panic message kept in the diagnostic, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// Installs the panic hook (through Yew, which would otherwise replace it with its own when the app renders).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

/// Panics on purpose: see [`SELFTEST_FRAGMENT`].
pub fn selftest() -> ! {
    panic!("panic self-test ({SELFTEST_FRAGMENT})");
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    let window = web_sys::window();
    let user_agent = window
        .as_ref()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let document = window.and_then(|w| w.document());
    let build = document
        .as_ref()
        .and_then(|d| d.query_selector("script[data-wasm]").ok().flatten())
        .and_then(|s| s.get_attribute("data-wasm"))
        .unwrap_or_default();
    let text = diagnostic(message, &location, &build, &user_agent);
    web_sys::console::error_1(&text.as_str().into());
    if let Some(document) = document {
        let _ = show(&document, &text);
    }
}

/// The diagnostic text: what a bug report needs, and nothing the user gave.
pub fn diagnostic(message: &str, location: &str, build: &str, user_agent: &str) -> String {
    format!(
        "panic: {}\nat: {location}\napp: talos-ext-web {}\nbuild: {build}\nbrowser: {user_agent}",
        redact(message),
        env!("CARGO_PKG_VERSION"),
    )
}

/// The message with every `…` or "…" quoted part replaced by `…` (panic messages quote values, which may come
/// from the input), cut to [`MAX_MESSAGE_CHARS`].
pub fn redact(message: &str) -> String {
    let mut out = String::new();
    let mut open: Option<char> = None;
    for c in message.chars().take(MAX_MESSAGE_CHARS) {
        match open {
            Some(quote) if c == quote => {
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '`' || c == '"' {
                    out.push('…');
                    open = Some(c);
                }
            }
        }
    }
    out
}

fn element(document: &Document, tag: &str, text: &str) -> Option<Element> {
    let e = document.create_element(tag).ok()?;
    e.set_text_content(Some(text));
    Some(e)
}

fn button(document: &Document, testid: &str, text: &str) -> Option<Element> {
    let b = element(document, "button", text)?;
    b.set_attribute("type", "button").ok()?;
    b.set_attribute("data-testid", testid).ok()?;
    Some(b)
}

/// Puts the overlay on the page (once: a second panic leaves the first overlay alone). Keep its structure the same
/// as `showCrash` in `web/boot.js`.
fn show(document: &Document, diagnostic: &str) -> Option<()> {
    if document
        .query_selector("[data-testid=crash]")
        .ok()
        .flatten()
        .is_some()
    {
        return Some(());
    }
    let body = document.body()?;
    let overlay = document.create_element("div").ok()?;
    for (name, value) in [
        ("class", "crash"),
        ("data-testid", "crash"),
        ("role", "alertdialog"),
        ("aria-labelledby", "crash-title"),
        ("aria-describedby", "crash-text"),
    ] {
        overlay.set_attribute(name, value).ok()?;
    }
    let title = element(document, "h2", "Something went wrong")?;
    title.set_attribute("id", "crash-title").ok()?;
    let text = element(
        document,
        "p",
        "The analyzer stopped because of a bug. Your input is still in the box below, and this browser keeps the \
         last input that worked: reload to go on.",
    )?;
    text.set_attribute("id", "crash-text").ok()?;
    let pre = element(document, "pre", diagnostic)?;
    pre.set_attribute("data-testid", "diagnostic").ok()?;
    let note = element(
        document,
        "p",
        "The diagnostic holds the error, the app version and your browser's name, not your input. Please add it \
         to a bug report.",
    )?;
    let actions = document.create_element("div").ok()?;
    actions.set_attribute("class", "crash-actions").ok()?;
    let copy = button(document, "copy-diagnostic", "Copy diagnostic")?;
    let reload = button(document, "crash-reload", "Reload")?;
    let forget = button(document, "crash-forget", "Forget input and reload")?;
    for child in [&copy, &reload, &forget] {
        actions.append_child(child).ok()?;
    }
    for child in [&title, &text, &pre, &note, &actions] {
        overlay.append_child(child).ok()?;
    }
    body.prepend_with_node_1(&overlay).ok()?;
    if let Ok(copy) = copy.dyn_into::<HtmlElement>() {
        let _ = copy.focus();
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_are_removed() {
        assert_eq!(
            redact(r#"byte index 3 is not a char boundary; it is inside 'é' of `secret node`"#),
            "byte index 3 is not a char boundary; it is inside 'é' of `…`"
        );
        assert_eq!(
            redact(r#"called `Result::unwrap()` on an `Err` value: Parse("my-node.example")"#),
            "called `…` on an `…` value: Parse(\"…\")"
        );
    }

    #[test]
    fn an_unclosed_quote_hides_the_rest_and_long_messages_are_cut() {
        assert_eq!(redact("a `b c"), "a `…");
        assert_eq!(redact(&"x".repeat(1000)).chars().count(), MAX_MESSAGE_CHARS);
    }

    #[test]
    fn the_diagnostic_names_place_version_build_and_browser() {
        let text = diagnostic(
            "boom `input`",
            "web/src/app.rs:1:2",
            "app_bg.wasm",
            "Mozilla/5.0",
        );
        assert_eq!(
            text,
            format!(
                "panic: boom `…`\nat: web/src/app.rs:1:2\napp: talos-ext-web {}\nbuild: app_bg.wasm\n\
                 browser: Mozilla/5.0",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
