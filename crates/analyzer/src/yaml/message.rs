//! Turns `saphyr-parser`'s messages into ones a Talos user can act on.

use super::Limits;

/// A human message for a parser error text: what was expected, and the usual cause.
pub fn humanize(info: &str, limits: &Limits) -> String {
    let known: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "a `key: value` is not allowed here: check the indentation, or quote a value that contains `: `",
        ),
        (
            "did not find expected key",
            "expected a mapping key at this indentation: is this line indented differently from the keys above it?",
        ),
        (
            "did not find expected '-' indicator",
            "expected a list item (`- `) at this indentation: check the indentation of this line",
        ),
        (
            "block sequence entries are not allowed",
            "a list item (`- `) is not allowed here: check the indentation of this line",
        ),
        (
            "did not find expected node content",
            "expected a value (a scalar, a mapping or a list)",
        ),
        ("expected ',' or ']'", "expected `,` or `]` in a `[...]` list"),
        ("expected ',' or '}'", "expected `,` or `}` in a `{...}` mapping"),
        ("misplaced bracket", "a `]` or `}` without its opening bracket"),
        ("quoted scalar, found unexpected end of stream", "a quoted string is not closed"),
        ("quoted scalar, found unexpected document indicator", "a quoted string is not closed before `---`"),
        ("unknown escape character", "an unknown escape (`\\x`) in a double-quoted string"),
        ("tab", "a tab where YAML needs spaces: indent with spaces"),
        ("found unknown anchor", "this alias (*name) refers to no anchor (&name) before it"),
        ("found duplicated anchor", "this anchor (&name) is defined twice"),
        ("simple key expect", "expected `:` after a mapping key"),
        ("simple key expected", "expected a mapping key before `:`"),
        ("unexpected end of plain scalar", "a plain value ends unexpectedly: quote it"),
        ("did not find expected <document start>", "expected `---` before the next document"),
        ("invalid content after document end marker", "unexpected content after `...` (end of document)"),
        ("wrongly indented line in block scalar", "a line of a `|` or `>` text block is indented less than its first line"),
        ("invalid indentation", "invalid indentation"),
        ("unexpected eof", "the YAML ends in the middle of a value"),
        ("found unprintable character", "an unprintable character"),
        ("did not find expected alphabetic or numeric character", "expected a name after `&` or `*`"),
        ("the handle wasn't declared", "a tag handle (`!name!`) that no `%TAG` declares"),
    ];
    if info.contains("recursion limit exceeded") {
        return format!(
            "this YAML is nested more than {} levels deep",
            limits.max_depth.min(255)
        );
    }
    match known.iter().find(|(needle, _)| info.contains(needle)) {
        Some((_, message)) => format!("invalid YAML: {message}"),
        None => format!("invalid YAML: {info}"),
    }
}
