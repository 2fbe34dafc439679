//! The analysis off the page's thread: what the page sends the web worker and how the worker answers ([`api`]), the
//! report's compact binary form between them ([`wire`]), and the hook that decides where each analysis runs and
//! shows its newest result ([`runner`]). `web/worker.js` loads this same wasm module and calls
//! [`api::analyse_request`].

pub mod api;
pub mod runner;
mod wire;

pub use runner::{use_analysis, Analysis};
