//! The theme toggle: switches between light and dark (starting from the system's), remembered across visits.

use yew::prelude::*;

use crate::state::theme::{self, Theme};

#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let current = use_state(|| theme::stored().unwrap_or_else(theme::system));
    // A remembered pick applies from the first render on; without one the stylesheet follows the system.
    use_effect_with((), |_| {
        if let Some(t) = theme::stored() {
            theme::apply(t);
        }
    });
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
