//! The fast path against the general parser: equal items (trees and spans, errors) on every fixture, on generated
//! talosctl streams, and on random mutations of them; and the fast path really reads the machine-written streams.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::super::{parse as parse_general, parse_all, with_general_only as general, Item, Limits};
use crate::text::CleanLine;
use crate::{analyze, Input, Options, Report};

#[allow(dead_code)] // the table generator is for the benchmarks
#[path = "../../../benches/support/cluster_gen.rs"]
mod cluster_gen;

fn lines(text: &str) -> Vec<CleanLine<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
        .collect()
}

/// Both paths on one text read as a YAML block.
fn both(text: &str) -> (Vec<Item<'static>>, Vec<Item<'static>>) {
    let lines = lines(text);
    let fast = parse_all(&lines, 0, &Limits::default());
    let slow = general(|| parse_all(&lines, 0, &Limits::default()));
    // `parse` (the general parser alone, for documents kept) gives the same items.
    assert_eq!(parse_general(&lines, 0, &Limits::default()), slow);
    (fast, slow)
}

fn report(text: &str) -> Report {
    analyze(&[Input::text("t", text)], &Options::default())
}

/// How many lines the fast path reads before handing over.
fn fast_lines(text: &str) -> (usize, usize) {
    let lines = lines(text);
    (
        super::parse(&lines, 0, &Limits::default(), &mut |_| {}),
        lines.len(),
    )
}

/// [`fast_lines`] of a text that both paths read to the same items.
fn read_equally(text: &str) -> (usize, usize) {
    let (fast, slow) = both(text);
    assert_eq!(fast, slow, "{text:?}");
    fast_lines(text)
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_reads_the_same_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    let mut compared = 0;
    let mut fast_read = 0;
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let (fast, slow) = both(&text);
        assert_eq!(fast, slow, "{}: items differ", file.display());
        assert_eq!(
            report(&text),
            general(|| report(&text)),
            "{}: reports differ",
            file.display()
        );
        compared += 1;
        if fast_lines(&text).0 > 0 {
            fast_read += 1;
        }
    }
    assert!(compared > 50, "only {compared} fixtures found");
    // The talosctl -o yaml fixtures (and others) go through the fast path at least in part.
    assert!(
        fast_read >= 3,
        "the fast path read only {fast_read} fixtures"
    );
}

#[test]
fn generated_streams_read_wholly_by_the_fast_path_and_equally() {
    for nodes in [1, 3, 20] {
        let text = cluster_gen::yaml(nodes);
        let (read, total) = fast_lines(&text);
        // The trailing `---` (an empty document) is left to the general parser.
        assert_eq!(read, total - 1, "{nodes} nodes");
        let (fast, slow) = both(&text);
        assert_eq!(fast, slow);
        assert_eq!(report(&text), general(|| report(&text)));
    }
}

#[test]
fn talosctl_fixture_is_read_by_the_fast_path() {
    let text = include_str!("../../../../../fixtures/structured/talosctl-yaml-several-nodes.yaml");
    let (read, total) = fast_lines(text);
    assert!(read > total / 2, "read {read} of {total} lines");
}

#[test]
fn literal_scalars_clip_strip_and_blank_lines() {
    for text in [
        "a: |\n  x\n\n  y\n\n\nb: 1\n",
        "a: |-\n  x\n  y\nb:\n  c: |\n    z\n",
        "a: |\n    deep\n    more  \nb: 'it''s'\nc: \"q\"\n",
        "a:\nb:\n  c:\n  d: 1\n",
        "---\na: 1\n---\nb: 2\n---\n",
        "\n\na: 1\n---\n\n---\nb: x y z\n",
    ] {
        assert!(
            read_equally(text).0 > 0,
            "{text:?} not read by the fast path"
        );
    }
}

