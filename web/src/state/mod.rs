//! The app's state, apart from the views: what the user gave and chose ([`session`]) and which span of the input
//! is asked to be shown ([`show_in_input`]).

pub mod session;
pub mod show_in_input;
