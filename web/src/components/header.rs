//! The page header: what the tool is, and the privacy promise.

use yew::prelude::*;

#[function_component(Header)]
pub fn header() -> Html {
    html! {
        <header class="page-header">
            <h1>{ "Talos extension analyzer" }</h1>
            <p class="privacy" data-testid="privacy">
                { "Runs entirely in your browser; nothing you paste leaves this page." }
            </p>
        </header>
    }
}
