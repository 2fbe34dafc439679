//! What the page holds and shows, computed without the DOM (so it is tested natively): the session and every change
//! to it ([`session`], [`session_action`]); what the result views show: findings grouped ([`grouping`]), the summary
//! ([`summary`]), a finding's places ([`place`]) and fixes ([`fix`]), the cluster matrix ([`matrix`]), the rules'
//! Markdown ([`markdown`]); the editor's marks ([`bands`]), line starts ([`line_index`]) and selection offsets
//! ([`text_position`]); and the page's route ([`route`]).

pub mod bands;
pub mod fix;
pub mod grouping;
pub mod line_index;
pub mod markdown;
pub mod matrix;
pub mod place;
pub mod route;
pub mod session;
pub mod session_action;
pub mod summary;
pub mod text_position;
