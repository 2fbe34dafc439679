//! Paste noise off, positions kept: splits an input into [`CleanLine`]s (CRLF, lone CR, a leading BOM, ANSI colour
//! codes, quote markers, leading tabs, trailing spaces), each remembering the original column of every character.
//!
//! Prompts are kept in the text: the segmenter decides what is a prompt.

use crate::text::{CleanLine, LineText};

/// Lines longer than this (in bytes) are skipped with an error: nothing Talos prints is that long.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Tab stops used when expanding tabs in a line's indentation (Talos writes YAML with 4-space indentation).
const TAB_WIDTH: usize = 4;

/// A line the paste layer refused (too long): its 1-based number and length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongLine {
    pub line: u32,
    pub bytes: usize,
}

/// Splits `text` into clean lines. Lines too long to read come back empty (so numbering and blocks stay right)
/// and are listed in the second value.
pub fn clean_lines(text: &str) -> (Vec<CleanLine<'_>>, Vec<LongLine>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    // Sized once (a line per `\n`, at most one more): growing by doubling held up to three times the lines' size
    // at once on a big paste.
    let mut lines = Vec::with_capacity(count_line_feeds(bytes) + 1);
    let mut long = Vec::new();
    let mut number: u32 = 0;
    let mut start = 0;
    // One pass over the bytes finds each line's end (`\r\n`, `\n` or a lone `\r`) and what its cleaning needs; a
    // final line break does not start an empty last line.
    while start < bytes.len() {
        let mut i = start;
        let mut seen = ORDINARY;
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[usize::from(b)];
            if class == BREAK {
                break;
            }
            seen |= class;
            i += 1;
        }
        let raw = text.get(start..i).unwrap_or("");
        start = match bytes.get(i) {
            Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => i + 2,
            Some(_) => i + 1,
            None => i,
        };
        number = number.saturating_add(1);
        if raw.len() > MAX_LINE_BYTES {
            long.push(LongLine {
                line: number,
                bytes: raw.len(),
            });
            lines.push(CleanLine::plain("", number, 0));
            continue;
        }
        lines.push(clean_classified(raw, number, seen));
    }
    (lines, long)
}

/// Byte classes of the one pass over a paste (bit flags, OR-ed over a line): a line break, a byte that sends its line
/// down the full cleaning path (ESC, tab, backslash), a non-ASCII byte (the line may hold a C1 CSI, a non-breaking
/// or a zero-width space).
const ORDINARY: u8 = 0;
const SPECIAL: u8 = 1;
const NON_ASCII: u8 = 2;
const BREAK: u8 = 4;

static CLASS: [u8; 256] = {
    let mut class = [ORDINARY; 256];
    let mut b = 0x80;
    while b < 256 {
        class[b] = NON_ASCII;
        b += 1;
    }
    class[0x1b] = SPECIAL;
    class[b'\t' as usize] = SPECIAL;
    class[b'\\' as usize] = SPECIAL;
    class[b'\n' as usize] = BREAK;
    class[b'\r' as usize] = BREAK;
    class
};

/// The number of `\n` bytes, eight bytes at a time.
fn count_line_feeds(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in chunks.by_ref() {
        let word =
            u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8])) ^ (ONES * u64::from(b'\n'));
        // A byte of `word` is zero exactly where a `\n` was: its high bit is then set in `zero` (and only then:
        // the low seven bits cannot carry into the high bit).
        let zero = !(((word & !HIGHS) + !HIGHS) | word) & HIGHS;
        count += zero.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Cleans one raw line (no line break in it).
pub fn clean_line(raw: &str, number: u32) -> CleanLine<'_> {
    let seen = raw
        .bytes()
        .fold(ORDINARY, |seen, b| seen | CLASS[usize::from(b)]);
    clean_classified(raw, number, seen)
}

