//! `talos-ext`: the analyzer on the command line. `talos-ext --help` says what it does; this file only dispatches.

mod args;
mod catalog;
mod commands;

use std::process::ExitCode;

use args::{Command, UsageError};

/// `talos-ext 0.1.0 (catalog: Talos releases up to v1.13.9)`: the catalog is the part that ages.
fn version_line() -> String {
    let newest = talos_ext_analyzer::catalog::Catalog::embedded().newest_release();
    format!(
        "talos-ext {} (catalog: Talos releases up to {})\n",
        env!("CARGO_PKG_VERSION"),
        newest.unwrap_or("none")
    )
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args::parse(&argv) {
        Ok(Command::Analyze(analyze)) => commands::analyze::run(&analyze),
        Ok(Command::Rules { format }) => commands::rules::run(format),
        Ok(Command::Explain { rule }) => commands::explain::run(&rule),
        Ok(Command::Catalog(command)) => commands::catalog::run(&command),
        Ok(Command::Help) => {
            commands::print(args::HELP);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            commands::print(&version_line());
            ExitCode::SUCCESS
        }
        Err(UsageError(message)) => {
            eprintln!(
                "talos-ext: {message}\n\n{}\nRun `talos-ext --help` for more.",
                args::USAGE
            );
            ExitCode::from(2)
        }
    }
}
