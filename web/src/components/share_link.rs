//! The share button: makes a link that holds the session, copies it and shows it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::state::keep;
use crate::state::session::Session;

/// Links longer than this get a warning: chat tools and some browsers cut long links.
const LONG_LINK: usize = 8_000;

#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    pub session: Session,
}

/// A link made for the current session.
#[derive(Clone, PartialEq)]
struct Made {
    url: String,
    left_out: Vec<String>,
    copied: bool,
}

#[function_component(ShareLink)]
pub fn share_link(props: &ShareLinkProps) -> Html {
    // None: no link yet; Some(None): the browser could not make one.
    let made = use_state_eq(|| None::<Option<Made>>);
    {
        // A link shows one session: an edit makes it stale.
        let made = made.clone();
        use_effect_with(props.session.clone(), move |_| made.set(None));
    }
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
                        Some(Made {
                            url,
                            left_out,
                            copied,
                        })
                    }
                    Err(_) => None,
                };
                made.set(Some(link));
            });
        })
    };
    let select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            input.select();
        }
    });
    let shown = match &*made {
        None => html! {},
        Some(None) => html! {
            <p class="note warn" role="alert">{ "This browser could not make a share link." }</p>
        },
        Some(Some(link)) => html! {
            <>
                <label for="share-link">
                    { if link.copied { "Link copied:" } else { "Copy this link:" } }
                </label>
                <input id="share-link" data-testid="share-link" type="text" readonly=true
                    value={link.url.clone()} onfocus={select} />
                <p class="note">
                    { "Everything is in the link itself: whoever has it can read your input. No server sees it." }
                </p>
                if !link.left_out.is_empty() {
                    <p class="note warn">{ "Not in the link (not text): " }{ link.left_out.join(", ") }</p>
                }
                if link.url.len() > LONG_LINK {
                    <p class="note warn">{ "This link is long; some chat tools and browsers cut long links." }</p>
                }
            </>
        },
    };
    html! {
        <div class="share" role="status">
            <button type="button" data-testid="share" {onclick}>{ "Share link" }</button>
            { shown }
        </div>
    }
}