/// [`clean_line`], with the byte classes of the line already known.
fn clean_classified(raw: &str, number: u32, seen: u8) -> CleanLine<'_> {
    // Non-ASCII bytes may be C1 CSI, non-breaking or zero-width spaces: those lines take the full path too.
    let needs_full = seen & SPECIAL != 0
        || (seen & NON_ASCII != 0 && raw.contains(['\u{9b}', '\u{a0}', '\u{200b}', '\u{feff}']));
    if !needs_full {
        // Fast path: only a prefix (quote markers) and a suffix (trailing spaces) come off.
        let (prefix_chars, rest) = strip_quote_markers(raw);
        // Trailing spaces bytewise; a trailing non-breaking space (rare) takes the general trim.
        let spaces = rest.bytes().rev().take_while(|&b| b == b' ').count();
        let rest = rest.get(..rest.len() - spaces).unwrap_or(rest);
        let rest = if matches!(rest.as_bytes(), [.., 0xc2, 0xa0]) {
            rest.trim_end_matches([' ', '\u{a0}'])
        } else {
            rest
        };
        return CleanLine::plain(rest, number, prefix_chars as u32);
    }
    // Full path: walk characters, keeping each kept character's original column.
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(raw.len());
    let mut iter = raw.chars().peekable();
    let mut column: u32 = 0;
    while let Some(c) = iter.next() {
        column += 1;
        match c {
            '\u{1b}' => skip_escape(&mut iter, &mut column),
            '\u{9b}' => skip_csi(&mut iter, &mut column),
            // Zero-width spaces (chat apps) and a stray BOM are invisible: drop them.
            '\u{200b}' | '\u{feff}' => {}
            // Web pages and chat apps turn spaces into non-breaking ones; YAML and tables need plain spaces.
            '\u{a0}' => chars.push((' ', column)),
            _ => chars.push((c, column)),
        }
    }
    // Quote markers.
    let mut start = quote_prefix_len(chars.iter().map(|&(c, _)| c));
    // `> \>`: GitHub escapes a `>` that starts quoted text.
    if start > 0
        && chars.get(start).map(|x| x.0) == Some('\\')
        && chars.get(start + 1).map(|x| x.0) == Some('>')
    {
        start += 1;
    }
    let body = chars.get(start..).unwrap_or(&[]);
    let end = body
        .iter()
        .rposition(|&(c, _)| !matches!(c, ' ' | '\t' | '\u{a0}'))
        .map_or(0, |i| i + 1);
    let body = &body[..end];
    let mut text = String::with_capacity(body.len());
    let mut columns = Vec::with_capacity(body.len());
    let mut in_indent = true;
    let mut width = 0usize;
    for &(c, col) in body {
        if in_indent && c == '\t' {
            let n = TAB_WIDTH - width % TAB_WIDTH;
            for _ in 0..n {
                text.push(' ');
                columns.push(col);
            }
            width += n;
            continue;
        }
        if c != ' ' {
            in_indent = false;
        }
        width += 1;
        text.push(c);
        columns.push(col);
    }
    CleanLine {
        text: text.into(),
        line: number,
        columns: columns.into(),
        offset: 0,
    }
}

/// Skips an escape sequence after ESC: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), an escape
/// with intermediates (`ESC ( B`), or a two-character escape.
fn skip_escape(iter: &mut core::iter::Peekable<core::str::Chars>, column: &mut u32) {
    match iter.peek() {
        Some('[') => {
            iter.next();
            *column += 1;
            skip_csi(iter, column);
        }
        Some(']') => {
            iter.next();
            *column += 1;
            while let Some(c) = iter.next() {
                *column += 1;
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if iter.peek() == Some(&'\\') {
                        iter.next();
                        *column += 1;
                    }
                    break;
                }
            }
        }
        // ESC, intermediates (` `–`/`), a final byte (`0`–`~`): ECMA-35's escapes, such as `ESC ( B` (back to
        // ASCII), which `tput sgr0` prints before every colour reset.
        Some(' '..='/') => {
            while let Some(' '..='/') = iter.peek() {
                iter.next();
                *column += 1;
            }
            if let Some('0'..='~') = iter.peek() {
                iter.next();
                *column += 1;
            }
        }
        Some(_) => {
            iter.next();
            *column += 1;
        }
        None => {}
    }
}

/// Skips CSI parameters up to and including the final byte (`@`–`~`).
fn skip_csi(iter: &mut core::iter::Peekable<core::str::Chars>, column: &mut u32) {
    while let Some(&c) = iter.peek() {
        if !(' '..='~').contains(&c) {
            // Not part of a CSI sequence: a broken code; keep the character.
            return;
        }
        iter.next();
        *column += 1;
        if ('@'..='~').contains(&c) {
            return;
        }
    }
}

/// Strips quote markers (`> `, `>>`, `> > `, up to 3 spaces before the first) from a line without a backslash;
/// returns the number of characters removed and the rest.
fn strip_quote_markers(raw: &str) -> (usize, &str) {
    // Most lines have no marker: up to 3 spaces, then anything but `>`.
    let bytes = raw.as_bytes();
    let lead = bytes.iter().take(3).take_while(|&&b| b == b' ').count();
    if bytes.get(lead) != Some(&b'>') {
        return (0, raw);
    }
    let n = quote_prefix_len(raw.chars());
    if n == 0 {
        return (0, raw);
    }
    // Every character counted is ASCII (spaces and '>'), so chars == bytes here. GitHub's `\>` escape needs no
    // care: a backslash sends its line down the full path.
    (n, &raw[n..])
}

