//! The browser front end of the Talos extension analyzer: a Yew app that hands what the user pastes to the analysis
//! crate and renders its [`talos_ext_analyzer::Report`]. It knows no input format itself; every fact it shows comes
//! from the report.
//!
//! User text is only ever rendered as text nodes (never as HTML): `clippy.toml` forbids the APIs that would.

mod app;
mod browser;
mod codec;
mod components;
pub mod crash;
pub mod model;
pub mod state;
#[cfg(test)]
mod test_reports;
pub mod worker;

pub use app::App;
