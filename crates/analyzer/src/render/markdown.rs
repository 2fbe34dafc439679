//! Markdown to paste into a ticket or an issue: a summary table of counts, per-node tables of extensions, the
//! schematics, the findings with their fixes in fenced code blocks, and the input errors; and the rules' docs as one
//! document (`docs/rules.md`, `talos-ext rules --format markdown`).
//!
//! Everything that comes from the input is escaped so that the paste renders as shown: prose is backslash-escaped
//! (`|`, backticks, `<`, `*`, …), identifiers go in code spans whose fences are longer than any backtick run inside,
//! and fix contents go in fenced blocks whose fences are longer than any backtick run inside.

use core::fmt::Write as _;

use super::{input_name, Counts};
use crate::report::{ExtensionReport, Finding, Fix, FixKind, NodeReport, Report, Safety};
use crate::rules::RuleInfo;
use crate::span::Span;
use crate::words::plural_word;

/// Renders `report` as a Markdown document.
pub fn render(report: &Report) -> String {
    let mut out = String::from("# Talos extension analysis\n\n");
    summary(&mut out, report);
    nodes(&mut out, report);
    schematics(&mut out, report);
    findings(&mut out, report);
    input_errors(&mut out, report);
    out
}

fn summary(out: &mut String, report: &Report) {
    let counts = Counts::of_report(report);
    let inputs: Vec<String> = report.inputs.iter().map(|i| code(&i.name, false)).collect();
    let _ = write!(
        out,
        "{}: {}",
        plural_word(inputs.len(), "Input", "Inputs"),
        list_or_none(&inputs)
    );
    match &report.talos_version {
        Some(version) => {
            let _ = writeln!(out, " · Talos {}\n", code(version, false));
        }
        None => out.push_str(" · Talos version unknown\n\n"),
    }
    out.push_str("| | count |\n| --- | ---: |\n");
    let _ = writeln!(out, "| errors | {} |", counts.errors);
    let _ = writeln!(out, "| warnings | {} |", counts.warnings);
    let _ = writeln!(out, "| info | {} |", counts.infos);
    let _ = writeln!(out, "| input errors | {} |", counts.input_errors);
    out.push('\n');
}

fn nodes(out: &mut String, report: &Report) {
    if report.nodes.is_empty() {
        return;
    }
    out.push_str("## Nodes\n\n");
    for node in &report.nodes {
        node_section(out, report, node);
    }
}

fn node_section(out: &mut String, report: &Report, node: &NodeReport) {
    match &node.node {
        Some(name) => {
            let _ = writeln!(out, "### Node {}\n", code(name, false));
        }
        None => out.push_str("### Configs and schematics (no node named)\n\n"),
    }
    let mut facts = Vec::new();
    if let Some(version) = &node.talos_version {
        facts.push(format!("Talos {}", code(version, false)));
    }
    if let Some(schematic) = &node.running_schematic {
        facts.push(format!("running schematic {}", code(schematic, false)));
    }
    if let Some(kernel) = &node.kernel_version {
        facts.push(format!("kernel {}", code(kernel, false)));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }
    if node.extensions.is_empty() {
        out.push_str("No extensions.\n\n");
        return;
    }
    out.push_str(
        "| extension | version | origin | image | where |\n| --- | --- | --- | --- | --- |\n",
    );
    for extension in &node.extensions {
        extension_row(out, report, extension);
    }
    out.push('\n');
}

fn extension_row(out: &mut String, report: &Report, extension: &ExtensionReport) {
    // Not through serde_json's `to_value`: its serialiser would be in the page's wasm for this one word.
    let origin = extension.origin.as_str();
    let places: Vec<String> = extension
        .spans
        .iter()
        .map(|s| where_(report, *s, true))
        .collect();
    let places = if places.is_empty() {
        where_(report, extension.span, true)
    } else {
        places.join(", ")
    };
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        code(&extension.name, true),
        optional_code(extension.version.as_deref()),
        origin,
        optional_code(extension.image.as_deref()),
        places
    );
}

