//! Prints a generated cluster — `talosctl get extensions` of N nodes as a table or an `-o yaml` stream — the same
//! inputs the criterion benchmarks use, for the browser and Node scripts (`scripts/bench-*.mjs`).
//!
//!     cargo run -q --release -p talos-ext-analyzer --example cluster -- yaml 1000 > /tmp/cluster-1000.yaml
//!
//! With `time` as the first argument it instead analyses the generated input natively N times and prints the
//! median wall time (a quick check without criterion): `--example cluster -- time yaml 1000 [runs]`. Any text
//! file the same way: `--example cluster -- time file PATH [runs]` (the configs path: machine configs, patches).

use std::time::Instant;

use talos_ext_analyzer::{analyze, Input, Options};

#[path = "../benches/support/cluster_gen.rs"]
mod cluster_gen;

fn generate(format: &str, nodes: usize) -> Option<String> {
    match format {
        "table" => Some(cluster_gen::table(nodes)),
        "yaml" => Some(cluster_gen::yaml(nodes)),
        "table-empty" => Some(cluster_gen::table_with_empty(nodes)),
        _ => None,
    }
}

/// The text to time: a generated cluster of `arg` nodes, or the file at path `arg` (`format` = `file`).
fn input(format: &str, arg: &str) -> Option<String> {
    match format {
        "file" => std::fs::read_to_string(arg).ok(),
        _ => arg.parse().ok().and_then(|n| generate(format, n)),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["time", format, nodes, rest @ ..] => {
            let (Some(text), Some(runs)) = (
                input(format, nodes),
                rest.first().map_or(Some(9), |r| r.parse::<usize>().ok()),
            ) else {
                return usage();
            };
            let inputs = [Input::text("cluster", text.as_str())];
            let mut times: Vec<f64> = (0..runs.max(1))
                .map(|_| {
                    let start = Instant::now();
                    let report = analyze(&inputs, &Options::default());
                    std::hint::black_box(report);
                    start.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
            println!(
                "{format} {nodes} nodes ({} bytes): median {median:.1} ms over {runs} runs",
                text.len()
            );
        }
        [format, nodes] => match nodes.parse().ok().and_then(|n| generate(format, n)) {
            Some(text) => print!("{text}"),
            None => usage(),
        },
        _ => usage(),
    }
}

fn usage() {
    eprintln!(
        "usage: cluster (table|yaml) NODES | cluster time (table|yaml) NODES [RUNS] | cluster time file PATH [RUNS]"
    );
    std::process::exit(2);
}
