//! `talos-ext explain RULE`: prints the rule's doc; an unknown id is a usage error that lists the known ones.

use std::process::ExitCode;

use talos_ext_analyzer::render::markdown;
use talos_ext_analyzer::{all_rules, find_rule};

use super::print;

pub fn run(id: &str) -> ExitCode {
    match find_rule(id) {
        Some(rule) => {
            print(&markdown::rule(rule));
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = all_rules().iter().map(|r| r.id).collect();
            let known = if known.is_empty() {
                "none yet".to_string()
            } else {
                known.join(", ")
            };
            eprintln!("talos-ext: unknown rule `{id}`; known rules: {known}");
            ExitCode::from(2)
        }
    }
}
