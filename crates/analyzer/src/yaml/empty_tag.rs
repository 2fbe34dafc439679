//! `image: ghcr.io/siderolabs/iscsi-tools:`, an image reference whose tag was left out after the colon. YAML cannot
//! read it (a plain value must not end in `:`: the parser takes it for a second key on the line), so the whole
//! document would be lost behind "invalid YAML" when what is wrong is the reference, which a rule can name at its
//! place with the fix. Such lines are read as if the value were quoted: the reference keeps its empty tag.

use crate::text::CleanLine;

/// When the parse error at line `error`, character `column`, is the trailing colon of an `image: <reference>:` line,
/// `lines` with that line and every such line after it mended (quoted); one pass, so that several such entries cost
/// one more parse, not one each.
pub(super) fn mend<'a>(
    lines: &[CleanLine<'a>],
    error: usize,
    column: usize,
) -> Option<Vec<CleanLine<'a>>> {
    let line = lines.get(error)?;
    if reference_at(&line.text)?.1 != column {
        return None;
    }
    let mut mended = lines.to_vec();
    for line in &mut mended[error..] {
        if let Some(value) = reference_at(&line.text) {
            *line = quoted(line, value);
        }
    }
    Some(mended)
}

/// The character range of the value of an `image: <reference>:` line (`[- ]image: <reference>:`, then only blanks
/// or a comment): its first character and its trailing colon.
fn reference_at(text: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = chars.iter().take_while(|&&c| c == ' ').count();
    if chars.get(at) == Some(&'-') && chars.get(at + 1) == Some(&' ') {
        at += 1;
        at += chars[at..].iter().take_while(|&&c| c == ' ').count();
    }
    let key: String = chars.get(at..at + "image:".len())?.iter().collect();
    if key != "image:" {
        return None;
    }
    at += "image:".len();
    let blanks = chars[at..].iter().take_while(|&&c| c == ' ').count();
    if blanks == 0 {
        return None;
    }
    let start = at + blanks;
    let len = chars[start..]
        .iter()
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':' | '@')
        })
        .count();
    let end = start + len;
    let tail: String = chars[end..].iter().collect();
    let tail = tail.trim_start();
    let ends_well =
        tail.is_empty() || (tail.starts_with('#') && end < chars.len() && chars[end] == ' ');
    // A value that is only `:` is no reference; one ending in `:` is what the parser refused.
    (len > 1 && chars[end - 1] == ':' && ends_well).then_some((start, end - 1))
}

/// The line with its value single-quoted. The quotes take the columns of the value's first and last characters, so
/// that the value's span still covers exactly what the user wrote.
fn quoted<'a>(line: &CleanLine<'a>, (start, colon): (usize, usize)) -> CleanLine<'a> {
    let chars: Vec<char> = line.text.chars().collect();
    let mut text = String::with_capacity(line.text.len() + 2);
    let mut columns = Vec::with_capacity(chars.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        if i == start {
            text.push('\'');
            columns.push(line.column(i));
        }
        text.push(c);
        columns.push(line.column(i));
        if i == colon {
            text.push('\'');
            columns.push(line.column(i));
        }
    }
    CleanLine {
        text: text.into(),
        line: line.line,
        columns: columns.into(),
        offset: line.offset,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_all, Item, Limits};
    use super::*;

    fn lines(text: &str) -> Vec<CleanLine<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
            .collect()
    }

    #[test]
    fn the_value_is_read_with_its_colon_where_the_user_wrote_it() {
        let items = parse_all(&lines("image: x/y:\n"), 0, &Limits::default());
        let [Item::Document(root)] = &items[..] else {
            panic!("{items:?}");
        };
        let value = root.get("image").unwrap();
        assert_eq!(value.as_str(), Some("x/y:"));
        let s = value.span;
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (1, 8, 1, 11));
    }

    #[test]
    fn several_such_lines_are_mended_at_once_and_a_later_error_still_shows() {
        let text = "a:\n  - image: x/y:\n  - image: x/z:\nb: [\n";
        let items = parse_all(&lines(text), 0, &Limits::default());
        let errors: Vec<u32> = items
            .iter()
            .filter_map(|i| match i {
                Item::Error(e) => Some(e.line),
                Item::Document(_) => None,
            })
            .collect();
        assert_eq!(errors.len(), 1, "{items:?}");
        assert!(errors[0] >= 4, "{items:?}");
    }

    #[test]
    fn image_lines_with_a_trailing_colon() {
        let value = |t: &str| {
            reference_at(t).map(|(s, e)| t.chars().skip(s).take(e + 1 - s).collect::<String>())
        };
        for (text, expected) in [
            (
                "      - image: ghcr.io/siderolabs/iscsi-tools:",
                Some("ghcr.io/siderolabs/iscsi-tools:"),
            ),
            (
                "    image: ghcr.io/siderolabs/installer:  # TODO",
                Some("ghcr.io/siderolabs/installer:"),
            ),
            (
                "- image:  localhost:5000/ext/gvisor:   ",
                Some("localhost:5000/ext/gvisor:"),
            ),
            ("      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.6", None),
            ("      - image: 'ghcr.io/siderolabs/iscsi-tools:'", None),
            ("      - image: ghcr.io/siderolabs/iscsi-tools: x", None),
            ("      - image: :", None),
            ("      - image:", None),
            ("      - name: ghcr.io/siderolabs/iscsi-tools:", None),
            ("      - images: ghcr.io/siderolabs/iscsi-tools:", None),
            ("      - image: ghcr.io/x:#y", None),
        ] {
            assert_eq!(value(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn quoting_keeps_the_original_columns() {
        let line = CleanLine::plain("- image: a/b:", 3, 2);
        let quoted = quoted(&line, reference_at(&line.text).unwrap());
        assert_eq!(&*quoted.text, "- image: 'a/b:'");
        // The quotes sit on the value's first and last characters (columns 12 and 15 with the 2 removed before).
        let columns: Vec<u32> = (0..quoted.text.len()).map(|i| quoted.column(i)).collect();
        assert_eq!(
            columns,
            [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 15]
        );
        assert_eq!(quoted.line, 3);
    }

    #[test]
    fn only_an_error_on_the_trailing_colon_mends() {
        let lines: Vec<CleanLine> = [
            "a:",
            "  - image: x/y:",
            "  - image: x/z:",
            "  - image: 'x/w:'",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(*t, i as u32 + 1, 0))
        .collect();
        assert!(mend(&lines, 1, 5).is_none());
        let mended = mend(&lines, 1, 14).unwrap();
        let texts: Vec<&str> = mended.iter().map(|l| &*l.text).collect();
        assert_eq!(
            texts,
            [
                "a:",
                "  - image: 'x/y:'",
                "  - image: 'x/z:'",
                "  - image: 'x/w:'"
            ]
        );
    }
}
