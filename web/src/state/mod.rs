//! The app's state, apart from the views: what the user gave and chose ([`session`]), how it is kept and shared
//! ([`keep`], [`share`]) and which span of the input is asked to be shown ([`show_in_input`]).

mod base64url;
mod compress;
pub mod keep;
pub mod session;
pub mod share;
pub mod show_in_input;
