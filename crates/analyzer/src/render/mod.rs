//! Renderers of a [`Report`](crate::Report) for people and tools: compiler-style text for a terminal ([`text`]),
//! Markdown to paste into a ticket ([`markdown`]) and SARIF 2.1.0 for code-scanning services ([`sarif`]).
//!
//! The CLI prints them and the web app offers them as exports, so they live here and depend on nothing but
//! serde/serde_json. None of them is on the analysis path: a report is rendered once, after the analysis.

pub mod markdown;
pub mod sarif;
pub mod text;

use crate::report::{Finding, Report, Severity};

/// How many findings of each severity, and how many input errors, a report has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub input_errors: usize,
}

impl Counts {
    /// The counts of a report: its findings by severity and its input errors.
    pub fn of_report(report: &Report) -> Counts {
        Counts {
            input_errors: report.errors.len(),
            ..Counts::of(&report.findings)
        }
    }

    /// Findings by severity (no input errors).
    pub fn of(findings: &[Finding]) -> Counts {
        let mut counts = Counts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// The name of input `index` as the report gives it (`<input N>` for an index the report does not list).
pub(crate) fn input_name(report: &Report, index: usize) -> String {
    match report.inputs.get(index) {
        Some(input) => input.name.clone(),
        None => format!("<input {}>", index + 1),
    }
}

/// The texts of the inputs, split into lines (1-based line `n` is `lines[n - 1]`), for quoting source lines.
/// An input given as bytes (a zip, an `.age` file) has no lines.
pub(crate) struct SourceLines<'a> {
    inputs: Vec<Vec<&'a str>>,
}

impl<'a> SourceLines<'a> {
    pub(crate) fn new(sources: &[Option<&'a str>]) -> SourceLines<'a> {
        let inputs = sources
            .iter()
            .map(|source| match source {
                Some(text) => text
                    .split('\n')
                    .map(|l| l.strip_suffix('\r').unwrap_or(l))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        SourceLines { inputs }
    }

    /// Line `line` (1-based) of input `input`, without its line break.
    pub(crate) fn line(&self, input: usize, line: u32) -> Option<&'a str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.inputs.get(input)?.get(index).copied()
    }
}

#[cfg(test)]
pub(crate) mod fixture;
