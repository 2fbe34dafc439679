//! `talos-ext`: the analyzer on the command line.

use std::process::ExitCode;

use talos_ext_analyzer::{analyze, Input, Options};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<&String> = args.iter().skip_while(|a| *a == "analyze").collect();
    let mut inputs = Vec::new();
    for f in files {
        match std::fs::read(f) {
            Ok(bytes) => inputs.push(match String::from_utf8(bytes) {
                Ok(t) => Input::text(f.clone(), t),
                Err(e) => Input::bytes(f.clone(), e.into_bytes()),
            }),
            Err(e) => {
                eprintln!("talos-ext: {f}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let report = analyze(&inputs, &Options::default());
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    ExitCode::SUCCESS
}
