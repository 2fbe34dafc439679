//! JSON streams (`talosctl -o json` prints objects one after another, not an array; JSON schematics and patches are
//! single values) read through `serde_json` into [`Node`] trees. Every node of a value carries the value's span:
//! `serde_json` gives positions per value, not per node.
//!
//! The tree is built by serde_json's parser calling [`TreeVisitor`] directly, not through a `serde_json::Value`
//! (which would be built and then converted, and would put `Value` and its maps into the page's wasm). An object
//! reads as `Value` read it: keys sorted, and of a repeated key the last value (as Go's encoding/json keeps it).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::sort;
use crate::span::Span;
use crate::text::CleanLine;
use crate::tree::{Node, ScalarStyle, Value};
use crate::yaml::{Item, Limits, YamlError};

/// Parses the concatenated JSON values of `lines`. After a syntax error it resumes at the next line (from the
/// error's line on, always moving forward) that starts with `{` or `[`.
pub fn parse(lines: &[CleanLine], input: usize, limits: &Limits) -> Vec<Item<'static>> {
    let mut items = Vec::new();
    let total: usize = lines.iter().map(|l| l.text.len() + 1).sum();
    if total > limits.max_block_chars {
        let (line, column) = lines.first().map_or((1, 1), |l| (l.line, l.column(0)));
        let message = format!(
            "this JSON is too large to read (more than {} MiB)",
            limits.max_block_chars >> 20
        );
        items.push(Item::Error(YamlError {
            line,
            column,
            message,
        }));
        return items;
    }
    // Joined once: after an error, reading resumes at a later line of the same text (joining the rest again at
    // each error made a paste of 20,000 broken one-line values take seconds, and ten times as many, minutes).
    let text = Joined::new(lines);
    let mut first = 0;
    while first < lines.len() {
        match parse_from(&text, lines, first, input, &mut items) {
            None => break,
            Some(stop) => {
                match (stop.max(first + 1)..lines.len())
                    .find(|&i| lines[i].text.starts_with(['{', '[']))
                {
                    Some(next) => first = next,
                    None => break,
                }
            }
        }
    }
    items
}

/// `lines` joined with `\n`, with the byte offset where each line starts.
struct Joined {
    text: String,
    starts: Vec<usize>,
}

impl Joined {
    fn new(lines: &[CleanLine]) -> Joined {
        let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&line.text);
        }
        Joined { text, starts }
    }

    /// The (0-based line, 0-based character column) of a byte offset.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = offset.min(self.text.len());
        let col = self.text.get(start..end).map_or(0, |s| s.chars().count());
        (line, col)
    }
}

/// Reads values until the end (`None`) or an error (the index in `lines` of the line where reading stopped).
fn parse_from(
    text: &Joined,
    lines: &[CleanLine],
    first: usize,
    input: usize,
    items: &mut Vec<Item>,
) -> Option<usize> {
    let base = text.starts.get(first).copied().unwrap_or(text.text.len());
    let rest = text.text.get(base..).unwrap_or_default();
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Tree>();
    loop {
        let start = base + skip_blank(rest, stream.byte_offset());
        match stream.next() {
            None => return None,
            Some(Ok(value)) => {
                let end = base + stream.byte_offset();
                let (l0, c0) = text.locate(start);
                let (l1, c1) = text.locate(end.saturating_sub(1));
                let at = |l: usize| &lines[l.min(lines.len() - 1)];
                let span = Span {
                    input,
                    line: at(l0).line,
                    column: at(l0).column(c0),
                    end_line: at(l1).line,
                    end_column: at(l1).column(c1),
                };
                items.push(Item::Document(with_span(value.0, span)));
            }
            Some(Err(e)) => {
                let line = e.line().max(1) - 1;
                let index = (first + line).min(lines.len() - 1);
                let clean = &lines[index];
                // serde_json counts columns in bytes; spans count characters.
                let byte_col = e.column().saturating_sub(1);
                let col = clean
                    .text
                    .char_indices()
                    .take_while(|(b, _)| *b < byte_col)
                    .count();
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                items.push(Item::Error(YamlError {
                    line: clean.line,
                    column: clean.column(col),
                    message: format!("invalid JSON: {message}"),
                }));
                return Some(index);
            }
        }
    }
}

