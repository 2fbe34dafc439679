//! The page header: what the tool is, the privacy promise, the rules and the theme toggle. Embedded (`?embed=1`)
//! it is one line: the privacy promise alone.

use yew::prelude::*;

use super::theme_toggle::ThemeToggle;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    #[prop_or_default]
    pub embed: bool,
    /// The tool's name is the page's heading (`h1`); false where the page has its own (a rule page).
    #[prop_or(true)]
    pub heading: bool,
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
                if props.heading {
                    <h1 class="site-title"><a href="#">{ "Talos extension analyzer" }</a></h1>
                } else {
                    <p class="site-title"><a href="#">{ "Talos extension analyzer" }</a></p>
                }
                <p class="privacy" data-testid="privacy">{ PRIVACY }</p>
            </div>
            <nav class="header-nav" aria-label="Site">
                <a href="#/rules">{ "Rules" }</a>
                <ThemeToggle />
            </nav>
        </header>
    }
}
