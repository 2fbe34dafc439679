//! Running the `talos-ext` binary in tests.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The workspace root (fixtures and docs live there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(path: &str) -> String {
    root()
        .join("fixtures")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

/// The classic case: `iscsi-tools` v0.1.1 and v0.1.4 on one control plane.
pub fn duplicate_example() -> String {
    fixture("examples/01-talos-10404-duplicate-iscsi-tools-table.txt")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_talos-ext"));
    command.args(args).env_remove("NO_COLOR");
    command
}

/// Runs `talos-ext ARGS` with an empty standard input.
pub fn run(args: &[&str]) -> Run {
    let output = command(args)
        .stdin(Stdio::null())
        .output()
        .expect("run talos-ext");
    finish(output)
}

/// Runs `talos-ext ARGS` with `input` on standard input.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Run {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn talos-ext");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("write stdin");
    }
    finish(child.wait_with_output().expect("wait for talos-ext"))
}

/// `analyze --format json FILES`, parsed.
pub fn report_json(files: &[&str]) -> serde_json::Value {
    let mut args = vec!["analyze", "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(files);
    let run = run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the json format prints JSON")
}
