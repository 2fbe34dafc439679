//! Compiler-style text for a terminal, like rustc or ruff: `file:line:col: severity[rule]: message`, the source
//! lines with the span underlined, the fixes, the input errors in the same form, and a closing summary line.
//!
//! Colour is plain ANSI SGR codes, only when the caller asks (the CLI asks when stdout is a TTY and `NO_COLOR` is
//! unset). Whatever comes from the input is shown with control characters replaced, so that a pasted escape
//! sequence cannot drive the terminal.

use core::fmt::Write as _;

use super::{input_name, Counts, SourceLines};
use crate::report::{Finding, Fix, InputError, Report, Safety, Severity};
use crate::span::Span;
use crate::words::count_of;

/// How to render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Colour with ANSI escape codes.
    pub color: bool,
}

/// Spans longer than this many lines show their first and last [`EDGE_LINES`] lines around an ellipsis.
const MAX_SPAN_LINES: u32 = 5;
const EDGE_LINES: u32 = 2;
/// Display width of a tab in quoted source lines.
const TAB_WIDTH: usize = 4;

/// Renders `report`; `sources[i]` is the text of input `i` (`None` for an input given as bytes), used to quote the
/// lines that spans point at.
pub fn render(report: &Report, sources: &[Option<&str>], options: TextOptions) -> String {
    let lines = SourceLines::new(sources);
    let paint = Paint(options.color);
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, report, &lines, paint, finding);
        out.push('\n');
    }
    for error in &report.errors {
        render_input_error(&mut out, report, &lines, paint, error);
        out.push('\n');
    }
    out.push_str(&paint.style(BOLD, &summary(report)));
    out.push('\n');
    out
}

/// The closing line: `3 findings (1 error, 1 warning, 1 info), 1 input error in 2 inputs.`
pub fn summary(report: &Report) -> String {
    let counts = Counts::of_report(report);
    let mut line = if counts.findings() == 0 {
        "No findings".to_string()
    } else {
        format!(
            "{} ({}, {}, {} info)",
            count_of(counts.findings(), "finding", "findings"),
            count_of(counts.errors, "error", "errors"),
            count_of(counts.warnings, "warning", "warnings"),
            counts.infos
        )
    };
    if counts.input_errors > 0 {
        let _ = write!(
            line,
            ", {}",
            count_of(counts.input_errors, "input error", "input errors")
        );
    }
    let _ = write!(
        line,
        " in {}.",
        count_of(report.inputs.len(), "input", "inputs")
    );
    line
}

const BOLD: &str = "1";
const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const CYAN: &str = "1;36";
const BLUE: &str = "1;34";
const GREEN: &str = "1;32";

/// Wraps text in ANSI SGR codes when colour is on.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn style(self, sgr: &str, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    }
}

fn location(report: &Report, input: usize, line: u32, column: u32) -> String {
    format!("{}:{line}:{column}", clean_line(&input_name(report, input)))
}

fn render_finding(
    out: &mut String,
    report: &Report,
    lines: &SourceLines,
    paint: Paint,
    finding: &Finding,
) {
    let color = severity_color(finding.severity);
    if let Some(first) = finding.spans.first() {
        out.push_str(&paint.style(
            BOLD,
            &location(report, first.input, first.line, first.column),
        ));
        out.push_str(": ");
    }
    out.push_str(&paint.style(
        color,
        &format!("{}[{}]", finding.severity.as_str(), finding.rule),
    ));
    out.push_str(": ");
    out.push_str(&paint.style(BOLD, &clean_line(&finding.message)));
    out.push('\n');

    let width = gutter_width(finding.spans.iter().copied());
    let primary_input = finding.spans.first().map(|s| s.input);
    let mut quoted = false;
    for (i, span) in finding.spans.iter().enumerate() {
        let marker = if i == 0 { '^' } else { '-' };
        let header = (i > 0 && Some(span.input) != primary_input)
            .then(|| location(report, span.input, span.line, span.column));
        quoted |= quote_span(
            out,
            lines,
            paint,
            *span,
            width,
            marker,
            color,
            header.as_deref(),
        );
    }
    if quoted && !finding.fixes.is_empty() {
        out.push_str(&gutter(paint, width, ""));
        out.push('\n');
    }
    for fix in &finding.fixes {
        render_fix(out, paint, width, fix);
    }
}

