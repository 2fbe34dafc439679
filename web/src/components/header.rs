//! The page header: what the tool is, the privacy promise, the rules and the theme toggle. Embedded (`?embed=1`)
//! it is one line: the privacy promise alone.

use yew::prelude::*;

use super::theme_toggle::ThemeToggle;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    #[prop_or_default]
    pub embed: bool,
}

const PRIVACY: &str = "Runs entirely in your browser; nothing you paste leaves this page.";

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    if props.embed {
        return html! {
            <header class="embed-header">
                <p class="privacy" data-testid="privacy">{ "Talos extension analyzer · " }{ PRIVACY }</p>
            </header>
        };
    }
    html! {
        <header class="page-header">
            <div class="brand">
                <h1><a href="#">{ "Talos extension analyzer" }</a></h1>
                <p class="privacy" data-testid="privacy">{ PRIVACY }</p>
            </div>
            <nav class="header-nav" aria-label="Site">
                <a href="#/rules">{ "Rules" }</a>
                <ThemeToggle />
            </nav>
        </header>
    }
}
