//! The app's components, one per file.

pub mod cluster_matrix;
pub mod copy_button;
pub mod editor;
pub mod examples_menu;
pub mod exports;
pub mod extension_list;
pub mod file_drop;
pub mod finding_view;
pub mod findings_list;
pub mod fix_view;
pub mod header;
pub mod input_area;
pub mod input_errors;
pub mod input_tabs;
pub mod markdown_view;
pub mod results;
pub mod rule_pages;
pub mod session_controls;
pub mod show_all;
pub mod summary;
pub mod talos_version_field;
pub mod theme_toggle;
