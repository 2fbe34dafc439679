//! The app's state, apart from the views: what the user gave and chose ([`session`]), which span of the input
//! is asked to be shown ([`show_in_input`]), the page's route and embed flag ([`location`]) and the colour theme
//! ([`theme`]).

pub mod location;
pub mod session;
pub mod show_in_input;
pub mod theme;
