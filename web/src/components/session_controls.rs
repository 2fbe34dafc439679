//! Under the editor: sharing, keeping and forgetting the session.

use yew::prelude::*;

use super::keep_note::KeepNote;
use super::share_link::ShareLink;
use crate::state::keep::Keep;
use crate::state::session::{Session, SessionContent};

#[derive(Properties, PartialEq)]
pub struct SessionControlsProps {
    pub session: Session,
    pub keep: Keep,
}

#[function_component(SessionControls)]
pub fn session_controls(props: &SessionControlsProps) -> Html {
    let has_bytes = props
        .session
        .inputs
        .iter()
        .any(|i| matches!(i.content, SessionContent::Bytes(_)));
    html! {
        <div class="session-controls">
            <ShareLink session={props.session.clone()} />
            <KeepNote keep={props.keep.clone()} {has_bytes} />
        </div>
    }
}
