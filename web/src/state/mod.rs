//! The app's state, apart from the views: what the user gave and chose ([`session`]), how it is kept and shared
//! ([`keep`], [`share`]), which span of the input is asked to be shown ([`show_in_input`]), the page's route and
//! embed flag ([`location`]) and the colour theme ([`theme`]).

mod base64url;
mod compress;
pub mod keep;
pub mod location;
pub mod session;
pub mod share;
pub mod show_in_input;
pub mod theme;
