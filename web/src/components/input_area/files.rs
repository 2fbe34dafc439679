//! Files dropped anywhere on the page or picked: read, then added to the session after the paste.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use super::super::file_drop::use_file_drop;
use super::Latest;
use crate::model::session::SessionContent;
use crate::model::session_action::SessionAction;
use crate::state::files::{files_of, read_files};

/// Whether files are being dragged over the page, and the file picker's change handler. The first added text file
/// is selected; what could not be read is listed in `refused`.
#[hook]
pub(super) fn use_files(
    latest: &Rc<RefCell<Latest>>,
    active: &UseStateHandle<usize>,
    refused: &UseStateHandle<Vec<String>>,
) -> (bool, Callback<Event>) {
    let add_files = {
        let latest = latest.clone();
        let active = active.clone();
        let refused = refused.clone();
        Callback::from(move |files: Vec<File>| {
            let latest = latest.clone();
            let active = active.clone();
            let refused = refused.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_files(files).await;
                refused.set(read.refused);
                if read.inputs.is_empty() {
                    return;
                }
                let added = read.inputs.len();
                let action = SessionAction::AddInputs(read.inputs);
                let (session, on_action) = {
                    let l = latest.borrow();
                    (l.session.apply(action.clone()), l.on_action.clone())
                };
                // Show the first added text file.
                let first_new = session.inputs.len() - added;
                if let Some((index, _)) = (session.inputs.iter().enumerate())
                    .skip(first_new)
                    .find(|(_, i)| matches!(i.content, SessionContent::Text(_)))
                {
                    active.set(index);
                }
                on_action.emit(action);
            });
        })
    };
    let dragging = use_file_drop(add_files.clone());
    let on_pick = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let Some(picker) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(list) = picker.files() {
                add_files.emit(files_of(&list));
            }
            // Picking the same file again is a change again.
            picker.set_value("");
        })
    };
    (dragging, on_pick)
}
