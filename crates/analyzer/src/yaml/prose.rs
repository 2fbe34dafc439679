//! YAML followed by prose: a ticket pastes a schematic or a config, a blank line, then the error a tool printed
//! (`  * invalid value …`, `- extension not found`). Segmentation cannot tell such lines from more YAML (an indented
//! line or a `- ` item after a blank line continues a block), so the whole block fails to parse and the document
//! before the blank line would be lost behind an input error.
//!
//! When the parse error lies on the first line after a blank line, the document is read again up to that blank line;
//! if that reads, the caller reads what follows as something else. The error's position says where the damage
//! starts, so there is one retry per failure, never one per blank line. An error further into the text after a blank
//! line (a mis-indented key inside a config) stays an error: the text after the blank line continued the document.

use super::builder::{self, Stop};
use super::position::Positions;
use super::{join, Item, Limits};
use crate::text::{self, CleanLine};

/// Reads again the document `stop` failed in, up to the blank line before its error, when the error is on the first
/// line after that blank line and at most `max_rest` lines are left from it. On success the items of the failed try
/// (from that document on) are replaced by the shorter read's and the index of the error line is returned: the first
/// line left unread.
pub(super) fn cut(
    lines: &[CleanLine],
    first: usize,
    stop: Stop,
    max_rest: usize,
    input: usize,
    limits: &Limits,
    items: &mut Vec<Item<'static>>,
) -> Option<usize> {
    if !stop.syntax || lines.is_empty() {
        return None;
    }
    let document = first + stop.document_line.max(1) - 1;
    let error = (first + stop.at.line.max(1) - 1).min(lines.len() - 1);
    if lines.len() - error > max_rest || !after_blank(lines, document, error) {
        return None;
    }
    let end = lines[..error].iter().rposition(|l| !blank(l))? + 1;
    let positions = Positions {
        lines,
        first: document,
        input,
    };
    let mut shorter = Vec::new();
    builder::build(
        &join(&lines[document..end]),
        positions,
        limits,
        &mut shorter,
    )
    .ok()?;
    // Only a document read is worth the cut (not a lone `---`).
    let read = shorter
        .iter()
        .any(|i| matches!(i, Item::Document(root) if !root.is_null()));
    if !read {
        return None;
    }
    items.truncate(stop.items_before_document);
    items.extend(shorter);
    Some(error)
}

/// Is line `error` the first non-blank line after a blank line, inside the document starting at `document`?
fn after_blank(lines: &[CleanLine], document: usize, error: usize) -> bool {
    error > document + 1 && !blank(&lines[error]) && blank(&lines[error - 1])
}

