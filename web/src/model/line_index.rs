//! Where each line of a large input starts, so that the editor's read-only view (`editor.rs`) can draw only the
//! lines in sight: a browser lays out every line of a `textarea` at once (about 2 s per MB in Chromium), which is
//! what froze the page on a pasted cluster.

use super::text_position::newline_mask;

/// A line is cut at this many characters in the view (a single 5 MB line would otherwise be laid out whole).
pub const MAX_SHOWN_CHARS: usize = 1_000;

/// The byte offset of the start of every line of a text (lines split on `\n`; an empty text has one line).
#[derive(Debug, PartialEq)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    /// Indexes `text` (at most 4 GiB: the app refuses inputs over 64 MiB).
    pub fn new(text: &str) -> LineIndex {
        let mut index = LineIndex::empty(text.len());
        index.extend(text.as_bytes());
        index
    }

    /// The index of an empty text, with room for the lines of about `capacity` bytes.
    pub fn empty(capacity: usize) -> LineIndex {
        let mut starts = Vec::with_capacity(capacity / 32 + 1);
        starts.push(0);
        LineIndex { starts, len: 0 }
    }

    /// Indexes `bytes`, which follow the text indexed so far (a paste read a slice at a time indexes each slice
    /// as it comes, `pasted_text.rs`).
    pub fn extend(&mut self, bytes: &[u8]) {
        let base = self.len as usize;
        self.len = u32::try_from(base + bytes.len()).unwrap_or(u32::MAX);
        let len = self.len;
        let starts = &mut self.starts;
        let mut push = |at: usize| starts.push(u32::try_from(base + at + 1).unwrap_or(len));
        // Eight bytes at a time; only words holding a line break are looked into.
        let mut words = bytes.chunks_exact(8);
        let mut at = 0;
        for word in &mut words {
            let mut mask = newline_mask(word);
            while mask != 0 {
                push(at + mask.trailing_zeros() as usize / 8);
                mask &= mask - 1;
            }
            at += 8;
        }
        for (i, byte) in words.remainder().iter().enumerate() {
            if *byte == b'\n' {
                push(at + i);
            }
        }
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// Lines `first .. last` (0-based, the end excluded, clamped to the text) joined with `\n`, each cut at
    /// [`MAX_SHOWN_CHARS`] characters with an ellipsis.
    pub fn block(&self, text: &str, first: usize, last: usize) -> String {
        let last = last.min(self.lines());
        let mut out = String::new();
        for line in first..last {
            if line > first {
                out.push('\n');
            }
            out.push_str(&shown(self.line(text, line)));
        }
        out
    }

    /// Line `line` (0-based) without its `\n`; empty past the end.
    fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        text.get(start as usize..end as usize).unwrap_or("")
    }
}

/// `line`, cut at [`MAX_SHOWN_CHARS`] characters.
fn shown(line: &str) -> std::borrow::Cow<'_, str> {
    match line.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]).into(),
        None => line.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_as_the_editor_does() {
        assert_eq!(LineIndex::new("").lines(), 1);
        assert_eq!(LineIndex::new("a\nb\n").lines(), 3);
        assert_eq!(
            LineIndex::new("a\nb\n").lines(),
            super::super::text_position::line_count("a\nb\n") as usize
        );
    }

    #[test]
    fn draws_the_lines_asked_for_and_clamps() {
        let text = "one\ntwo\nthree\n\nfive";
        let index = LineIndex::new(text);
        assert_eq!(index.block(text, 0, 2), "one\ntwo");
        assert_eq!(index.block(text, 2, 4), "three\n");
        assert_eq!(index.block(text, 3, 99), "\nfive");
        assert_eq!(index.block(text, 7, 9), "");
        assert_eq!(index.block(text, 0, 99), text);
    }

    #[test]
    fn cuts_long_lines_on_a_character_boundary() {
        let long = "é".repeat(MAX_SHOWN_CHARS + 5);
        let text = format!("a\n{long}\nb");
        let index = LineIndex::new(&text);
        let block = index.block(&text, 1, 3);
        let (first, rest) = block.split_once('\n').unwrap();
        assert_eq!(first.chars().count(), MAX_SHOWN_CHARS + 1);
        assert!(first.ends_with('…'));
        assert_eq!(rest, "b");
    }

    #[test]
    fn finds_every_line_start_at_every_alignment() {
        let text = "a\n\nbc\ndef\n\n\n0123456789\n𝄞é\nx\n".repeat(5);
        for start in 0..12 {
            let part = &text[start..];
            let index = LineIndex::new(part);
            let expected: Vec<u32> = std::iter::once(0)
                .chain(part.match_indices('\n').map(|(i, _)| i as u32 + 1))
                .collect();
            assert_eq!(index.starts, expected, "from {start}");
            assert_eq!(index.block(part, 0, usize::MAX), part);
        }
    }

    #[test]
    fn keeps_carriage_returns_and_non_ascii() {
        let text = "a\r\n𝄞b\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.block(text, 0, 3), text);
    }

    #[test]
    fn indexing_in_parts_gives_the_index_of_the_whole() {
        let text = "one\ntwo\n\nthree é\nfour\n\n";
        for cut in 0..=text.len() {
            for cut2 in cut..=text.len() {
                let mut index = LineIndex::empty(0);
                index.extend(&text.as_bytes()[..cut]);
                index.extend(&text.as_bytes()[cut..cut2]);
                index.extend(&text.as_bytes()[cut2..]);
                assert_eq!(index, LineIndex::new(text), "{cut} {cut2}");
            }
        }
    }
}
