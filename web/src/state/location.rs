//! The page's location as the app uses it: the route in the fragment (kept current by a `hashchange` listener, no
//! router dependency) and the embed flag in the query string.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::route::{self, Route};

/// The route of the page's current fragment (`Main` outside a browser).
fn current_route() -> Route {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    route::parse(hash.as_deref().unwrap_or(""))
}

/// Whether the page was opened as an embed (`?embed=1`).
pub fn is_embed() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok());
    route::is_embed(search.as_deref().unwrap_or(""))
}

/// The current route; re-renders the caller when the fragment changes.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(current_route);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(current_route()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }
    (*route).clone()
}
