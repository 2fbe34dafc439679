//! JSON streams (`talosctl -o json` prints objects one after another, not an array; JSON schematics and patches are
//! single values) read through `serde_json` into [`Node`] trees. Every node of a value carries the value's span:
//! `serde_json` gives positions per value, not per node.

use serde_json::Value as Json;

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
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Json>();
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
                items.push(Item::Document(to_node(value, span)));
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

/// Converts a JSON value (depth bounded by `serde_json`'s recursion limit of 128) to a tree with one span.
fn to_node(value: Json, span: Span) -> Node<'static> {
    let value = match value {
        Json::Null => Value::Scalar("null".into(), ScalarStyle::Plain),
        Json::Bool(b) => Value::Scalar(b.to_string().into(), ScalarStyle::Plain),
        Json::Number(n) => Value::Scalar(n.to_string().into(), ScalarStyle::Plain),
        Json::String(s) => Value::Scalar(s.into(), ScalarStyle::DoubleQuoted),
        Json::Array(items) => {
            Value::Sequence(items.into_iter().map(|v| to_node(v, span)).collect())
        }
        Json::Object(map) => Value::Mapping(
            map.into_iter()
                .map(|(k, v)| {
                    let key = Node {
                        value: Value::Scalar(k.into(), ScalarStyle::DoubleQuoted),
                        span,
                    };
                    (key, to_node(v, span))
                })
                .collect(),
        ),
    };
    Node { value, span }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

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
        assert!(start.elapsed() < Duration::from_secs(5));
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
    }
}
