//! The theme toggle: switches between light and dark (starting from the system's), remembered across visits.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::theme::{self, Theme};

#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let current = use_state(|| theme::stored().unwrap_or_else(theme::system));
    // A remembered pick applies from the first render on; without one the stylesheet follows the system, and so
    // does the label when the system switches while the page is open (a dark mode that starts at sunset).
    {
        let current = current.clone();
        use_effect_with((), move |_| {
            if let Some(t) = theme::stored() {
                theme::apply(t);
            }
            let query = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            let on_change = Closure::<dyn FnMut()>::new(move || {
                if theme::stored().is_none() {
                    current.set(theme::system());
                }
            });
            if let Some(q) = &query {
                let _ = q
                    .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            }
            move || {
                if let Some(q) = &query {
                    let _ = q.remove_event_listener_with_callback(
                        "change",
                        on_change.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let onclick = {
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            // The system may have changed since the first render: start from what shows now.
            let next = theme::stored().unwrap_or_else(theme::system).toggled();
            theme::pick(next);
            current.set(next);
        })
    };
    let (icon, label) = match *current {
        Theme::Light => ("☾", "Dark theme"),
        Theme::Dark => ("☀", "Light theme"),
    };
    html! {
        <button type="button" class="theme-toggle" data-testid="theme" data-current={current.as_str()}
            title="Switch the colour theme" {onclick}>
            <span aria-hidden="true">{ icon }</span>{ " " }{ label }
        </button>
    }
}
