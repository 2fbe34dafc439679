//! A button that copies a text to the clipboard and says so.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// The visible label ("Copy" unless said).
    #[prop_or(AttrValue::Static("Copy"))]
    pub label: AttrValue,
    /// What is copied, for assistive technology (" command" makes "Copy command"); not shown.
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

/// Hands `text` to the asynchronous Clipboard API; false where the page cannot reach it (no secure context).
fn copy_to_clipboard(text: &str) -> bool {
    match web_sys::window() {
        Some(window) => {
            // The returned promise is left to settle on its own: the button has already said "Copied".
            let _ = window.navigator().clipboard().write_text(text);
            true
        }
        None => false,
    }
}

#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let text = props.text.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| copied.set(copy_to_clipboard(&text)))
    };
    html! {
        <button type="button" class="copy" data-testid="copy" {onclick}>
            if *copied {
                { "Copied" }
            } else {
                { props.label.clone() }
                if let Some(what) = &props.what { <span class="sr-only">{ what.clone() }</span> }
            }
        </button>
    }
}
