//! What the result views show, computed from the report without the DOM (so it is tested natively): findings
//! grouped ([`grouping`]), the cluster matrix ([`matrix`]), the rules' Markdown ([`markdown`]) and the page's
//! route ([`route`]).

pub mod grouping;
pub mod markdown;
pub mod matrix;
pub mod route;