fn skip_blank(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    offset + (rest.len() - rest.trim_start().len())
}

/// A JSON value as a tree (its nodes' spans are set afterwards, by [`with_span`]).
struct Tree(Node<'static>);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

/// Builds a node from what serde_json's parser reads (its depth bounded by the parser's recursion limit of 128).
struct TreeVisitor;

/// Until [`with_span`] sets the value's span.
const NO_SPAN: Span = Span {
    input: 0,
    line: 0,
    column: 0,
    end_line: 0,
    end_column: 0,
};

fn node(value: Value<'static>) -> Node<'static> {
    Node {
        value,
        span: NO_SPAN,
    }
}

fn plain(text: String) -> Node<'static> {
    node(Value::Scalar(text.into(), ScalarStyle::Plain))
}

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Node<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node<'static>, E> {
        Ok(node(Value::Scalar("null".into(), ScalarStyle::Plain)))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Node<'static>, E> {
        let text = if b { "true" } else { "false" };
        Ok(node(Value::Scalar(text.into(), ScalarStyle::Plain)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Node<'static>, E> {
        Ok(plain(n.to_string()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Node<'static>, E> {
        Ok(plain(n.to_string()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node<'static>, E> {
        // As `serde_json::Value` wrote it (the parser never gives a non-finite number).
        let text =
            serde_json::Number::from_f64(n).map_or_else(|| "null".to_owned(), |n| n.to_string());
        Ok(plain(text))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Node<'static>, E> {
        self.visit_string(s.to_owned())
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Node<'static>, E> {
        Ok(node(Value::Scalar(s.into(), ScalarStyle::DoubleQuoted)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'static>, A::Error> {
        let mut items = Vec::new();
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(node(Value::Sequence(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'static>, A::Error> {
        let mut entries: Vec<(String, Node<'static>)> = Vec::new();
        while let Some((key, Tree(value))) = map.next_entry::<String, Tree>()? {
            entries.push((key, value));
        }
        // Sorted by key, stably, so that of a repeated key the last value is the last of its run.
        sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Node<'static>, Node<'static>)> = Vec::with_capacity(entries.len());
        let mut entries = entries.into_iter().peekable();
        while let Some((key, value)) = entries.next() {
            if entries.peek().is_some_and(|(next, _)| *next == key) {
                continue; // a later value of the same key follows
            }
            kept.push((
                node(Value::Scalar(key.into(), ScalarStyle::DoubleQuoted)),
                value,
            ));
        }
        Ok(node(Value::Mapping(kept)))
    }
}

/// `node` with every node of it given `span` (a JSON value's nodes share its span).
fn with_span(mut node: Node<'static>, span: Span) -> Node<'static> {
    set_span(&mut node, span);
    node
}

fn set_span(node: &mut Node<'static>, span: Span) {
    node.span = span;
    match &mut node.value {
        Value::Scalar(..) => {}
        Value::Sequence(items) => items.iter_mut().for_each(|n| set_span(n, span)),
        Value::Mapping(entries) => entries.iter_mut().for_each(|(k, v)| {
            set_span(k, span);
            set_span(v, span);
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::read::structured::common::testing::lines;

    fn items(text: &str) -> Vec<Item<'static>> {
        parse(&lines(text), 0, &Limits::default())
    }

    #[test]
    fn concatenated_values_with_their_spans() {
        let out = items("{\n  \"a\": 1,\n  \"b\": [true, null, \"x\"]\n}\n{\"c\": 2}\n");
        assert_eq!(out.len(), 2);
        let Item::Document(first) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(
            (
                first.span.line,
                first.span.column,
                first.span.end_line,
                first.span.end_column
            ),
            (1, 1, 4, 1)
        );
        assert_eq!(
            first.get("a").map(|n| &n.value),
            Some(&Value::Scalar("1".into(), ScalarStyle::Plain))
        );
        let b = first.get("b").and_then(Node::as_sequence).unwrap();
        assert_eq!(b[0].value, Value::Scalar("true".into(), ScalarStyle::Plain));
        assert!(b[1].is_null());
        assert_eq!(
            b[2].value,
            Value::Scalar("x".into(), ScalarStyle::DoubleQuoted)
        );
        let Item::Document(second) = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!((second.span.line, second.span.end_column), (5, 8));
    }

    /// The tree as it was made from a `serde_json::Value` before the visitor.
    fn through_value(value: serde_json::Value) -> Node<'static> {
        use serde_json::Value as Json;
        let value = match value {
            Json::Null => Value::Scalar("null".into(), ScalarStyle::Plain),
            Json::Bool(b) => Value::Scalar(b.to_string().into(), ScalarStyle::Plain),
            Json::Number(n) => Value::Scalar(n.to_string().into(), ScalarStyle::Plain),
            Json::String(s) => Value::Scalar(s.into(), ScalarStyle::DoubleQuoted),
            Json::Array(items) => Value::Sequence(items.into_iter().map(through_value).collect()),
            Json::Object(map) => Value::Mapping(
                map.into_iter()
                    .map(|(k, v)| {
                        (
                            node(Value::Scalar(k.into(), ScalarStyle::DoubleQuoted)),
                            through_value(v),
                        )
                    })
                    .collect(),
            ),
        };
        node(value)
    }

    #[test]
    fn the_tree_is_what_a_serde_json_value_made() {
        for text in [
            r#"{"b": 1, "a": [true, false, null], "c": {"z": "x", "y": -0.0}}"#,
            r#"{"k": 1, "k": 2, "j": {"k": 3}, "k": "last"}"#,
            r#"[1.5, 1e300, -12, 18446744073709551615, -9223372036854775808, 0.1, 2.5e-8, 100000000000000000000]"#,
            r#""\u00e9\n\ud83d\ude00 \"quoted\"""#,
            r#"{"": {"": []}, "a\u0000b": {}}"#,
            "[]",
            "{}",
            "7",
        ] {
            let mut direct = serde_json::Deserializer::from_str(text).into_iter::<Tree>();
            let mut value =
                serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
            let Some(Ok(Tree(tree))) = direct.next() else {
                panic!("{text}")
            };
            let expected = through_value(value.next().unwrap().unwrap());
            assert_eq!(tree, expected, "{text}");
        }
    }

    #[test]
    fn syntax_error_names_line_and_column_and_reading_resumes() {
        let out = items("{\"a\": 1,}\n{\"b\": 2}\n");
        let Item::Error(e) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!((e.line, e.column), (1, 9));
        assert!(e.message.starts_with("invalid JSON: "), "{}", e.message);
        assert!(!e.message.contains(" at line "), "{}", e.message);
        assert!(matches!(&out[1], Item::Document(n) if n.get("b").is_some()));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let out = items("{\"é\": 1 2}\n");
        let Item::Error(e) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(e.column, 9);
    }

    #[test]
    fn deep_nesting_is_refused_fast() {
        let start = Instant::now();
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let out = items(&text);
        assert!(start.elapsed() < crate::yaml::tests::HANG);
        assert!(
            matches!(&out[0], Item::Error(e) if e.message.contains("recursion limit")),
            "{out:?}"
        );
    }

    #[test]
    fn huge_block_is_refused() {
        let limits = Limits {
            max_block_chars: 16,
            ..Limits::default()
        };
        let out = parse(&lines("{\"a\": \"0123456789abcdef\"}"), 0, &limits);
        assert!(matches!(&out[0], Item::Error(e) if e.message.contains("too large")));
        // At its edge: a block of exactly the budget (10 characters and a line break) is read, one over it is not.
        for (budget, read) in [(11, true), (10, false)] {
            let limits = Limits {
                max_block_chars: budget,
                ..Limits::default()
            };
            let out = parse(&lines("{\"a\":\"xy\"}"), 0, &limits);
            assert_eq!(
                matches!(&out[0], Item::Document(_)),
                read,
                "{budget}: {out:?}"
            );
        }
    }

    /// JSON cut short (a value never closed) is an error on its last line, where the text ends.
    #[test]
    fn json_cut_short_is_an_error_on_its_last_line() {
        let out = items("{\"a\": 1,\n \"b\": [2\n");
        let Item::Error(e) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(e.line, 2, "{e:?}");
    }
}
