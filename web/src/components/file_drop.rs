//! Dropping files anywhere on the page: a hook that listens on the window while the component lives, shows a drop
//! target while files are dragged over the page, and hands the dropped files on. Text drags (moving a selection
//! inside the editor) are left to the browser.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File};
use yew::prelude::*;

use crate::state::files::files_of;

/// Whether the drag carries files.
fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .is_some_and(|dt| dt.types().includes(&JsValue::from_str("Files"), 0))
}

/// Listens for file drops on the window; returns whether files are being dragged over the page.
#[hook]
pub fn use_file_drop(on_drop: Callback<Vec<File>>) -> bool {
    let dragging = use_state(|| false);
    let on_drop_ref = use_mut_ref(|| on_drop.clone());
    *on_drop_ref.borrow_mut() = on_drop;
    {
        let dragging = dragging.setter();
        use_effect_with((), move |()| {
            // dragenter/dragleave fire for every element crossed: count them to know when the drag left the page.
            let depth = Rc::new(Cell::new(0_i32));
            let handler = move |e: DragEvent| {
                if !carries_files(&e) {
                    return;
                }
                e.prevent_default();
                match e.type_().as_str() {
                    "dragenter" => depth.set(depth.get() + 1),
                    "dragleave" => depth.set((depth.get() - 1).max(0)),
                    "drop" => {
                        depth.set(0);
                        if let Some(list) = e.data_transfer().and_then(|dt| dt.files()) {
                            on_drop_ref.borrow().emit(files_of(&list));
                        }
                    }
                    _ => {
                        if let Some(dt) = e.data_transfer() {
                            dt.set_drop_effect("copy");
                        }
                        // dragover: a drag that entered before the page loaded still counts.
                        depth.set(depth.get().max(1));
                    }
                }
                dragging.set(depth.get() > 0);
            };
            let closure = Closure::<dyn FnMut(DragEvent)>::new(handler);
            let window = web_sys::window();
            const EVENTS: [&str; 4] = ["dragenter", "dragover", "dragleave", "drop"];
            if let Some(window) = &window {
                for name in EVENTS {
                    let _ = window
                        .add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(window) = &window {
                    for name in EVENTS {
                        let _ = window.remove_event_listener_with_callback(
                            name,
                            closure.as_ref().unchecked_ref(),
                        );
                    }
                }
                drop(closure);
            }
        });
    }
    *dragging
}
