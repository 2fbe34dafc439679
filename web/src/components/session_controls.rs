//! Under the editor: the share button (a link that holds the session, copied and shown), where the input is kept,
//! the "forget" button, and what became of a share link that was opened. One component, plain functions for the
//! parts: every Yew component costs page weight.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::model::session::{Session, SessionContent};
use crate::state::keep::{self, Keep, LinkState, Stored};

/// Links longer than this get a warning: chat tools and some browsers cut long links.
const LONG_LINK: usize = 8_000;

#[derive(Properties, PartialEq)]
pub struct SessionControlsProps {
    pub session: Session,
    pub keep: Keep,
}

/// A link made for one session (shown only while that session is the current one).
#[derive(PartialEq)]
struct Made {
    session: Session,
    /// The link, its inputs left out and whether it was copied; `None` when the browser could not make one.
    link: Option<(String, Vec<String>, bool)>,
}

#[function_component(SessionControls)]
pub fn session_controls(props: &SessionControlsProps) -> Html {
    let made = use_state(|| None::<Made>);
    let onclick = {
        let session = props.session.clone();
        let made = made.clone();
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let made = made.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let link = match keep::link(&session).await {
                    Ok((url, left_out)) => {
                        let copied = browser::copy(&url).await;
                        Some((url, left_out, copied))
                    }
                    Err(_) => None,
                };
                made.set(Some(Made { session, link }));
            });
        })
    };
    let shown = match &*made {
        Some(m) if m.session == props.session => shown_link(m.link.as_ref()),
        _ => html! {},
    };
    let has_bytes = props
        .session
        .inputs
        .iter()
        .any(|i| matches!(i.content, SessionContent::Bytes(_)));
    html! {
        <div class="session-controls">
            <div class="share" role="status">
                <button type="button" data-testid="share" {onclick}>{ "Share link" }</button>
                { shown }
            </div>
            { kept(&props.keep) }
            if has_bytes {
                <p class="note warn">{ "Files that are not text (zip bundles) are neither kept nor shared." }</p>
            }
        </div>
    }
}

fn shown_link(link: Option<&(String, Vec<String>, bool)>) -> Html {
    let Some((url, left_out, copied)) = link else {
        return html! { <p class="note warn" role="alert">{ "This browser could not make a share link." }</p> };
    };
    let select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            input.select();
        }
    });
    html! {
        <>
            <label for="share-link">{ if *copied { "Link copied:" } else { "Copy this link:" } }</label>
            <input id="share-link" data-testid="share-link" type="text" readonly=true value={url.clone()}
                onfocus={select} />
            <p class="note">
                { "Everything is in the link itself: whoever has it can read your input. No server sees it." }
            </p>
            if !left_out.is_empty() {
                <p class="note warn">{ "Not in the link (not text): " }{ left_out.join(", ") }</p>
            }
            if url.len() > LONG_LINK {
                <p class="note warn">{ "This link is long; some chat tools and browsers cut long links." }</p>
            }
        </>
    }
}

/// Where the input is kept, the forget button, and the fate of an opened share link.
fn kept(keep: &Keep) -> Html {
    let stored = match keep.stored {
        Stored::Nothing | Stored::Kept => {
            "Your input is kept in this browser only (local storage), so it is still here after a reload."
        }
        Stored::TooBig => "This input is too big to keep in this browser: it will be gone after a reload.",
        Stored::Refused => "This browser does not let the page keep your input: it will be gone after a reload.",
    };
    let warn = matches!(keep.stored, Stored::TooBig | Stored::Refused);
    let link = match keep.link {
        LinkState::None => html! {},
        LinkState::Opening => {
            html! { <p class="note" role="status">{ "Opening the share link…" }</p> }
        }
        LinkState::Opened => html! {
            <p class="note" role="status" data-testid="share-opened">{ "Opened from a share link." }</p>
        },
        LinkState::Failed(error) => html! {
            <p class="note error" role="alert" data-testid="share-error">{ error.message() }</p>
        },
    };
    let forget = keep.forget.clone();
    let onclick = Callback::from(move |_: MouseEvent| forget.emit(()));
    html! {
        <>
            { link }
            <p class={classes!("note", warn.then_some("warn"))} data-testid="keep-note">
                { stored }
                { " " }
                <button type="button" data-testid="forget" {onclick}>{ "Forget input" }</button>
            </p>
        </>
    }
}
