//! Lines of an input after the paste noise is taken off (quote markers, prompts, ANSI colours, CR, BOM), each
//! remembering where it stands in the original so that every span points at what the user gave.

use core::fmt;
use core::ops::Deref;

use crate::span::Span;

/// One line with its noise removed. Its text borrows from the input when cleaning only took characters off its
/// ends (nearly every line): a big paste is not copied line by line. 32 bytes: a 21 MB paste has 720,000 of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanLine<'a> {
    /// The text with quote markers, ANSI codes and trailing CR removed (a prompt is kept: readers decide).
    pub text: LineText<'a>,
    /// 1-based line number in the original input.
    pub line: u32,
    /// For each character of `text`, its 1-based column in the original line. Empty means "offset only": character
    /// `i` is at column `offset + i + 1`.
    pub columns: Columns,
    /// Characters removed before `text` starts (used when `columns` is empty).
    pub offset: u32,
}

impl<'a> CleanLine<'a> {
    /// A line that needed no cleaning beyond `offset` leading characters.
    pub fn plain(text: impl Into<LineText<'a>>, line: u32, offset: u32) -> CleanLine<'a> {
        CleanLine {
            text: text.into(),
            line,
            columns: Columns::default(),
            offset,
        }
    }

    /// The original 1-based column of the character at 0-based character index `index` of `text` (an index past
    /// the end maps just past the last character).
    pub fn column(&self, index: usize) -> u32 {
        let Some(&last) = self.columns.last() else {
            return self.offset + index as u32 + 1;
        };
        match self.columns.get(index) {
            Some(&c) => c,
            None => last + 1 + (index - self.columns.len()) as u32,
        }
    }

    /// The original column of the last character (or of the line start for an empty line).
    pub fn end_column(&self) -> u32 {
        let n = self.text.chars().count();
        if n == 0 {
            self.column(0)
        } else {
            self.column(n - 1)
        }
    }
}

/// The text of a clean line, read as a `str`: borrowed from the input, or owned when cleaning changed the inside
/// of the line (16 bytes, against 24 for a `Cow<str>`; the owned case is rare, so its extra box costs little).
#[derive(Clone)]
pub enum LineText<'a> {
    Borrowed(&'a str),
    Owned(Box<String>),
}

impl Deref for LineText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            LineText::Borrowed(text) => text,
            LineText::Owned(text) => text,
        }
    }
}

impl<'a> From<&'a str> for LineText<'a> {
    fn from(text: &'a str) -> Self {
        LineText::Borrowed(text)
    }
}

impl From<String> for LineText<'_> {
    fn from(text: String) -> Self {
        LineText::Owned(Box::new(text))
    }
}

impl PartialEq for LineText<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for LineText<'_> {}

impl PartialEq<&str> for LineText<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Debug for LineText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// The original columns of a line's characters, read as a `[u32]` (empty for a line cleaned only at its ends: no
/// allocation, 8 bytes).
#[derive(Clone, Default)]
#[allow(clippy::box_collection)] // the box is the point: a thin pointer, 8 bytes instead of a Vec's 24
pub struct Columns(Option<Box<Vec<u32>>>);