fn blank(line: &CleanLine) -> bool {
    text::is_blank(&line.text)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_each_until_prose, with_general_only, Item, Limits};
    use crate::text::CleanLine;

    fn lines(text: &str) -> Vec<CleanLine<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
            .collect()
    }

    /// (documents' first and last lines, errors' line and column, where reading stopped).
    type Outcome = (Vec<(u32, u32)>, Vec<(u32, u32)>, Option<usize>);

    /// The outcome of the app's reading (fast path first), which must equal the general parser's alone: the fast
    /// path stops at the first document it does not understand, so the general parser meets these texts at their
    /// start, in the middle of a stream, or both.
    fn read(text: &str, max_rest: usize) -> Outcome {
        let general = with_general_only(|| read_once(text, max_rest));
        let outcome = read_once(text, max_rest);
        assert_eq!(outcome, general, "{text:?}");
        outcome
    }

    fn read_once(text: &str, max_rest: usize) -> Outcome {
        read_within(text, max_rest, &Limits::default())
    }

    fn read_within(text: &str, max_rest: usize, limits: &Limits) -> Outcome {
        let (items, rest) = items(text, max_rest, limits);
        let (mut documents, mut errors) = (Vec::new(), Vec::new());
        for item in items {
            match item {
                Item::Document(root) => documents.push((root.span.line, root.span.end_line)),
                Item::Error(e) => errors.push((e.line, e.column)),
            }
        }
        (documents, errors, rest)
    }

    /// The items read and where reading stopped.
    fn items(text: &str, max_rest: usize, limits: &Limits) -> (Vec<Item<'static>>, Option<usize>) {
        let lines = lines(text);
        let mut items = Vec::new();
        let rest = parse_each_until_prose(&lines, 0, limits, max_rest, &mut |item| {
            items.push(match item {
                Item::Document(root) => Item::Document(root.into_owned()),
                Item::Error(e) => Item::Error(e),
            })
        });
        (items, rest)
    }

    const SCHEMATIC: &str = "customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/iscsi-tools\n      - siderolabs/util-linux-tools\n";

    #[test]
    fn a_document_followed_by_a_tools_message_is_read_up_to_the_blank_line() {
        for message in [
            "  * invalid value \"siderolabs/util-linux-tools\"",
            "- invalid value: extension not found",
        ] {
            let text = format!("{SCHEMATIC}\n\n{message}\n  * more\n");
            assert_eq!(
                read(&text, usize::MAX),
                (vec![(1, 5)], vec![], Some(7)),
                "{message}"
            );
        }
    }

    #[test]
    fn without_leave_to_stop_early_the_error_is_reported_as_before() {
        let text = format!("{SCHEMATIC}\n- invalid value\n  * more\n");
        assert_eq!(read(&text, 0), (vec![], vec![(7, 3)], None));
        // Stopping would leave more lines than allowed.
        assert_eq!(read(&text, 1), (vec![], vec![(7, 3)], None));
        assert_eq!(read(&text, 2), (vec![(1, 5)], vec![], Some(6)));
    }

    #[test]
    fn an_error_further_into_the_text_after_a_blank_line_stays_an_error() {
        // A mis-indented key: the lines after the blank line continue the config, so its error must show.
        let text = "machine:\n  network:\n    hostname: a\n\n  install:\n    disk: /dev/sda\n     image: x\n";
        assert_eq!(read(text, usize::MAX), (vec![], vec![(7, 11)], None));
        // No blank line before the error: nothing to cut at.
        let text = "a: 1\n- b\n";
        assert_eq!(read(text, usize::MAX), (vec![], vec![(2, 3)], None));
    }

    #[test]
    fn when_the_shorter_text_fails_too_the_error_is_reported_as_before() {
        // The quoted value never closes: the text before the blank line fails as well.
        let text = "a: 'abc\n\n- x\n";
        let whole = read(text, 0);
        assert_eq!(whole.1.len(), 1);
        assert_eq!(read(text, usize::MAX), whole);
    }

    #[test]
    fn earlier_documents_are_kept_once_and_a_lone_marker_is_no_cut() {
        let text = "a: 1\n---\nb: 2\n\n- c\n";
        assert_eq!(
            read(text, usize::MAX),
            (vec![(1, 1), (3, 3)], vec![], Some(4))
        );
        let text = "---\n\n  * x\n";
        assert_eq!(read(text, usize::MAX), (vec![], vec![(3, 3)], None));
    }

    #[test]
    fn a_budget_breached_after_a_blank_line_is_refused_not_cut() {
        // `b` is the fourth node of a document allowed three: the document is refused, and what follows the blank
        // line is no tool's message that reading less would leave out.
        let limits = Limits {
            max_nodes: 3,
            ..Limits::default()
        };
        let text = "a: 1\n\nb: 2\n";
        let outcome = read_within(text, usize::MAX, &limits);
        assert_eq!(
            with_general_only(|| read_within(text, usize::MAX, &limits)),
            outcome
        );
        assert_eq!(outcome, (vec![], vec![(3, 1)], None));
    }

    #[test]
    fn the_document_before_a_tools_message_reads_as_if_the_paste_ended_there() {
        // The blank lines before the message are no part of the document, also for a block scalar that keeps its
        // trailing line breaks (`|+`).
        let documents = |text: &str, max_rest: usize| {
            let (items, _) = items(text, max_rest, &Limits::default());
            items
                .into_iter()
                .filter_map(|item| match item {
                    Item::Document(root) => Some(root),
                    Item::Error(_) => None,
                })
                .collect::<Vec<_>>()
        };
        let cut = documents("a: |+\n  x\n\n\n- invalid value\n", usize::MAX);
        assert_eq!(cut, documents("a: |+\n  x\n", 0));
        assert_eq!(cut[0].get("a").and_then(|a| a.as_str()), Some("x\n"));
    }

    #[test]
    fn repeated_keys_of_the_document_read_again_are_reported_once() {
        // The inner mapping closes (and reports its repeated key) before the parser fails on `- x`.
        let text = "a:\n  b: 1\n  b: 2\nc: 1\n\n- x\n";
        let (items, _) = items(text, usize::MAX, &Limits::default());
        let messages: Vec<_> = items
            .into_iter()
            .filter_map(|item| match item {
                Item::Error(e) => Some((e.line, e.message)),
                Item::Document(_) => None,
            })
            .collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(messages[0].0, 3);
    }
}