/// How many leading characters are quote markers.
fn quote_prefix_len(chars: impl Iterator<Item = char>) -> usize {
    let mut chars = chars.peekable();
    let mut leading = 0;
    while chars.peek() == Some(&' ') && leading < 3 {
        chars.next();
        leading += 1;
    }
    if chars.peek() != Some(&'>') {
        return 0;
    }
    let mut n = leading;
    while chars.peek() == Some(&'>') {
        chars.next();
        n += 1;
        if chars.peek() == Some(&' ') {
            chars.next();
            n += 1;
            // `> > `: another marker may follow one space.
        }
    }
    n
}

/// Removes the first `count` characters of a clean line (fence indentation, a prompt), keeping positions.
pub fn drop_prefix<'a>(line: &CleanLine<'a>, count: usize) -> CleanLine<'a> {
    let byte = line
        .text
        .char_indices()
        .nth(count)
        .map_or(line.text.len(), |(i, _)| i);
    let text: LineText<'a> = match &line.text {
        LineText::Borrowed(t) => t.get(byte..).unwrap_or("").into(),
        LineText::Owned(t) => t.get(byte..).unwrap_or("").to_string().into(),
    };
    if line.columns.is_empty() {
        CleanLine::plain(text, line.line, line.offset + count as u32)
    } else {
        CleanLine {
            text,
            line: line.line,
            columns: line.columns.get(count..).unwrap_or(&[]).into(),
            offset: line.offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        clean_lines(input)
            .0
            .into_iter()
            .map(|l| l.text.to_string())
            .collect()
    }

    /// The lines as splitting on `\r\n`, `\n` and a lone `\r`, then cleaning each line alone, gives them.
    fn one_by_one(text: &str) -> Vec<CleanLine<'_>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            lines.push(clean_line(&rest[..end], lines.len() as u32 + 1));
            let after = if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            rest = rest.get(end + after..).unwrap_or("");
        }
        lines
    }

    proptest::proptest! {
        /// The one pass over a paste splits and classifies lines as line-by-line cleaning does.
        #[test]
        fn one_pass_equals_line_by_line(text in "[a >\\\\\t\r\n\u{1b}\\[m\u{a0}\u{9b}\u{200b}\u{feff}é:-]{0,40}") {
            proptest::prop_assert_eq!(clean_lines(&text).0, one_by_one(&text));
        }

        /// The fast path (a line without ESC, tab, backslash or a special space) cleans as the full path does, text
        /// and columns: taking it changes speed only.
        #[test]
        fn fast_path_equals_full_path(text in "[a >\u{a0}\u{200b}é:-]{0,40}") {
            let fast = clean_line(&text, 1);
            let full = clean_classified(&text, 1, SPECIAL);
            proptest::prop_assert_eq!(&fast.text, &full.text);
            // Each character's column, and the one just past the last (an empty line's has nothing to go by).
            let n = full.text.chars().count();
            for i in 0..n + usize::from(n > 0) {
                proptest::prop_assert_eq!(fast.column(i), full.column(i), "{}", i);
            }
        }

        /// Line feeds counted eight bytes at a time.
        #[test]
        fn line_feeds_counted(text in "[a\n\r\u{8a}\u{10a}é]{0,40}") {
            let bytes = text.as_bytes();
            proptest::prop_assert_eq!(count_line_feeds(bytes), bytes.iter().filter(|&&b| b == b'\n').count());
        }
    }

    #[test]
    fn line_breaks() {
        assert_eq!(texts("a\r\nb\rc\n\nd\n"), ["a", "b", "c", "", "d"]);
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("\n"), [""]);
    }

    #[test]
    fn bom_and_trailing_spaces() {
        let (lines, _) = clean_lines("\u{feff}key: v   \n");
        assert_eq!(lines[0].text, "key: v");
        assert_eq!(lines[0].column(0), 1);
    }

    #[test]
    fn quote_markers_keep_columns() {
        let l = clean_line("> > key: v", 3);
        assert_eq!(l.text, "key: v");
        assert_eq!(l.column(0), 5);
        let l = clean_line(">>   indented", 1);
        assert_eq!(l.text, "  indented");
        assert_eq!(l.column(2), 6);
        let l = clean_line("> \\> not a quote", 1);
        assert_eq!(l.text, "> not a quote");
        assert_eq!(l.column(0), 4);
        let l = clean_line("key: >", 1);
        assert_eq!(l.text, "key: >");
    }

    #[test]
    fn ansi_codes_anywhere() {
        let l = clean_line(
            "\u{1b}[1;32mNODE\u{1b}[0m  x \u{1b}]8;;http://a\u{7}link\u{1b}]8;;\u{1b}\\",
            1,
        );
        assert_eq!(l.text, "NODE  x link");
        assert_eq!(l.column(0), 8);
        assert_eq!(l.column(4), 16);
        assert_eq!(l.column(8), 34);
    }

    #[test]
    fn web_spaces() {
        let l = clean_line("\u{a0}\u{a0}key:\u{a0}v\u{200b}x", 1);
        assert_eq!(l.text, "  key: vx");
        assert_eq!(l.column(8), 10);
    }

    #[test]
    fn leading_tabs_expand_inner_tabs_stay() {
        let l = clean_line("\tTag:\tv1.9.2", 1);
        assert_eq!(l.text, "    Tag:\tv1.9.2");
        assert_eq!(l.column(3), 1);
        assert_eq!(l.column(4), 2);
    }

    #[test]
    fn drop_prefix_keeps_columns() {
        let l = drop_prefix(&clean_line("> $ talosctl", 1), 2);
        assert_eq!(l.text, "talosctl");
        assert_eq!(l.column(0), 5);
        let l = drop_prefix(&clean_line("\t$ x", 1), 6);
        assert_eq!(l.text, "x");
        assert_eq!(l.column(0), 4);
    }

    /// A C1 control (the one-byte CSI some terminals send) starts a colour code as ESC `[` does.
    #[test]
    fn c1_colour_codes() {
        let l = clean_line("\u{9b}1mNODE\u{9b}0m x", 1);
        assert_eq!(l.text, "NODE x");
        assert_eq!((l.column(0), l.column(5)), (4, 12));
    }

    /// Terminal codes that end some other way leave the columns after them right: an OSC hyperlink closed by
    /// ESC `\`, the escape `tput sgr0` prints (ESC `(B`), and the two-character escapes that save and restore the
    /// cursor (ESC `7`, ESC `8`: `tput sc`, `tput rc`).
    #[test]
    fn osc_and_two_character_escapes_keep_columns() {
        let l = clean_line("\u{1b}]8;;http://a\u{1b}\\link\u{1b}(B\u{1b}[m v1.9.2", 1);
        assert_eq!(l.text, "link v1.9.2");
        assert_eq!((l.column(0), l.column(5)), (16, 27));
        let l = clean_line("\u{1b}7iscsi-tools \u{1b}8v0.1.4", 1);
        assert_eq!(l.text, "iscsi-tools v0.1.4");
        assert_eq!((l.column(0), l.column(12)), (3, 17));
    }

    /// Up to three spaces may come before a quote marker; four make an indented line (Markdown's code block), not
    /// a quote. The same on both paths.
    #[test]
    fn three_spaces_before_a_quote_marker_at_most() {
        for tail in ["x", "\u{1b}[0mx"] {
            assert_eq!(clean_line(&format!("   > {tail}"), 1).text, "x", "{tail:?}");
            assert_eq!(
                clean_line(&format!("    > {tail}"), 1).text,
                "    > x",
                "{tail:?}"
            );
        }
    }

    /// GitHub's `\>` after a quote marker is a `>`; a backslash anywhere else stays.
    #[test]
    fn escaped_quote_marker_only_after_a_marker() {
        assert_eq!(clean_line("\\>x", 1).text, "\\>x");
        assert_eq!(clean_line("> \\y", 1).text, "\\y");
        assert_eq!(clean_line("> a>b c:\\x", 1).text, "a>b c:\\x");
    }

    /// Leading tabs expand to the next multiple of four columns, counting the spaces before them.
    #[test]
    fn leading_tabs_stop_at_multiples_of_four() {
        for (raw, text) in [
            (" \tx", "    x"),
            ("  \tx", "    x"),
            (" \t\tx", "        x"),
            ("\t\tx", "        x"),
        ] {
            let l = clean_line(raw, 1);
            assert_eq!(l.text, text, "{raw:?}");
            assert_eq!(l.column(text.len() - 1), raw.len() as u32, "{raw:?}");
        }
    }

    #[test]
    fn long_lines_are_refused() {
        let text = format!(
            "a\n{}\nb\n{}",
            "x".repeat(MAX_LINE_BYTES + 1),
            "y".repeat(MAX_LINE_BYTES)
        );
        let (lines, long) = clean_lines(&text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].text, "");
        assert_eq!(lines[3].text.len(), MAX_LINE_BYTES);
        assert_eq!(
            long,
            [LongLine {
                line: 2,
                bytes: MAX_LINE_BYTES + 1
            }]
        );
    }
}