impl Deref for Columns {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl From<Vec<u32>> for Columns {
    fn from(columns: Vec<u32>) -> Self {
        Columns((!columns.is_empty()).then(|| Box::new(columns)))
    }
}

impl From<&[u32]> for Columns {
    fn from(columns: &[u32]) -> Self {
        Columns::from(columns.to_vec())
    }
}

impl PartialEq for Columns {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Columns {}

impl fmt::Debug for Columns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// `s.trim_start()`, with ASCII whitespace skipped bytewise first: called on most lines of a big paste, where the
/// general Unicode trim decoding every character showed in profiles. Equal to `str::trim_start` on every input.
pub fn trim_start(s: &str) -> &str {
    let ascii = s
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .count();
    let rest = s.get(ascii..).unwrap_or(s);
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// `s.trim()`: [`trim_start`], then the standard end trim (the end is not on a hot path; less code in the page).
pub fn trim(s: &str) -> &str {
    trim_start(s).trim_end()
}

/// Is `s` empty or whitespace only (`s.trim().is_empty()`)?
pub fn is_blank(s: &str) -> bool {
    trim_start(s).is_empty()
}

/// Where a block that starts at `lines[start]` ends: the index after its last line for which `is_line` holds,
/// passing over lines for which `is_gap` holds (blank lines, warnings) when more of the block follows them.
pub fn block_end(
    lines: &[CleanLine],
    start: usize,
    is_gap: fn(&str) -> bool,
    is_line: fn(&str) -> bool,
) -> usize {
    let mut end = start + 1;
    let mut i = start + 1;
    while let Some(line) = lines.get(i) {
        let text = &*line.text;
        if is_gap(text) {
            i += 1;
            continue;
        }
        if !is_line(text) {
            break;
        }
        i += 1;
        end = i;
    }
    end
}

/// The span of characters `start..end` (0-based character indices, end exclusive) of line `lines[row]`.
pub fn span_in_line(input: usize, line: &CleanLine, start: usize, end: usize) -> Span {
    let end = end.max(start + 1);
    Span {
        input,
        line: line.line,
        column: line.column(start),
        end_line: line.line,
        end_column: line.column(end - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_line_stays_small() {
        assert_eq!(core::mem::size_of::<CleanLine>(), 32);
    }

    #[test]
    fn columns_map_to_the_original_line_and_keep_counting_past_its_end() {
        // `> a: b` with its quote marker removed, and the same line with an ANSI colour code inside it.
        let plain = CleanLine::plain("a: b", 7, 2);
        assert_eq!(
            (0..6).map(|i| plain.column(i)).collect::<Vec<_>>(),
            [3, 4, 5, 6, 7, 8]
        );
        let coloured = CleanLine {
            text: LineText::from("a: b"),
            line: 7,
            columns: Columns::from(vec![3, 4, 5, 11]),
            offset: 2,
        };
        assert_eq!(
            (0..7).map(|i| coloured.column(i)).collect::<Vec<_>>(),
            [3, 4, 5, 11, 12, 13, 14]
        );
        assert_eq!((plain.end_column(), coloured.end_column()), (6, 11));
        // Lines compare by where their characters stand too; no columns are the same as an empty list of them.
        assert_ne!(plain, coloured);
        assert_eq!(Columns::from(Vec::new()), Columns::default());
        // And by their text, borrowed or owned alike (the line cleaner's property tests compare lines so).
        assert_ne!(
            CleanLine::plain("a: b", 7, 2),
            CleanLine::plain("a: c", 7, 2)
        );
        assert_eq!(LineText::from("a: b"), LineText::from("a: b".to_string()));
        let text = LineText::from("a: b");
        assert!(text == "a: b" && text != "a: c");
        assert_eq!(CleanLine::plain("", 1, 4).end_column(), 5);
        // An empty place (just past `key:`) is one character wide, never a span that ends before it starts.
        let place = span_in_line(0, &CleanLine::plain("key:", 3, 0), 4, 4);
        assert_eq!(
            (place.line, place.column, place.end_line, place.end_column),
            (3, 5, 3, 5)
        );
    }

    #[test]
    fn a_line_debugs_as_its_text() {
        // What a failing test prints of a line (borrowed or owned alike) and of its columns.
        let owned = LineText::Owned(Box::new("b: \"c\"".to_owned()));
        assert_eq!(format!("{:?}", LineText::from("a: 1")), r#""a: 1""#);
        assert_eq!(format!("{owned:?}"), r#""b: \"c\"""#);
        assert_eq!(format!("{:?}", Columns::from(vec![3, 5])), "[3, 5]");
        assert_eq!(format!("{:?}", Columns::default()), "[]");
    }

    #[test]
    fn trims_equal_the_standard_ones() {
        let pieces = [
            "", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1c}", "\u{85}", "\u{a0}", "\u{2003}",
            "\u{3000}", "\u{200b}", "a", "é", ":", "ab c",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let s = format!("{a}{b}{c}{d}");
                        assert_eq!(trim_start(&s), s.trim_start(), "{s:?}");
                        assert_eq!(trim(&s), s.trim(), "{s:?}");
                        assert_eq!(is_blank(&s), s.trim().is_empty(), "{s:?}");
                    }
                }
            }
        }
    }
}
