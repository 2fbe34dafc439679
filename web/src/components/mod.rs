//! The app's components, one per file.

pub mod cluster_matrix;
pub mod copy_button;
pub mod extension_list;
pub mod finding_view;
pub mod findings_list;
pub mod fix_view;
pub mod header;
pub mod input_area;
pub mod input_errors;
pub mod markdown_view;
pub mod results;
pub mod rule_pages;
pub mod summary;
pub mod theme_toggle;
