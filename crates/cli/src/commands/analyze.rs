//! `talos-ext analyze`: reads the files, analyses them together, prints the report in the chosen format and
//! exits 0, 1 (a finding reaches `--fail-on`) or 2 (a file cannot be read).

use std::io::{IsTerminal as _, Read as _};
use std::process::ExitCode;

use talos_ext_analyzer::render::{markdown, sarif, text};
use talos_ext_analyzer::report::{Report, Severity};
use talos_ext_analyzer::MAX_INPUT_BYTES;
use talos_ext_analyzer::{analyze, Input, InputContent, Options};

use super::print;
use crate::args::{AnalyzeArgs, Color, FailOn, Format};

/// The name standard input goes by in the report.
pub const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &AnalyzeArgs) -> ExitCode {
    let mut inputs = Vec::with_capacity(args.files.len());
    for file in &args.files {
        match read(file) {
            Ok(input) => inputs.push(input),
            Err(message) => {
                eprintln!("talos-ext: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let options = Options {
        talos_version: args.talos_version.clone(),
    };
    let report = analyze(&inputs, &options);
    print(&render(&report, &inputs, args));
    if fails(&report, args.fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads one file (`-`: standard input): valid UTF-8 as text, anything else as bytes. At most
/// [`MAX_INPUT_BYTES`] (64 MiB) are read, so that a huge file or an endless stream (`/dev/zero`) is refused
/// without filling the memory.
fn read(file: &str) -> Result<Input, String> {
    let (name, bytes) = if file == "-" {
        let bytes = read_bounded(std::io::stdin().lock(), "standard input")?;
        (STDIN_NAME, bytes)
    } else {
        let opened = std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        (file, read_bounded(opened, file)?)
    };
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Input::text(name, text),
        Err(e) => Input::bytes(name, e.into_bytes()),
    })
}

/// Reads all of `source`, refusing it when it holds more than [`MAX_INPUT_BYTES`].
fn read_bounded(source: impl std::io::Read, shown: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    source
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "cannot read {shown}: larger than {} MiB, the most talos-ext reads",
            MAX_INPUT_BYTES >> 20
        ));
    }
    Ok(bytes)
}

fn render(report: &Report, inputs: &[Input], args: &AnalyzeArgs) -> String {
    match args.format {
        // The report itself (not a `Value`), so the fields keep the order of the documented contract.
        Format::Json => with_newline(serde_json::to_string_pretty(report)),
        // Written from the log's own types, as the web page writes it (the same text as its `Value`).
        Format::Sarif => with_newline(serde_json::to_string_pretty(&sarif::log(
            report,
            env!("CARGO_PKG_VERSION"),
        ))),
        Format::Markdown => markdown::render(report),
        Format::Text => {
            let sources: Vec<Option<&str>> = inputs
                .iter()
                .map(|input| match &input.content {
                    InputContent::Text(text) => Some(text.as_str()),
                    InputContent::Bytes(_) => None,
                })
                .collect();
            text::render(
                report,
                &sources,
                text::TextOptions {
                    color: use_color(args.color),
                },
            )
        }
    }
}

fn with_newline(json: serde_json::Result<String>) -> String {
    let mut text = json.unwrap_or_default();
    text.push('\n');
    text
}

/// Colour when asked, or (auto) when stdout is a terminal and `NO_COLOR` is unset or empty (no-color.org).
fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Does a finding (or an input error, which counts as an error) reach the `--fail-on` level?
fn fails(report: &Report, fail_on: FailOn) -> bool {
    let least = match fail_on {
        FailOn::Never => return false,
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    !report.errors.is_empty() || report.findings.iter().any(|f| f.severity >= least)
}
