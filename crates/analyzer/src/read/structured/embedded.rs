//! YAML held in a string of another document (`talosctl get mc -o yaml` prints the config as a literal `spec: |`;
//! the `schematic` ExtensionStatus carries the schematic in `extraInfo`): its lines mapped back to the input.

use crate::read::Sink;
use crate::text::CleanLine;
use crate::tree::{Node, ScalarStyle, Value};
use crate::yaml::{self, Item, Limits};

/// The lines of a string scalar's content, each mapped to where it stands in the original input. A literal block
/// (`|`, whose span starts at its first content line) maps line by line and column by column; any other string maps
/// every line to where the string starts.
pub(crate) fn lines_of<'s>(lines: &[CleanLine], scalar: &'s Node) -> Vec<CleanLine<'s>> {
    let Value::Scalar(content, style) = &scalar.value else {
        return Vec::new();
    };
    let literal = *style == ScalarStyle::Literal;
    let fallback = |part: &'s str| {
        CleanLine::plain(part, scalar.span.line, scalar.span.column.saturating_sub(1))
    };
    content
        .trim_end_matches('\n')
        .split('\n')
        .enumerate()
        .map(|(i, part)| {
            let target = scalar.span.line + i as u32;
            let source = if literal {
                lines
                    .binary_search_by_key(&target, |l| l.line)
                    .ok()
                    .and_then(|at| lines.get(at))
            } else {
                None
            };
            match source.filter(|s| s.text.ends_with(part)) {
                Some(s) => {
                    let stripped = s.text.chars().count() - part.chars().count();
                    if s.columns.is_empty() {
                        CleanLine::plain(part, s.line, s.offset + stripped as u32)
                    } else {
                        CleanLine {
                            text: part.into(),
                            line: s.line,
                            columns: (0..part.chars().count())
                                .map(|j| s.column(stripped + j))
                                .collect::<Vec<_>>()
                                .into(),
                            offset: s.offset,
                        }
                    }
                }
                None => fallback(part),
            }
        })
        .collect()
}

/// Parses the YAML documents held in a string scalar; errors go to the sink, documents are returned.
pub(crate) fn documents(sink: &mut Sink, lines: &[CleanLine], scalar: &Node) -> Vec<Node<'static>> {
    let inner = lines_of(lines, scalar);
    let mut roots = Vec::new();
    for item in yaml::parse(&inner, sink.input, &Limits::default()) {
        match item {
            Item::Document(root) => roots.push(root),
            Item::Error(e) => sink.error(e.line, e.column, e.message),
        }
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::structured::common::testing::lines;
    use crate::yaml::parse;

    #[test]
    fn literal_lines_map_to_their_original_columns() {
        let block = lines("spec: |\n    a:\n      b: x\nother: 1\n");
        let Item::Document(root) = &parse(&block, 0, &Limits::default())[0] else {
            panic!()
        };
        let spec = root.get("spec").unwrap();
        let inner = lines_of(&block, spec);
        assert_eq!(inner.len(), 2);
        assert_eq!(
            (&*inner[1].text, inner[1].line, inner[1].column(2)),
            ("  b: x", 3, 7)
        );
    }

    /// A coloured paste (`talosctl get mc -o yaml | yq -C`): the cleaned line's columns lead back past the colour
    /// codes to where each character stands in what was pasted.
    #[test]
    fn literal_lines_of_a_cleaned_paste_map_past_the_colour_codes() {
        let text = "spec: |\n    a:\n      \x1b[32mb\x1b[0m: x\n";
        let block = crate::read::paste::clean_lines(text).0;
        let Item::Document(root) = &parse(&block, 0, &Limits::default())[0] else {
            panic!()
        };
        let inner = lines_of(&block, root.get("spec").unwrap());
        assert_eq!(&*inner[1].text, "  b: x");
        // `b` after six spaces and `ESC[32m`; `:` after `ESC[0m`.
        let columns: Vec<u32> = (0..4).map(|i| inner[1].column(i)).collect();
        assert_eq!(columns, [5, 6, 12, 17]);
    }

    #[test]
    fn other_strings_map_to_where_they_start() {
        let block = lines("spec: \"a: 1\\nb: 2\"\n");
        let Item::Document(root) = &parse(&block, 0, &Limits::default())[0] else {
            panic!()
        };
        let inner = lines_of(&block, root.get("spec").unwrap());
        assert_eq!(inner.iter().map(|l| l.line).collect::<Vec<_>>(), vec![1, 1]);
    }
}
