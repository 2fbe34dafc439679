//! The browser front end. Filled in by the foundation work.
fn main() {}
