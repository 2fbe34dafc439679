use std::time::{Duration, Instant};

use super::*;
use crate::tree::{ScalarStyle, Value};

fn lines(text: &str) -> Vec<CleanLine<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
        .collect()
}

fn items(text: &str) -> Vec<Item<'static>> {
    parse_all(&lines(text), 0, &Limits::default())
}

fn documents(text: &str) -> Vec<Node<'static>> {
    items(text)
        .into_iter()
        .filter_map(|i| match i {
            Item::Document(n) => Some(n),
            Item::Error(_) => None,
        })
        .collect()
}

fn errors(text: &str) -> Vec<YamlError> {
    items(text)
        .into_iter()
        .filter_map(|i| match i {
            Item::Error(e) => Some(e),
            Item::Document(_) => None,
        })
        .collect()
}

fn span4(n: &Node) -> (u32, u32, u32, u32) {
    (
        n.span.line,
        n.span.column,
        n.span.end_line,
        n.span.end_column,
    )
}

#[test]
fn spans_of_scalars_and_collections() {
    let docs =
        documents("a: 1\nb:\n  - 'x'\n  - \"y\"\nc: |\n  hello\n  world\n\ne: {f: [1, 2]}\n");
    let root = &docs[0];
    assert_eq!(span4(root), (1, 1, 9, 14));
    assert_eq!(span4(root.get("a").unwrap()), (1, 4, 1, 4));
    let b = root.get("b").unwrap();
    assert_eq!(span4(b), (3, 3, 4, 7));
    assert_eq!(
        b.as_sequence().unwrap()[0].value,
        Value::Scalar("x".into(), ScalarStyle::SingleQuoted)
    );
    let c = root.get("c").unwrap();
    assert_eq!(c.as_str(), Some("hello\nworld\n"));
    assert_eq!(span4(c), (6, 3, 7, 7));
    assert_eq!(span4(root.path(&["e", "f"]).unwrap()), (9, 8, 9, 13));
}

#[test]
fn a_flow_collection_closed_left_of_its_start_ends_at_its_bracket() {
    // The `]` stands at column 5, left of the `[` (column 17): the list's span still runs to it.
    let text = "machine:\n  install:\n    extensions: [\n      {image: ghcr.io/siderolabs/iscsi-tools:v0.1.4},\n    ]\n";
    let docs = documents(text);
    let list = docs[0].path(&["machine", "install", "extensions"]).unwrap();
    assert_eq!(span4(list), (3, 17, 5, 5));
}

#[test]
fn a_span_of_only_white_space_stays_where_it_starts() {
    // A literal block whose content (indented 2, as its indicator says) is a line of spaces: its span is its first
    // character, not the last character written before it (`|2`, above it).
    let docs = documents("a: |2\n   \n\nb: 1\n");
    let a = docs[0].get("a").unwrap();
    assert_eq!(a.as_str(), Some(" \n"));
    assert_eq!(span4(a), (2, 3, 2, 3));
}

#[test]
fn empty_value_takes_its_key_span() {
    let docs = documents("a:\nb: 2\n");
    let a = docs[0].get("a").unwrap();
    assert!(a.is_null());
    assert_eq!(span4(a), (1, 1, 1, 1));
}

#[test]
fn columns_map_through_clean_lines() {
    // Lines as a quote-marked paste gives them: `> ` removed, so text starts at column 3.
    let lines: Vec<CleanLine> = ["a:", "  b: x"]
        .iter()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(*t, i as u32 + 10, 2))
        .collect();
    let docs = parse_all(&lines, 3, &Limits::default());
    let Item::Document(root) = &docs[0] else {
        panic!("{docs:?}")
    };
    let b = root.path(&["a", "b"]).unwrap();
    assert_eq!((b.span.input, b.span.line, b.span.column), (3, 11, 8));
}

#[test]
fn multi_document_stream() {
    let docs = documents("---\na: 1\n---\nb: 2\n...\n---\n- c\n");
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[2].as_sequence().map(<[Node]>::len), Some(1));
    assert_eq!(docs[1].span.line, 4);
}

#[test]
fn syntax_error_is_mapped_and_other_documents_still_read() {
    let text = "a: 1\n---\nb:\n  c: 1\n d: 2\n---\ne: 3\n";
    let all = items(text);
    let docs: Vec<_> = all
        .iter()
        .filter(|i| matches!(i, Item::Document(_)))
        .collect();
    let errs = errors(text);
    assert_eq!(docs.len(), 2, "{all:?}");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 5);
    assert!(
        errs[0].message.starts_with("invalid YAML: "),
        "{}",
        errs[0].message
    );
    assert!(
        !errs[0].message.contains("while parsing"),
        "{}",
        errs[0].message
    );
}