/// Shapes of machine-written YAML that the fast path reads to the end (a big paste's speed rests on it), equal to the
/// general parser's reading.
#[test]
fn what_machine_written_yaml_holds_is_read_wholly_by_the_fast_path() {
    for text in [
        // Blank lines before the first `---`.
        "\n\n---\na: 1\n",
        // A blank line of a literal block indented as its content (an editor's indentation kept).
        "a: |\n  x\n  \n  y\nb: 1\n",
        // A literal block two levels deep, followed by a key of the outermost mapping (talosctl's descriptions).
        "spec:\n  metadata:\n    description: |\n      x\nnode: a\n",
        // A key starting with `_`.
        "_a: 1\n",
    ] {
        let (read, total) = read_equally(text);
        assert_eq!(read, total, "{text:?}");
    }
}

#[test]
fn what_it_does_not_understand_goes_to_the_general_parser() {
    for text in [
        "a: 1 # comment\n",
        "a:\n  - x\n",
        "a: {b: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: 1\na: 2\n",
        "a: b: c\n",
        "a: x\n  continued\n",
        "a: |+\n  x\n\n",
        "a: >\n  folded\n",
        "a:\n\tb: 1\n",
        "a: é\n",
        "  a: 1\n",
        "a:\n    b: 1\n  c: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "--- a\n",
        // A blank line of a literal block with more spaces than its content's indentation: those spaces are content.
        "a: |\n  x\n    \n  y\n",
        // Keys starting with `-`, `.` or `/`.
        "-a: 1\n",
        ".a: 1\n",
        "/a: 1\n",
    ] {
        assert_eq!(
            read_equally(text).0,
            0,
            "{text:?} was read by the fast path"
        );
    }
}

/// Characters and pieces that make YAML irregular.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just(": ".to_string()),
        Just("- ".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("#".to_string()),
        Just(" #".to_string()),
        Just("|".to_string()),
        Just("|-".to_string()),
        Just(">".to_string()),
        Just("---\n".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("{".to_string()),
        Just("[".to_string()),
        Just("\t".to_string()),
        Just("x".to_string()),
        Just("key: value\n".to_string()),
        Just("\n    ".to_string()),
        Just("é".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any splice into or cut of a generated stream reads the same both ways.
    #[test]
    fn mutated_streams_read_the_same(
        nodes in 1usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4, piece()), 1..4),
    ) {
        let mut text = cluster_gen::yaml(nodes);
        for (at, cut, insert) in edits {
            let at = at.index(text.len() + 1);
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (at + cut..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            text.replace_range(at..end, &insert);
        }
        let (fast, slow) = both(&text);
        prop_assert_eq!(fast, slow);
    }

    /// Line-level edits (indentation, duplicated and dropped lines) too.
    #[test]
    fn reindented_streams_read_the_same(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4), 1..6),
    ) {
        let text = cluster_gen::yaml(2);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (at, kind) in edits {
            let i = at.index(lines.len());
            match kind {
                0 => lines[i].insert(0, ' '),
                1 => { lines[i] = lines[i].trim_start_matches(' ').to_string(); }
                2 => { let l = lines[i].clone(); lines.insert(i, l); }
                _ => { lines.remove(i); }
            }
            if lines.is_empty() {
                lines.push(String::new());
            }
        }
        let text = lines.join("\n");
        let (fast, slow) = both(&text);
        prop_assert_eq!(fast, slow);
    }
}

/// A `---` followed by a tab and content: the general parser used to report its error twice when it resumed there.
#[test]
fn content_after_a_document_start_is_one_error_both_ways() {
    let mut text = cluster_gen::yaml(2);
    let second = text.match_indices("\n---\n").nth(1).map(|(i, _)| i + 1);
    let Some(at) = second else {
        panic!("the generated stream has no second document start");
    };
    text.replace_range(at..at + 4, "--- \t");
    let (fast, slow) = both(&text);
    assert_eq!(fast, slow);
    let errors = slow.iter().filter(|i| matches!(i, Item::Error(_))).count();
    assert_eq!(errors, 1, "{slow:?}");
}
