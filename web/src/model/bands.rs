//! The editor's marks: the line ranges of the report's findings in one input, by severity.

use talos_ext_analyzer::report::{Report, Severity};
use talos_ext_analyzer::sort;

/// A marked range of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub line: u32,
    pub end_line: u32,
    pub severity: Severity,
}

/// The bands for input `input`: every finding's spans there, overlapping ranges of one severity merged.
pub fn bands_for(report: &Report, input: usize) -> Vec<Band> {
    let mut bands: Vec<Band> = report
        .findings
        .iter()
        .flat_map(|f| f.spans.iter().map(move |s| (s, f.severity)))
        .filter(|(s, _)| s.input == input)
        .map(|(s, severity)| Band {
            line: s.line.max(1),
            end_line: s.end_line.max(s.line).max(1),
            severity,
        })
        .collect();
    // The analysis crate's sort (one compiled sort for every element type: page size).
    sort::sort_by_key(&mut bands, |b| (b.severity, b.line, b.end_line));
    let mut merged: Vec<Band> = Vec::with_capacity(bands.len());
    for band in bands {
        match merged.last_mut() {
            Some(last) if last.severity == band.severity && band.line <= last.end_line + 1 => {
                last.end_line = last.end_line.max(band.end_line);
            }
            _ => merged.push(band),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::Span;
    use talos_ext_analyzer::{analyze, Input, Options};

    #[test]
    fn bands_cover_each_findings_lines_once_per_severity() {
        let seed = include_str!(
            "../../../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt"
        );
        let report = analyze(&[Input::text("paste", seed)], &Options::default());
        let bands = bands_for(&report, 0);
        assert!(!bands.is_empty());
        for finding in &report.findings {
            for span in &finding.spans {
                assert!(bands.iter().any(|b| b.severity == finding.severity
                    && b.line <= span.line
                    && span.end_line <= b.end_line));
            }
        }
        assert!(bands_for(&report, 1).is_empty());
    }

    #[test]
    fn overlapping_and_adjacent_ranges_merge() {
        let mut report = analyze(&[Input::text("paste", "")], &Options::default());
        let finding = |line, end_line, severity| talos_ext_analyzer::report::Finding {
            rule: "duplicate-extension",
            severity,
            node: None,
            extension: None,
            versions: vec![],
            message: String::new(),
            spans: vec![Span::lines(0, line, end_line, 1)],
            fixes: vec![],
        };
        report.findings = vec![
            finding(1, 2, Severity::Error),
            finding(3, 3, Severity::Error),
            finding(9, 9, Severity::Error),
            finding(2, 2, Severity::Info),
        ];
        let bands = bands_for(&report, 0);
        let expect = |line, end_line, severity| Band {
            line,
            end_line,
            severity,
        };
        assert_eq!(
            bands,
            [
                expect(2, 2, Severity::Info),
                expect(1, 3, Severity::Error),
                expect(9, 9, Severity::Error),
            ]
        );
    }
}
