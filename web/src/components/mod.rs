//! The app's components, one per file.

pub mod extension_list;
pub mod input_area;
