//! The app's state, apart from the views: how the session (`model::session`) is kept and shared ([`keep`],
//! [`share`]), which span of the input is asked to be shown ([`show_in_input`]), the examples menu's content ([`examples`]), reading dropped or picked files ([`files`]) and large pastes ([`pasted_text`]),
//! the page's route and embed flag ([`location`]) and the colour theme ([`theme`]).

mod base64url;
mod compress;
pub mod examples;
pub mod files;
pub mod keep;
pub mod location;
pub mod pasted_text;
pub mod share;
pub mod show_in_input;
pub mod theme;