fn schematics(out: &mut String, report: &Report) {
    if report.schematics.is_empty() {
        return;
    }
    out.push_str("## Schematics\n\n| ID | official extensions | origin | node | where |\n| --- | --- | --- | --- | --- |\n");
    for schematic in &report.schematics {
        let extensions: Vec<String> = schematic
            .official_extensions
            .iter()
            .map(|e| code(e, true))
            .collect();
        let origin = schematic.origin.as_str();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(&schematic.id, true),
            if extensions.is_empty() {
                "—".to_string()
            } else {
                extensions.join(", ")
            },
            origin,
            optional_code(schematic.node.as_deref()),
            where_(report, schematic.span, true)
        );
    }
    out.push('\n');
}

fn findings(out: &mut String, report: &Report) {
    out.push_str("## Findings\n\n");
    if report.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }
    for (i, finding) in report.findings.iter().enumerate() {
        finding_section(out, report, i + 1, finding);
    }
}

fn finding_section(out: &mut String, report: &Report, number: usize, finding: &Finding) {
    let _ = writeln!(
        out,
        "### {number}. {}: {}\n",
        finding.severity.as_str(),
        escape(&finding.message)
    );
    let mut facts = vec![format!("Rule {}", code(finding.rule, false))];
    if let Some(node) = &finding.node {
        facts.push(format!("node {}", code(node, false)));
    }
    if let Some(extension) = &finding.extension {
        facts.push(format!("extension {}", code(extension, false)));
    }
    if !finding.versions.is_empty() {
        let versions: Vec<String> = finding.versions.iter().map(|v| code(v, false)).collect();
        facts.push(format!(
            "{} {}",
            plural_word(versions.len(), "version", "versions"),
            versions.join(", ")
        ));
    }
    if !finding.spans.is_empty() {
        let places: Vec<String> = finding
            .spans
            .iter()
            .map(|s| where_(report, *s, false))
            .collect();
        facts.push(format!("at {}", places.join(", ")));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    for (i, fix) in finding.fixes.iter().enumerate() {
        fix_section(out, i + 1, fix);
    }
}

fn fix_section(out: &mut String, number: usize, fix: &Fix) {
    let unsafe_mark = if fix.safety == Safety::Unsafe {
        "**UNSAFE** "
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "**Fix {number}** ({}): {unsafe_mark}{}\n",
        fix.kind.words(),
        escape(&fix.title)
    );
    let language = match fix.kind {
        FixKind::ConfigPatch | FixKind::Schematic => "yaml",
        FixKind::Command => "sh",
        FixKind::Note => "text",
    };
    fenced(out, language, &fix.content);
    if let Some(id) = &fix.schematic_id {
        let _ = writeln!(out, "Schematic ID: {}\n", code(id, false));
    }
}

fn input_errors(out: &mut String, report: &Report) {
    if report.errors.is_empty() {
        return;
    }
    out.push_str("## Input errors\n\n");
    for error in &report.errors {
        let place = format!(
            "{}:{}:{}",
            input_name(report, error.input),
            error.line,
            error.column
        );
        let _ = writeln!(out, "- {}: {}", code(&place, false), escape(&error.message));
    }
    out.push('\n');
}

/// `file:line` (in tables, where space is short) or `file:line:col`, as a code span.
fn where_(report: &Report, span: Span, short: bool) -> String {
    let name = input_name(report, span.input);
    let place = if short {
        if span.end_line > span.line {
            format!("{name}:{}-{}", span.line, span.end_line)
        } else {
            format!("{name}:{}", span.line)
        }
    } else {
        format!("{name}:{}:{}", span.line, span.column)
    };
    code(&place, short)
}

fn optional_code(text: Option<&str>) -> String {
    text.map_or_else(|| "—".to_string(), |t| code(t, true))
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Backslash-escapes the Markdown punctuation in user prose (CommonMark lets any ASCII punctuation be escaped), and
/// turns line breaks into spaces so the text stays on its line or in its table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A code span showing `text` verbatim: its fence is one backtick longer than the longest backtick run inside, and
/// it is padded where the text starts or ends with a backtick. In a table (`in_table`) a `|` is escaped, which GitHub
/// Flavored Markdown requires even inside code spans. An empty text shows as `(empty)`.
pub fn code(text: &str, in_table: bool) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect();
    if text.is_empty() {
        return "(empty)".to_string();
    }
    let text = if in_table {
        text.replace('|', "\\|")
    } else {
        text
    };
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' '));
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A fenced code block holding `content` verbatim, then a blank line.
fn fenced(out: &mut String, language: &str, content: &str) {
    let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
    let _ = writeln!(out, "{fence}{language}");
    out.push_str(content);
    if !content.ends_with('\n') {
        out.push('\n');
    }
    let _ = writeln!(out, "{fence}\n");
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for x in text.chars() {
        if x == c {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// The rules' docs as one document: an index table, then one section per rule (what `docs/rules.md` holds).
pub fn rules(rules: &[RuleInfo]) -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated by `talos-ext rules --format markdown`: edit the rules' docs in \
         crates/analyzer/src/rules/, not this file. -->\n\n",
    );
    if rules.is_empty() {
        out.push_str("No rules are defined yet.\n");
        return out;
    }
    out.push_str("| rule | severity | what it finds |\n| --- | --- | --- |\n");
    for rule in rules {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} |",
            code(rule.id, true),
            anchor(rule.id),
            rule.severity.as_str(),
            escape(rule.summary)
        );
    }
    for rule in rules {
        out.push('\n');
        out.push_str(&self::rule(rule));
    }
    out
}

