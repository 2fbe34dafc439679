//! `talos-ext`: the analyzer on the command line. `talos-ext --help` says what it does; this file only dispatches.

mod args;
mod commands;

use std::process::ExitCode;

use args::{Command, UsageError};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args::parse(&argv) {
        Ok(Command::Analyze(analyze)) => commands::analyze::run(&analyze),
        Ok(Command::Rules { format }) => commands::rules::run(format),
        Ok(Command::Explain { rule }) => commands::explain::run(&rule),
        Ok(Command::Help) => {
            commands::print(args::HELP);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            commands::print(concat!("talos-ext ", env!("CARGO_PKG_VERSION"), "\n"));
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
