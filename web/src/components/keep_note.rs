//! Where the input is kept, the "forget" button, and what became of a share link.

use yew::prelude::*;

use crate::state::keep::{Keep, LinkState, Stored};

#[derive(Properties, PartialEq)]
pub struct KeepNoteProps {
    pub keep: Keep,
    /// Whether the session holds inputs that are not text (neither kept nor shared).
    pub has_bytes: bool,
}

#[function_component(KeepNote)]
pub fn keep_note(props: &KeepNoteProps) -> Html {
    let keep = &props.keep;
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
    let onclick = {
        let forget = keep.forget.clone();
        Callback::from(move |_: MouseEvent| forget.emit(()))
    };
    html! {
        <div class="keep">
            { link }
            <p class={classes!("note", warn.then_some("warn"))} data-testid="keep-note">
                { stored }
                { " " }
                <button type="button" data-testid="forget" {onclick}>{ "Forget input" }</button>
            </p>
            if props.has_bytes {
                <p class="note warn">{ "Files that are not text (zip bundles) are neither kept nor shared." }</p>
            }
        </div>
    }
}