/// One rule's section: a `##` heading with its id, its severity and summary, then its doc with the doc's headings
/// moved below that heading (a leading heading that repeats the id is dropped).
pub fn rule(rule: &RuleInfo) -> String {
    let mut out = format!(
        "## {}\n\nSeverity: **{}**. {}\n",
        code(rule.id, false),
        rule.severity.as_str(),
        escape(rule.summary)
    );
    let doc = demote_headings(rule.doc, rule.id);
    if !doc.trim().is_empty() {
        out.push('\n');
        out.push_str(doc.trim_matches('\n'));
        out.push('\n');
    }
    out
}

/// GitHub's anchor for a heading that is just this id in a code span.
fn anchor(id: &str) -> String {
    id.chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
            '-' | '_' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// Moves the doc's ATX headings (outside fenced code) down so that its biggest sits at `###`, below the rule's `##`;
/// drops a first heading that only names the rule.
fn demote_headings(doc: &str, id: &str) -> String {
    let mut lines: Vec<(&str, Option<usize>)> = Vec::new();
    let mut fence: Option<String> = None;
    let mut seen_content = false;
    for line in doc.lines() {
        let trimmed = line.trim_start();
        let mut level = None;
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker = trimmed.chars().next().unwrap_or('`');
            fence = Some(trimmed.chars().take_while(|c| *c == marker).collect());
        } else if let Some(hashes) = heading_level(trimmed) {
            let title = trimmed[hashes..].trim().trim_matches('`');
            if !seen_content && title == id {
                seen_content = true;
                continue;
            }
            level = Some(hashes);
        }
        seen_content |= !line.trim().is_empty();
        lines.push((line, level));
    }
    let top = lines
        .iter()
        .filter_map(|(_, level)| *level)
        .min()
        .unwrap_or(3);
    let shift = 3usize.saturating_sub(top);
    let mut out = String::with_capacity(doc.len() + 32);
    for (line, level) in lines {
        if level.is_some() {
            out.push_str(&"#".repeat(shift));
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The level of an ATX heading line (`## x` → 2).
fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])).then_some(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;
    use crate::report::Severity;

    #[test]
    fn renders_the_fixture_report() {
        insta::assert_snapshot!(render(&fixture::report()));
    }

    #[test]
    fn escapes_user_prose() {
        assert_eq!(
            escape("a|b `c` <x> *y* \\"),
            "a\\|b \\`c\\` \\<x\\> \\*y\\* \\\\"
        );
        assert_eq!(escape("two\nlines"), "two lines");
        assert_eq!(escape("esc\x1b[0m"), "esc\u{fffd}\\[0m");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("plain", false), "`plain`");
        assert_eq!(code("a`b", false), "``a`b``");
        assert_eq!(code("`x", false), "`` `x ``");
        assert_eq!(code("x`", false), "`` x` ``");
        // Spaces around a value survive: Markdown strips one from each side only when both are there.
        assert_eq!(code(" x ", false), "`  x  `");
        assert_eq!(code("we|rd``ext", true), "```we\\|rd``ext```");
        assert_eq!(code("", true), "(empty)");
        // A terminal's colour codes in a pasted value never reach the Markdown as control characters.
        assert_eq!(code("v1\x1b[0m\tx", false), "`v1\u{fffd}[0m x`");
    }

    #[test]
    fn fences_outgrow_backtick_runs_in_the_content() {
        let mut out = String::new();
        fenced(&mut out, "text", "say ```hi``` and ````bye````");
        assert_eq!(out, "`````text\nsay ```hi``` and ````bye````\n`````\n\n");
    }

    #[test]
    fn every_table_row_has_the_header_cell_count() {
        let text = render(&fixture::report());
        let mut columns = None;
        for line in text.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            // GitHub splits cells on every `|` that is not backslash-escaped, inside code spans too.
            let mut cells = 0;
            let mut escaped = false;
            for c in line.chars() {
                if escaped {
                    escaped = false;
                    continue;
                }
                match c {
                    '\\' => escaped = true,
                    '|' => cells += 1,
                    _ => {}
                }
            }
            match columns {
                None => columns = Some(cells),
                Some(n) => assert_eq!(cells, n, "{line}"),
            }
        }
    }

    const DOC: &str =
        "# duplicate-extension\n\n## What it finds\nOne extension twice.\n\n## Example\n\n```yaml\n# not a heading\n```\n";

    #[test]
    fn rule_docs_sit_below_the_rule_heading() {
        let info = RuleInfo {
            id: "duplicate-extension",
            severity: Severity::Error,
            summary: "one extension present more than once",
            doc: DOC,
        };
        insta::assert_snapshot!(rules(&[info]), @r"
        # Rules

        <!-- Generated by `talos-ext rules --format markdown`: edit the rules' docs in crates/analyzer/src/rules/, not this file. -->

        | rule | severity | what it finds |
        | --- | --- | --- |
        | [`duplicate-extension`](#duplicate-extension) | error | one extension present more than once |

        ## `duplicate-extension`

        Severity: **error**. one extension present more than once

        ### What it finds
        One extension twice.

        ### Example

        ```yaml
        # not a heading
        ```
        ");
    }

    #[test]
    fn doc_headings_move_below_the_rule_and_only_a_leading_name_is_dropped() {
        let id = "duplicate-extension";
        // A first heading that is not the rule's name stays, moved to `###`; so does the name after some text.
        assert_eq!(
            demote_headings("# Why\ntext\n## `duplicate-extension`\n", id),
            "### Why\ntext\n#### `duplicate-extension`\n"
        );
        assert_eq!(
            demote_headings("Text first.\n# `duplicate-extension`\n", id),
            "Text first.\n### `duplicate-extension`\n"
        );
        assert_eq!(
            demote_headings("\n# duplicate-extension\nbody\n", id),
            "\nbody\n"
        );
        // Comments in a fenced shell block are no headings, whichever line they are on.
        let fenced = "Run:\n```sh\n# wipe\ntalosctl reset\n# then check\n```\n# After\n";
        assert_eq!(
            demote_headings(fenced, id),
            fenced.replace("\n# After", "\n### After")
        );
        // A `#` without a blank after it, or seven of them, is no heading.
        assert_eq!(heading_level("#hashtag"), None);
        assert_eq!(heading_level("####### seven"), None);
        assert_eq!(heading_level("###\tthree"), Some(3));
        // GitHub's anchor keeps letters, digits, `-` and `_`, lowercases, and makes blanks dashes.
        assert_eq!(anchor("Node a.b_C"), "node-ab_c");
    }

    #[test]
    fn no_rules_says_so() {
        assert!(rules(&[]).ends_with("No rules are defined yet.\n"));
    }
}
