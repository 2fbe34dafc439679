//! `talos-ext rules`: the rules as a table, or (`--format markdown`) their docs as one document (`docs/rules.md`).

use std::process::ExitCode;

use talos_ext_analyzer::render::markdown;
use talos_ext_analyzer::{all_rules, RuleInfo};

use super::print;
use crate::args::RulesFormat;

pub fn run(format: RulesFormat) -> ExitCode {
    let all = all_rules();
    match format {
        RulesFormat::Markdown => print(&markdown::rules(all)),
        RulesFormat::Table => print(&table(all)),
    }
    ExitCode::SUCCESS
}

/// `RULE  SEVERITY  SUMMARY`, columns aligned.
fn table(rules: &[RuleInfo]) -> String {
    if rules.is_empty() {
        return "No rules are defined yet.\n".to_string();
    }
    let width = rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0)
        .max("RULE".len());
    let mut out = format!("{:width$}  {:8}  SUMMARY\n", "RULE", "SEVERITY");
    for rule in rules {
        out.push_str(&format!(
            "{:width$}  {:8}  {}\n",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::report::Severity;

    #[test]
    fn aligns_the_columns() {
        let rules = [
            RuleInfo {
                id: "duplicate-extension",
                severity: Severity::Error,
                summary: "one extension twice",
                doc: "",
            },
            RuleInfo {
                id: "version-drift",
                severity: Severity::Warning,
                summary: "versions differ across nodes",
                doc: "",
            },
        ];
        assert_eq!(
            table(&rules),
            "RULE                 SEVERITY  SUMMARY\n\
             duplicate-extension  error     one extension twice\n\
             version-drift        warning   versions differ across nodes\n"
        );
        assert_eq!(table(&[]), "No rules are defined yet.\n");
    }
}