#[test]
fn anchors_and_aliases_are_expanded() {
    let docs = documents("base: &b\n  x: 1\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n");
    let root = &docs[0];
    assert_eq!(root.path(&["use", "x"]).and_then(Node::as_str), Some("1"));
    assert_eq!(
        root.path(&["merged", "x"]).and_then(Node::as_str),
        Some("1")
    );
    assert_eq!(
        root.path(&["merged", "y"]).and_then(Node::as_str),
        Some("2")
    );
    // The alias's span is where the alias is written.
    assert_eq!(root.get("use").unwrap().span.line, 3);
}

#[test]
fn explicit_keys_win_over_merged_ones() {
    let docs = documents("b: &b {x: 1, y: 1}\nm:\n  <<: *b\n  x: 2\n");
    assert_eq!(docs[0].path(&["m", "x"]).and_then(Node::as_str), Some("2"));
    assert_eq!(docs[0].path(&["m", "y"]).and_then(Node::as_str), Some("1"));
}

#[test]
fn unknown_alias_is_an_error() {
    let errs = errors("a: *nope\n");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("anchor"), "{}", errs[0].message);
}

/// A hang guard, not a benchmark: these inputs are refused in milliseconds, and one expanded or walked node by node
/// would run for hours. At 5 s it failed under load (two mutation jobs and a build on two cores); 60 s is the
/// mutation runs' own timeout.
pub(crate) const HANG: Duration = Duration::from_secs(60);

fn quick(text: &str) -> Vec<YamlError> {
    let start = Instant::now();
    let errs = errors(text);
    assert!(start.elapsed() < HANG, "took {:?}", start.elapsed());
    errs
}

#[test]
fn billion_laughs_is_refused_fast() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let errs = quick(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.contains("nodes"), "{}", errs[0].message);
}

#[test]
fn many_aliases_are_refused() {
    let mut text = String::from("a: &a x\nl:\n");
    for _ in 0..10_001 {
        text.push_str("  - *a\n");
    }
    let errs = quick(&text);
    assert!(errs[0].message.contains("aliases"), "{}", errs[0].message);
}

#[test]
fn deep_flow_nesting_is_refused() {
    let text = "[".repeat(10_000) + &"]".repeat(10_000);
    let errs = quick(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("levels deep"),
        "{}",
        errs[0].message
    );
}

#[test]
fn deep_block_nesting_is_refused() {
    let text = "- ".repeat(10_000) + "x\n";
    let errs = quick(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("levels deep"),
        "{}",
        errs[0].message
    );
    let mut mapping = String::new();
    for depth in 0..2_000 {
        mapping.push_str(&" ".repeat(depth));
        mapping.push_str("k:\n");
    }
    assert!(quick(&mapping)[0].message.contains("levels deep"));
}

#[test]
fn nesting_within_the_limit_is_read() {
    let text = "[".repeat(200) + &"]".repeat(200);
    assert_eq!(documents(&text).len(), 1);
}

#[test]
fn alias_cannot_exceed_depth() {
    let limits = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let docs = parse_all(&lines("a: &a [[x]]\nb: [[*a]]\n"), 0, &limits);
    assert!(
        matches!(&docs[0], Item::Error(e) if e.message.contains("levels deep")),
        "{docs:?}"
    );
}

#[test]
fn huge_document_is_refused_and_next_document_read() {
    let limits = Limits {
        max_document_chars: 1 << 20,
        ..Limits::default()
    };
    let mut text = String::from("big:\n");
    for i in 0..60_000 {
        text.push_str(&format!("  - item-{i:08}\n"));
    }
    text.push_str("---\nsmall: 1\n");
    let start = Instant::now();
    let out = parse_all(&lines(&text), 0, &limits);
    assert!(start.elapsed() < HANG);
    assert!(
        matches!(&out[0], Item::Error(e) if e.message.contains("too large")),
        "{:?}",
        out.first()
    );
    assert!(matches!(&out[1], Item::Document(n) if n.get("small").is_some()));
}

#[test]
fn too_many_nodes_is_refused() {
    let limits = Limits {
        max_nodes: 100,
        ..Limits::default()
    };
    let text = format!("[{}]", vec!["x"; 200].join(", "));
    let out = parse_all(&lines(&text), 0, &limits);
    assert!(
        matches!(&out[0], Item::Error(e) if e.message.contains("nodes")),
        "{out:?}"
    );
}

#[test]
fn block_size_is_limited() {
    let limits = Limits {
        max_block_chars: 10,
        ..Limits::default()
    };
    let out = parse_all(&lines("a: 0123456789\n"), 0, &limits);
    assert!(matches!(&out[0], Item::Error(e) if e.message.contains("too large")));
}

#[test]
fn document_start_lines() {
    assert!(is_document_start("---"));
    assert!(is_document_start("--- # c"));
    assert!(!is_document_start("----"));
    assert!(!is_document_start(" ---"));
}

