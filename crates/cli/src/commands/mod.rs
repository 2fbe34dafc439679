//! The subcommands. Each returns the process exit code; none panics on what the user gives it.

pub mod analyze;
pub mod catalog;
pub mod explain;
pub mod rules;

use std::io::Write as _;

/// Writes `text` to standard output; a closed pipe (`talos-ext … | head`) is not an error worth a panic.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}
