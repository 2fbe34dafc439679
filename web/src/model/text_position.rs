//! Where a span lies in the textarea: the report counts 1-based lines and characters, the DOM's selection counts
//! UTF-16 code units from the start of the text.

use talos_ext_analyzer::Span;

/// The UTF-16 offsets `[start, end)` of `span` in `text` (lines split on `\n`), clamped to the text: the span's
/// last character is included.
pub fn utf16_range(text: &str, span: &Span) -> (u32, u32) {
    let start = utf16_offset(text, span.line, span.column);
    let end = utf16_offset(text, span.end_line, span.end_column.saturating_add(1));
    (start, end.max(start))
}

/// The UTF-16 offset of 1-based `column` (a character count) on 1-based `line`; a column past the line's end is its
/// end, a line past the text's end is the text's end.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset: usize = 0;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line as usize {
            let within: usize = content
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(char::len_utf16)
                .sum();
            return clamp(offset + within);
        }
        offset += content.encode_utf16().count() + 1;
    }
    clamp(offset.saturating_sub(1))
}

fn clamp(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The number of lines of `text` as the editor shows them (an empty text has one).
pub fn line_count(text: &str) -> u32 {
    let mut words = text.as_bytes().chunks_exact(8);
    let mut breaks: usize = (&mut words)
        .map(|w| newline_mask(w).count_ones() as usize)
        .sum();
    breaks += words.remainder().iter().filter(|b| **b == b'\n').count();
    clamp(breaks + 1)
}

/// The high bit of each byte of `word` (8 bytes) that is a `\n`, eight at a time: a 20 MB paste is counted in a
/// few milliseconds instead of tens.
pub fn newline_mask(word: &[u8]) -> u64 {
    let mut bytes = [0_u8; 8];
    for (to, from) in bytes.iter_mut().zip(word) {
        *to = *from;
    }
    // Zero where the byte was '\n'; a byte's high bit of `((x & 0x7f) + 0x7f) | x` is set when it is not zero (no
    // carry crosses into the next byte).
    let x = u64::from_le_bytes(bytes) ^ 0x0a0a_0a0a_0a0a_0a0a;
    let nonzero = ((x & 0x7f7f_7f7f_7f7f_7f7f) + 0x7f7f_7f7f_7f7f_7f7f) | x;
    !nonzero & 0x8080_8080_8080_8080
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(line: u32, column: u32, end_line: u32, end_column: u32) -> Span {
        Span {
            input: 0,
            line,
            column,
            end_line,
            end_column,
        }
    }

    #[test]
    fn counts_utf16_units_not_bytes_or_characters() {
        // "é" is 2 bytes and 1 unit; "𝄞" is 4 bytes and 2 units.
        let text = "ab\né𝄞cd\nx";
        assert_eq!(utf16_range(text, &span(2, 3, 2, 4)), (6, 8)); // "cd"
        assert_eq!(utf16_range(text, &span(2, 2, 2, 2)), (4, 6)); // "𝄞"
        assert_eq!(utf16_range(text, &span(1, 1, 3, 1)), (0, 10));
    }

    #[test]
    fn clamps_past_the_line_and_the_text() {
        let text = "ab\ncd";
        assert_eq!(utf16_offset(text, 1, 99), 2);
        assert_eq!(utf16_offset(text, 9, 1), 5);
        assert_eq!(utf16_range(text, &span(2, 1, 2, 99)), (3, 5));
    }

    #[test]
    fn counts_lines() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a\nb\n"), 3);
    }

    #[test]
    fn counts_lines_eight_bytes_at_a_time_as_one_at_a_time() {
        // Every byte value next to newlines, at every alignment and length.
        let mut text = Vec::new();
        for b in 0..=255_u8 {
            text.extend_from_slice(&[b, b'\n', b, b, 0x8a, b'\n', b'\n']);
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        for start in 0..9 {
            for end in (text.len() - 20..=text.len()).filter(|e| text.is_char_boundary(*e)) {
                let Some(part) = text.get(start..end) else {
                    continue;
                };
                let expected = part.bytes().filter(|b| *b == b'\n').count() + 1;
                assert_eq!(line_count(part) as usize, expected, "{start}..{end}");
            }
        }
    }
}