#[test]
fn messages_are_human() {
    let limits = Limits::default();
    assert!(humanize(
        "while parsing a block mapping, did not find expected key",
        &limits
    )
    .contains("mapping key"));
    assert_eq!(
        humanize("something new", &limits),
        "invalid YAML: something new"
    );
}

#[test]
fn repeated_keys_are_reported_and_the_document_kept() {
    let out = items("a:\n  x: 1\n  y: 2\n  x: 3\n");
    let errs: Vec<_> = out
        .iter()
        .filter_map(|i| {
            if let Item::Error(e) = i {
                Some(e)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].line, errs[0].column), (4, 3));
    assert!(
        errs[0]
            .message
            .contains("`x` is repeated (first at line 2)"),
        "{}",
        errs[0].message
    );
    assert_eq!(
        out.iter()
            .filter(|i| matches!(i, Item::Document(_)))
            .count(),
        1
    );
}

#[test]
fn repeated_keys_in_large_mappings() {
    let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    text.push_str("k7: again\n");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 41);
    assert!(
        errs[0]
            .message
            .contains("`k7` is repeated (first at line 8)"),
        "{}",
        errs[0].message
    );
}

/// What a budget lets through at its edge: a document at exactly the budget is read, one unit over is refused, the
/// same by the general parser ([`parse`]) and by the reading the app uses ([`parse_all`], fast path first).
#[test]
fn every_budget_is_exact_at_its_edge() {
    fn outcome(text: &str, limits: Limits) -> Result<usize, String> {
        let general = parse(&lines(text), 0, &limits);
        assert_eq!(general, parse_all(&lines(text), 0, &limits), "{text:?}");
        let errors: Vec<_> = general
            .iter()
            .filter_map(|i| match i {
                Item::Error(e) => Some(e.message.clone()),
                Item::Document(_) => None,
            })
            .collect();
        match errors.as_slice() {
            [] => Ok(general.len()),
            _ => Err(errors.join("; ")),
        }
    }
    type Set = fn(&mut Limits, usize);
    let (nodes, aliases, depth): (Set, Set, Set) = (
        |l, n| l.max_nodes = n,
        |l, n| l.max_aliases = n,
        |l, n| l.max_depth = n,
    );
    let (document, block): (Set, Set) = (
        |l, n| l.max_document_chars = n,
        |l, n| l.max_block_chars = n,
    );
    // (what the refusal says, the text, the budget it just fits, which budget)
    let cases: [(&str, &str, usize, Set); 11] = [
        // The mapping, `a`, the sequence, `1`, the inner mapping, `b`, `2`.
        ("nodes", "a: [1, {b: 2}]", 7, nodes),
        // The root mapping, `a`, the inner mapping, `b`, `1`: the last is counted at a scalar inside a block mapping
        // that closes after it. The fast path once left its root mapping out of the count.
        ("nodes", "a:\n  b: 1", 5, nodes),
        // An empty value counts as a node: the root mapping, `a`, its empty value, `b`, `1`.
        ("nodes", "a:\nb: 1", 5, nodes),
        // ... also the last one, counted when its mapping closes: the root mapping, `a`, `1`, `b`, its empty value.
        ("nodes", "a: 1\nb:", 5, nodes),
        // Collections alone count too.
        ("nodes", "[[[]]]", 3, nodes),
        ("aliases", "a: &x 1\nb: [*x, *x]", 2, aliases),
        // An alias counts the nodes it repeats: here its expansion is what reaches the budget.
        (
            "expand this YAML document to more than 11 nodes",
            "a: &x [1, 2]\nb: *x",
            12,
            nodes,
        ),
        // The alias puts its one-level sequence at the third level.
        ("levels deep", "a: &a [x]\nb: [*a]", 3, depth),
        ("document is too large", "a: 1", 4, document),
        // Line breaks inside a document count: 3 × 4 + 2.
        ("document is too large", "a: 1\nb: 2\nc: 3", 14, document),
        // A block counts each line's characters and its line break: 3 + 3.
        ("YAML is too large", "ab\ncd", 6, block),
    ];
    for (budget, text, edge, set) in cases {
        let mut limits = Limits::default();
        set(&mut limits, edge);
        assert_eq!(outcome(text, limits), Ok(1), "{budget}: {text:?}");
        set(&mut limits, edge - 1);
        let refused = outcome(text, limits).expect_err(budget);
        assert!(refused.contains(budget), "{budget}: {refused}");
    }
}

#[test]
fn the_document_budget_is_per_document_not_per_stream() {
    // Each document (from its `---`) fits 8 characters; the stream is 13.
    let text = "a: 1\n---\nb: 2";
    let limits = Limits {
        max_document_chars: 8,
        ..Limits::default()
    };
    for items in [
        parse(&lines(text), 0, &limits),
        parse_all(&lines(text), 0, &limits),
    ] {
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, Item::Document(_)))
                .count(),
            2,
            "{items:?}"
        );
    }
}
