//! Loading an example in place of the session, with a notice that offers to undo it.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::Latest;
use crate::model::session::Session;
use crate::model::session_action::SessionAction;
use crate::state::examples::Example;

/// The example loaded last and the session it replaced.
#[derive(Clone, PartialEq)]
pub(super) struct Replaced {
    label: &'static str,
    previous: Session,
}

/// The example loaded last, the examples menu's handler and the notice's "Undo".
#[hook]
pub(super) fn use_examples(
    latest: &Rc<RefCell<Latest>>,
    active: &UseStateHandle<usize>,
) -> (
    Option<Replaced>,
    Callback<&'static Example>,
    Callback<MouseEvent>,
) {
    let replaced = use_state(|| None::<Replaced>);
    let on_choose = {
        let latest = latest.clone();
        let replaced = replaced.clone();
        let active = active.clone();
        Callback::from(move |example: &'static Example| {
            let (previous, on_action) = {
                let l = latest.borrow();
                (l.session.clone(), l.on_action.clone())
            };
            let next = example.session(&previous);
            replaced.set(Some(Replaced {
                label: example.label,
                previous: previous.clone(),
            }));
            active.set(0);
            on_action.emit(SessionAction::Replace(next));
        })
    };
    let on_undo = {
        let latest = latest.clone();
        let replaced = replaced.clone();
        let active = active.clone();
        Callback::from(move |_| {
            if let Some(r) = (*replaced).clone() {
                active.set(0);
                let on_action = latest.borrow().on_action.clone();
                on_action.emit(SessionAction::Replace(r.previous));
            }
            replaced.set(None);
        })
    };
    ((*replaced).clone(), on_choose, on_undo)
}

/// "Loaded the example …", with "Undo" when it replaced something.
pub(super) fn notice(r: &Replaced, on_undo: Callback<MouseEvent>) -> Html {
    html! {
        <p class="notice" data-testid="example-loaded" role="status">
            { format!("Loaded the example “{}”.", r.label) }
            if !r.previous.is_empty() {
                { " Your previous input was replaced. " }
                <button type="button" class="link" data-testid="undo" onclick={on_undo}>{ "Undo" }</button>
            }
        </p>
    }
}