fn render_fix(out: &mut String, paint: Paint, width: usize, fix: &Fix) {
    let _ = write!(out, "{} ", " ".repeat(width + 1));
    out.push_str(&paint.style(BLUE, "="));
    out.push(' ');
    out.push_str(&paint.style(GREEN, "fix"));
    if fix.safety == Safety::Unsafe {
        out.push(' ');
        out.push_str(&paint.style(RED, "UNSAFE"));
    }
    let _ = writeln!(out, " ({}): {}", fix.kind.words(), clean_line(&fix.title));
    let indent = " ".repeat(width + 7);
    for line in fix.content.lines() {
        let line = clean(line);
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    if let Some(id) = &fix.schematic_id {
        let _ = writeln!(out, "{indent}(schematic ID {})", clean_line(id));
    }
}

fn render_input_error(
    out: &mut String,
    report: &Report,
    lines: &SourceLines,
    paint: Paint,
    error: &InputError,
) {
    out.push_str(&paint.style(
        BOLD,
        &location(report, error.input, error.line, error.column),
    ));
    out.push_str(": ");
    out.push_str(&paint.style(RED, "error[input]"));
    out.push_str(": ");
    out.push_str(&paint.style(BOLD, &clean_line(&error.message)));
    out.push('\n');
    let span = Span {
        input: error.input,
        line: error.line,
        column: error.column,
        end_line: error.line,
        end_column: error.column,
    };
    let width = gutter_width(core::iter::once(span));
    quote_span(out, lines, paint, span, width, '^', RED, None);
}

/// Width of the line-number gutter: enough for the largest line number quoted.
fn gutter_width(spans: impl Iterator<Item = Span>) -> usize {
    spans
        .map(|s| s.end_line.max(s.line).to_string().len())
        .max()
        .unwrap_or(1)
}

fn gutter(paint: Paint, width: usize, number: &str) -> String {
    paint.style(BLUE, &format!("{number:>width$} |"))
}

/// Quotes the lines of `span` with the span underlined by `marker`; returns whether any line was quoted (none when
/// the source is not text or the span is outside it).
#[allow(clippy::too_many_arguments)]
fn quote_span(
    out: &mut String,
    lines: &SourceLines,
    paint: Paint,
    span: Span,
    width: usize,
    marker: char,
    color: &str,
    header: Option<&str>,
) -> bool {
    let end_line = span.end_line.max(span.line);
    if lines.line(span.input, span.line).is_none() {
        return false;
    }
    if let Some(header) = header {
        let _ = writeln!(
            out,
            "{}{} {header}",
            " ".repeat(width),
            paint.style(BLUE, ":::")
        );
    }
    let _ = writeln!(out, "{}", gutter(paint, width, ""));
    let count = end_line - span.line + 1;
    for number in span.line..=end_line {
        if count > MAX_SPAN_LINES && number == span.line + EDGE_LINES {
            let _ = writeln!(out, "{}", paint.style(BLUE, &format!("{:>width$}", "...")));
        }
        if count > MAX_SPAN_LINES
            && number >= span.line + EDGE_LINES
            && number <= end_line - EDGE_LINES
        {
            continue;
        }
        let Some(text) = lines.line(span.input, number) else {
            break;
        };
        let shown = display(text);
        let _ = writeln!(
            out,
            "{} {}",
            gutter(paint, width, &number.to_string()),
            shown.text.trim_end()
        );
        if let Some((start, len)) = shown.underline(span, number) {
            let mark: String = core::iter::repeat_n(marker, len).collect();
            let _ = writeln!(
                out,
                "{} {}{}",
                gutter(paint, width, ""),
                " ".repeat(start),
                paint.style(color, &mark)
            );
        }
    }
    true
}

/// A source line made safe to print: tabs expanded, control characters replaced, with the display position of
/// every character.
struct Display {
    text: String,
    /// `starts[i]` is the display column (0-based) of character `i`; one more entry marks the end of the line.
    starts: Vec<usize>,
    /// Index of the first and last non-blank characters, if any.
    content: Option<(usize, usize)>,
}

fn display(line: &str) -> Display {
    let mut text = String::with_capacity(line.len());
    let mut starts = Vec::with_capacity(line.len() + 1);
    let mut width = 0;
    let mut first = None;
    let mut last = None;
    for (i, c) in line.chars().enumerate() {
        starts.push(width);
        if !c.is_whitespace() {
            first.get_or_insert(i);
            last = Some(i);
        }
        if c == '\t' {
            text.push_str(&" ".repeat(TAB_WIDTH));
            width += TAB_WIDTH;
        } else {
            text.push(if c.is_control() { '\u{fffd}' } else { c });
            width += 1;
        }
    }
    starts.push(width);
    Display {
        text,
        starts,
        content: first.zip(last),
    }
}

impl Display {
    /// Display start and width of the underline of `span` on line `number`; `None` for a blank line inside a span.
    fn underline(&self, span: Span, number: u32) -> Option<(usize, usize)> {
        let chars = self.starts.len() - 1;
        let (first, last) = match self.content {
            Some(content) => content,
            None if number == span.line => (0, 0),
            None => return None,
        };
        // 0-based character indices; a column past the end of the line marks the position just after it.
        let start = if number == span.line {
            span.column.saturating_sub(1) as usize
        } else {
            first
        };
        let end = if number == span.end_line.max(span.line) {
            span.end_column.saturating_sub(1) as usize
        } else {
            last
        };
        let start = start.min(chars);
        let end = end.min(chars).max(start);
        let at = |i: usize| self.starts.get(i).copied().unwrap_or(0);
        let from = at(start);
        let to = if end < chars {
            at(end + 1)
        } else {
            at(chars) + 1
        };
        Some((from, to.saturating_sub(from).max(1)))
    }
}

/// Text with control characters (other than tab and newline) replaced, so it cannot drive the terminal.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// [`clean`], on one line: line breaks become spaces.
fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    fn plain(report: &Report) -> String {
        render(report, &fixture::sources(), TextOptions { color: false })
    }

    #[test]
    fn renders_the_fixture_report() {
        insta::assert_snapshot!(plain(&fixture::report()));
    }

    #[test]
    fn colour_wraps_severities_in_ansi_codes_and_plain_has_none() {
        let report = fixture::report();
        let coloured = render(&report, &fixture::sources(), TextOptions { color: true });
        assert!(
            coloured.contains("\x1b[1;31merror[duplicate-extension]\x1b[0m"),
            "{coloured}"
        );
        assert!(coloured.contains("\x1b[1;33mwarning[invalid-image-reference]\x1b[0m"));
        assert!(coloured.contains("\x1b[1;31mUNSAFE\x1b[0m"));
        assert!(!plain(&report).contains('\x1b'));
    }

    #[test]
    fn without_sources_only_the_headlines_and_fixes_remain() {
        let report = fixture::report();
        let text = render(&report, &[None, None], TextOptions::default());
        assert!(text.starts_with(
            "cluster.txt:3:1: error[duplicate-extension]: iscsi-tools is active twice on 10.0.0.2: v0.1.1 and v0.1.4\n"
        ));
        assert!(!text.contains(" | "), "{text}");
        assert!(text.contains("= fix UNSAFE (command): Reset the node"));
    }

    #[test]
    fn summary_counts_findings_and_input_errors() {
        let mut report = fixture::report();
        assert_eq!(
            summary(&report),
            "4 findings (1 error, 2 warnings, 1 info), 1 input error in 2 inputs."
        );
        report.findings.truncate(1);
        report.errors.clear();
        report.inputs.truncate(1);
        assert_eq!(
            summary(&report),
            "1 finding (1 error, 0 warnings, 0 info) in 1 input."
        );
        report.findings.clear();
        assert_eq!(summary(&report), "No findings in 1 input.");
    }

    fn one_finding(span: Span) -> Report {
        let mut report = fixture::report();
        report.findings.truncate(1);
        report.findings[0].spans = vec![span];
        report.findings[0].fixes.clear();
        report.errors.clear();
        report
    }

    #[test]
    fn long_spans_show_their_edges_around_an_ellipsis() {
        let source = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n";
        let report = one_finding(Span::lines(0, 1, 7, 4));
        let text = render(&report, &[Some(source)], TextOptions::default());
        insta::assert_snapshot!(text, @r"
        cluster.txt:1:1: error[duplicate-extension]: iscsi-tools is active twice on 10.0.0.2: v0.1.1 and v0.1.4
          |
        1 | a: 1
          | ^^^^
        2 | b: 2
          | ^^^^
        ...
        6 | f: 6
          | ^^^^
        7 | g: 7
          | ^^^^

        1 finding (1 error, 0 warnings, 0 info) in 2 inputs.
        ");
    }

    #[test]
    fn a_span_of_five_lines_is_shown_whole_and_one_of_six_is_cut() {
        let source = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n";
        let shown = |last| {
            let report = one_finding(Span::lines(0, 1, last, 4));
            let text = render(&report, &[Some(source)], TextOptions::default());
            (text.contains("\n...\n"), text.contains("3 | c: 3"))
        };
        assert_eq!(shown(5), (false, true));
        assert_eq!(shown(6), (true, false));
    }

    #[test]
    fn tabs_and_control_characters_keep_the_underline_aligned() {
        let source = "\tkey: \x1b[31mred\x1b[0m value\n";
        // `value` is at columns 20..=24 of the original line (the tab and each escape character count one).
        let report = one_finding(Span {
            input: 0,
            line: 1,
            column: 20,
            end_line: 1,
            end_column: 24,
        });
        let text = render(&report, &[Some(source)], TextOptions::default());
        assert!(!text.contains('\x1b'), "{text}");
        let quoted: Vec<&str> = text.lines().skip(2).take(2).collect();
        assert_eq!(quoted[0], "1 |     key: \u{fffd}[31mred\u{fffd}[0m value");
        assert_eq!(quoted[1], format!("  | {}^^^^^", " ".repeat(22)));
        let value_at = quoted[0]
            .find("value")
            .map(|b| quoted[0][..b].chars().count());
        assert_eq!(value_at, Some(quoted[1].find('^').unwrap_or(0)));
    }

    #[test]
    fn a_span_ending_just_past_its_line_is_underlined_up_to_there() {
        // `key:` with nothing after the colon: the span covers the key and the place where the value belongs.
        let report = one_finding(Span::lines(0, 1, 1, 5));
        let text = render(&report, &[Some("key:\n")], TextOptions::default());
        let quoted: Vec<&str> = text.lines().skip(2).take(2).collect();
        assert_eq!(quoted, ["1 | key:", "  | ^^^^^"], "{text}");
    }

    #[test]
    fn spans_outside_the_source_or_past_the_line_end_do_not_panic() {
        for span in [
            Span::lines(0, 40, 41, 3),
            Span::lines(5, 1, 1, 3),
            Span {
                input: 0,
                line: 1,
                column: 90,
                end_line: 1,
                end_column: 200,
            },
            Span {
                input: 0,
                line: 2,
                column: 3,
                end_line: 1,
                end_column: 1,
            },
            Span {
                input: 0,
                line: 0,
                column: 0,
                end_line: 0,
                end_column: 0,
            },
        ] {
            let report = one_finding(span);
            let _ = render(
                &report,
                &[Some("é\n\n"), Some("")],
                TextOptions { color: true },
            );
        }
    }

    #[test]
    fn a_span_that_starts_on_a_blank_line_marks_its_start() {
        let report = one_finding(Span::lines(0, 1, 3, 3));
        let text = render(&report, &[Some("\nabc\n\nxyz\n")], TextOptions::default());
        // The blank first line gets a caret at its start; a blank line inside the span gets none.
        assert!(
            text.contains("1 | \n  | ^\n2 | abc\n  | ^^^\n3 | \n\n"),
            "{text}"
        );
    }

    #[test]
    fn a_fix_keeps_its_tabs_and_loses_its_control_characters() {
        let mut report = one_finding(Span::lines(0, 1, 1, 3));
        report.findings[0].fixes = fixture::report().findings[0].fixes.clone();
        report.findings[0].fixes.truncate(1);
        report.findings[0].fixes[0].content = "key:\tvalue \x1b[31mred\x07".into();
        let text = render(&report, &[Some("abc\n")], TextOptions::default());
        assert!(
            text.contains("key:\tvalue \u{fffd}[31mred\u{fffd}\n"),
            "{text}"
        );
    }

    #[test]
    fn a_caret_past_the_end_of_a_line_points_just_after_it() {
        // Just past the end, and far past it.
        for (column, end_column) in [(4, 4), (90, 200)] {
            let report = one_finding(Span {
                input: 0,
                line: 1,
                column,
                end_line: 1,
                end_column,
            });
            let text = render(&report, &[Some("abc\n")], TextOptions::default());
            assert!(text.contains("1 | abc\n  |    ^\n"), "{column}: {text}");
        }
    }
}
