//! What the page holds and shows, computed without the DOM (so it is tested natively): the session and every change
//! to it ([`session`], [`session_action`]), findings grouped ([`grouping`]), the cluster matrix ([`matrix`]), the
//! rules' Markdown ([`markdown`]) and the page's route ([`route`]).

pub mod grouping;
pub mod markdown;
pub mod matrix;
pub mod route;
pub mod session;
pub mod session_action;
