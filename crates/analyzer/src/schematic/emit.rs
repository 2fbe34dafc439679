//! A block-style YAML writer that reproduces what Go's yaml library `Marshal` writes with 4-space indentation
//! (the schematic ID is a hash of those exact bytes). Image Factory uses go.yaml.in/yaml/v4 (the successor of
//! gopkg.in/yaml.v3; the same emitter, with v4's `shouldUseLiteralStyle`, `looksLikeMerge` and `-0` rules).
//!
//! The rules ported from go-yaml (`encode.go` `stringv`, `emitterc.go` `yaml_emitter_analyze_scalar`,
//! `yaml_emitter_select_scalar_style`, `yaml_emitter_increase_indent_compact`, the scalar writers):
//! - A string is written plain unless, read back plain, it would be another type (`resolve`), a YAML 1.1 bool
//!   (`yes`, `off`) or a base-60 float (`1:20`): then double-quoted. A string with a line break is a literal block.
//! - The emitter then refuses plain for text that plain YAML cannot carry (leading/trailing spaces, indicators such
//!   as a leading `-␠`, `: ` or ` #` inside, tabs, non-printable characters) and falls back to single quotes, or to
//!   double quotes when single quotes cannot carry it either; a literal block falls back to double quotes when a
//!   line ends in a space or the text has non-printable characters.
//! - Indentation: a collection under a mapping key is indented to the next multiple of 4; a collection that is a
//!   sequence item starts on the `- ` line and is indented 2 past the dash. Empty collections are `{}` and `[]`.
//! - No line folding (yaml.v3 sets an unlimited width).

use super::resolve::{is_base60_float, is_old_bool, resolve_plain, Resolved};

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    /// Text written as is (a Go value that marshals to a fixed plain form, such as a `time.Time`).
    Plain(String),
    Seq(Vec<Out>),
    /// Entries in the order to write (Go sorts map keys; struct fields keep their declared order).
    Map(Vec<(Out, Out)>),
}

const INDENT: usize = 4;

/// Writes a document (the top-level value) as yaml.v3 `Marshal` would.
pub fn to_yaml(value: &Out) -> String {
    let mut out = String::new();
    match value {
        Out::Map(entries) if !entries.is_empty() => write_map(&mut out, entries, 0, false),
        Out::Seq(items) if !items.is_empty() => write_seq(&mut out, items, 0, false),
        other => {
            write_inline(&mut out, other, 0);
            out.push('\n');
        }
    }
    out
}

/// Where the next collection's indentation comes from (go-yaml's `increase_indent`).
fn nested_indent(indent: usize) -> usize {
    INDENT * ((indent + INDENT) / INDENT)
}

/// A block mapping at `indent`. `inline_first`: the first key continues the current line (after `- `).
fn write_map(out: &mut String, entries: &[(Out, Out)], indent: usize, inline_first: bool) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 || !inline_first {
            push_spaces(out, indent);
        }
        write_inline(out, key, indent);
        out.push(':');
        write_value(out, value, indent, false);
    }
}

/// A block sequence whose dashes stand at `indent`.
fn write_seq(out: &mut String, items: &[Out], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            push_spaces(out, indent);
        }
        out.push('-');
        write_value(out, item, indent, true);
    }
}

/// The value after `key:` (or after `-` when `in_seq`), then the line end. `indent` is the parent's.
fn write_value(out: &mut String, value: &Out, indent: usize, in_seq: bool) {
    match value {
        Out::Map(entries) if !entries.is_empty() => {
            if in_seq {
                out.push(' ');
                write_map(out, entries, indent + 2, true);
            } else {
                out.push('\n');
                write_map(out, entries, nested_indent(indent), false);
            }
        }
        Out::Seq(items) if !items.is_empty() => {
            if in_seq {
                out.push(' ');
                write_seq(out, items, indent + 2, true);
            } else {
                out.push('\n');
                write_seq(out, items, nested_indent(indent), false);
            }
        }
        scalar => {
            out.push(' ');
            let scalar_indent = if in_seq {
                indent + 2
            } else {
                nested_indent(indent)
            };
            write_inline(out, scalar, scalar_indent);
            // A literal block ends at the start of a line (after `\n`, or a Unicode break go-yaml counts as one).
            if !out.ends_with(['\n', '\u{2028}', '\u{2029}']) {
                out.push('\n');
            }
        }
    }
}

/// A scalar or empty collection; `indent` is where a literal block's lines go.
fn write_inline(out: &mut String, value: &Out, indent: usize) {
    match value {
        Out::Null => out.push_str("null"),
        Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Out::Int(i) => out.push_str(&i.to_string()),
        Out::Uint(u) => out.push_str(&u.to_string()),
        Out::Float(f) => out.push_str(&go_format_float(*f)),
        Out::Str(s) => write_string(out, s, indent),
        Out::Plain(s) => out.push_str(s),
        Out::Seq(_) => out.push_str("[]"),
        Out::Map(_) => out.push_str("{}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// What go-yaml's `yaml_emitter_analyze_scalar` finds out about a text.
struct Analysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}')
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn analyze(value: &str) -> Analysis {
    let mut a = Analysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if value.is_empty() {
        a.block_allowed = false;
        return a;
    }
    // go-yaml also tracks a leading and a trailing line break; they clear `flow_plain_allowed`, never asked in
    // block context, and `block_plain_allowed`, which any line break clears anyway (`line_breaks`, below).
    let (mut block_indicators, mut leading_space, mut trailing_space) = (false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break, mut line_breaks) = (false, false, false);
    let (mut tabs, mut special) = (false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
    }
    let chars: Vec<char> = value.chars().collect();
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_whitespace = matches!(next, None | Some(' ' | '\t'));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if c == '\t' {
            tabs = true;
        } else if !is_printable(c) {
            special = true;
        }
        let last = i + 1 == chars.len();
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t' | '\0') || is_break(c);
    }
    if leading_space || trailing_space {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || tabs || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// The style yaml.v3 writes a string in (block context, not a key).
fn string_style(s: &str) -> Style {
    // `<<` is the merge key (`looksLikeMerge`).
    let can_use_plain =
        resolve_plain(s) == Resolved::Str && !is_base60_float(s) && !is_old_bool(s) && s != "<<";
    // go.yaml.in/yaml/v4 (which Image Factory uses) writes a multi-line string as a literal block only when it has
    // at least 2 bytes and a non-space character (`shouldUseLiteralStyle`); otherwise double-quoted.
    let wanted = if s.contains('\n') {
        if s.len() >= 2 && s.chars().any(|c| !c.is_whitespace()) {
            Style::Literal
        } else {
            Style::Double
        }
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::Double
    };
    let a = analyze(s);
    match wanted {
        Style::Plain if a.block_plain_allowed => Style::Plain,
        Style::Plain if a.single_quoted_allowed => Style::Single,
        Style::Literal if a.block_allowed => Style::Literal,
        Style::Plain | Style::Literal | Style::Double | Style::Single => Style::Double,
    }
}

fn write_string(out: &mut String, s: &str, indent: usize) {
    match string_style(s) {
        Style::Plain => out.push_str(s),
        Style::Single => write_single(out, s, indent),
        Style::Double => write_double(out, s),
        Style::Literal => write_literal(out, s, indent),
    }
}

/// The emitter's position while a scalar is written: go-yaml's `column` and `indention` (at the start of a line,
/// only indentation written so far). A line break other than `\n` is written as itself but resets the column.
struct Cursor {
    column: usize,
    indention: bool,
}

impl Cursor {
    fn at_end_of(out: &str) -> Cursor {
        let line = out.rsplit('\n').next().unwrap_or("");
        Cursor {
            column: line.chars().count(),
            indention: false,
        }
    }

    /// go-yaml `write_break`.
    fn write_break(&mut self, out: &mut String, c: char) {
        out.push(c);
        self.column = 0;
        self.indention = true;
    }

    /// go-yaml `yaml_emitter_write_indent`: a new line unless at the start of one, then spaces up to `indent`.
    fn write_indent(&mut self, out: &mut String, indent: usize) {
        if !self.indention || self.column > indent {
            out.push('\n');
            self.column = 0;
        }
        while self.column < indent {
            out.push(' ');
            self.column += 1;
        }
        self.indention = true;
    }

    fn write(&mut self, out: &mut String, c: char) {
        out.push(c);
        self.column += 1;
        self.indention = false;
    }
}

/// go-yaml `yaml_emitter_write_single_quoted_scalar` (without folding: the width is unlimited). `'` is doubled;
/// after a line break (only the Unicode ones reach here) the next character is indented to the scalar's indent.
fn write_single(out: &mut String, s: &str, indent: usize) {
    let mut cursor = Cursor::at_end_of(out);
    cursor.write(out, '\'');
    let mut breaks = false;
    for c in s.chars() {
        if c == ' ' {
            out.push(' ');
            cursor.column += 1;
        } else if is_break(c) {
            // go-yaml writes one more `\n` before a first `\n` here; none reaches a single-quoted scalar
            // (`string_style` gives a string holding one a literal block or double quotes).
            cursor.write_break(out, c);
            breaks = true;
        } else {
            if breaks {
                cursor.write_indent(out, indent);
            }
            if c == '\'' {
                cursor.write(out, '\'');
            }
            cursor.write(out, c);
            breaks = false;
        }
    }
    out.push('\'');
}

/// go-yaml `yaml_emitter_write_double_quoted_scalar` (without folding). Its `is_bom` looks at the start of the
/// text whatever the position: after a leading BOM every character is escaped.
fn write_double(out: &mut String, s: &str) {
    out.push('"');
    let bom = s.starts_with('\u{feff}');
    for c in s.chars() {
        let escaped = bom || !is_printable(c) || is_break(c) || c == '"' || c == '\\';
        if !escaped {
            out.push(c);
            continue;
        }
        let named = match c {
            '\0' => Some('0'),
            '\u{7}' => Some('a'),
            '\u{8}' => Some('b'),
            '\t' => Some('t'),
            '\n' => Some('n'),
            '\u{b}' => Some('v'),
            '\u{c}' => Some('f'),
            '\r' => Some('r'),
            '\u{1b}' => Some('e'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            '\u{85}' => Some('N'),
            '\u{a0}' => Some('_'),
            '\u{2028}' => Some('L'),
            '\u{2029}' => Some('P'),
            _ => None,
        };
        out.push('\\');
        if let Some(e) = named {
            out.push(e);
            continue;
        }
        let v = c as u32;
        let (letter, width) = match v {
            0..=0xff => ('x', 2),
            0x100..=0xffff => ('u', 4),
            _ => ('U', 8),
        };
        out.push(letter);
        for shift in (0..width).rev() {
            let digit = (v >> (shift * 4)) & 0xf;
            out.push(
                char::from_digit(digit, 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
        }
    }
    out.push('"');
}

/// go-yaml `yaml_emitter_write_literal_scalar`: `|`, an indentation indicator when the text starts with a space
/// or a break, `-` without a final break, `+` with two or more; then the text, each line indented to `indent`
/// (empty lines stay empty). The line break after the header is the first break of the text when it starts with
/// one (go-yaml writes no other), so a leading empty line is lost, as in Go.
fn write_literal(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    let chars: Vec<char> = s.chars().collect();
    if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
        out.push_str(&INDENT.to_string());
    }
    match chars.as_slice() {
        [.., last] if !is_break(*last) => out.push('-'),
        [_] => out.push('+'),
        [.., before, _] if is_break(*before) => out.push('+'),
        _ => {}
    }
    let mut cursor = Cursor::at_end_of(out);
    let mut breaks = true;
    for &c in &chars {
        if is_break(c) {
            cursor.write_break(out, c);
            breaks = true;
        } else {
            if breaks {
                cursor.write_indent(out, indent);
                breaks = false;
            }
            cursor.write(out, c);
        }
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(core::iter::repeat_n(' ', n));
}

/// Go `strconv.FormatFloat(f, 'g', -1, 64)` with yaml.v3's `.inf`, `-.inf`, `.nan`.
pub fn go_format_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let (digits, exp) = shortest_digits(f.abs());
    let sign = if f < 0.0 { "-" } else { "" };
    // `%e` when the exponent is < -4 or >= 6 (Go's `eprec` for the shortest 'g' formatting).
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    let n = digits.len() as i32;
    let text = if exp < 0 {
        format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
    } else if exp + 1 >= n {
        format!("{}{}", digits, "0".repeat((exp + 1 - n) as usize))
    } else {
        let (int, frac) = digits.split_at((exp + 1) as usize);
        format!("{int}.{frac}")
    };
    format!("{sign}{text}")
}

/// The shortest round-trip decimal digits of a finite positive `f` (the same digits as Go's) and the decimal
/// exponent of the first one: 1234.5 → ("12345", 3). From `zmij` (already in the page through `serde_json`)
/// rather than `format!("{:e}")`, which would pull core's float formatting (~15 KB of wasm) into the page.
fn shortest_digits(f: f64) -> (String, i32) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(f);
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let exp: i32 = exp.trim_start_matches('+').parse().unwrap_or(0);
    let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
    let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_string(), int_len - 1 - leading as i32 + exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Go's own output (`scripts/go/shortest-floats.go`): 5,000 floats, among them 17-digit values exactly halfway
    /// between two candidates, which Go (like Ryu and zmij) rounds to even.
    #[test]
    fn shortest_digits_match_go() {
        let vectors = include_str!("../../../../fixtures/schematic-floats/go-shortest.txt");
        let mut checked = 0;
        for line in vectors.lines() {
            let mut fields = line.split(' ');
            let (Some(bits), Some(digits), Some(exp)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("malformed vector {line:?}");
            };
            let f = f64::from_bits(bits.parse().unwrap());
            assert_eq!(
                shortest_digits(f),
                (digits.to_string(), exp.parse().unwrap()),
                "{line}"
            );
            checked += 1;
        }
        assert_eq!(checked, 5000);
    }

    proptest::proptest! {
        /// The digits and exponent equal those of Rust's `{:e}` (shortest round trip, as Go), except in two
        /// cases, where both round-trip: when the float lies exactly halfway between the two shortest candidates
        /// (at 16 digits as at 17), Rust rounds the tie up and Go to even (they differ by one in the last digit);
        /// and for an even mantissa Go counts a number exactly halfway to the next float as that float, where
        /// Rust does not and needs a digit more.
        #[test]
        fn shortest_digits_match_rust_scientific(bits in 1..f64::INFINITY.to_bits()) {
            // Every positive finite float, none rejected.
            let f = f64::from_bits(bits);
            let sci = format!("{f:e}");
            let (mantissa, exp) = sci.split_once('e').unwrap();
            let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
            let exp = exp.parse::<i32>().unwrap();
            let (ours, our_exp) = shortest_digits(f);
            if ours != digits {
                let back: f64 = format!("{}.{}e{our_exp}", &ours[..1], &ours[1..]).parse().unwrap();
                proptest::prop_assert_eq!(back, f);
                if ours.len() < digits.len() {
                    proptest::prop_assert!(bits % 2 == 0, "a shorter form only for an even mantissa");
                } else {
                    proptest::prop_assert_eq!((ours.len(), our_exp), (digits.len(), exp));
                    let (a, b): (u64, u64) = (ours.parse().unwrap(), digits.parse().unwrap());
                    proptest::prop_assert_eq!(a + 1, b, "Rust rounds the tie up, Go to even");
                    proptest::prop_assert!(a % 2 == 0);
                }
            }
        }
    }

    /// The case proptest found (in a mutation run, where it failed unrelated mutants): 586322715741641.25, an even
    /// mantissa, is `5.863227157416412e+14` in Go (and Python), `5.8632271574164125e14` in Rust.
    #[test]
    fn a_boundary_of_an_even_mantissa_is_shortest_as_go_writes_it() {
        let f = f64::from_bits(14051417819494510154).abs();
        assert_eq!(shortest_digits(f), ("5863227157416412".into(), 14));
    }

    /// A tie at 16 digits, which the property once allowed only at 17 (it failed at random, about one run in
    /// ten): 78280150435053.625 is `7.828015043505362e+13` in Go, rounded to even, `7.828015043505363e13` in Rust.
    #[test]
    fn a_tie_at_sixteen_digits_rounds_to_even_as_go_writes_it() {
        let f = f64::from_bits(4814854331659533160);
        assert_eq!(shortest_digits(f), ("7828015043505362".into(), 13));
    }

    #[test]
    fn shortest_digits_of_round_numbers() {
        assert_eq!(shortest_digits(1234.5), ("12345".into(), 3));
        assert_eq!(shortest_digits(0.00123), ("123".into(), -3));
        assert_eq!(shortest_digits(1e21), ("1".into(), 21));
        assert_eq!(shortest_digits(100000.0), ("1".into(), 5));
        assert_eq!(shortest_digits(5e-324), ("5".into(), -324));
    }

    fn s(text: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, text, 4);
        out
    }

    #[test]
    fn plain_and_quoted_strings() {
        // Plain: reads back as the same string.
        assert_eq!(s("siderolabs/iscsi-tools"), "siderolabs/iscsi-tools");
        assert_eq!(s("v1.9.2"), "v1.9.2");
        assert_eq!(s("console=ttyS0,115200"), "console=ttyS0,115200");
        assert_eq!(s("a: b"), "'a: b'");
        assert_eq!(s("a:b"), "a:b");
        assert_eq!(s("a #b"), "'a #b'");
        assert_eq!(s("a#b"), "a#b");
        assert_eq!(s("-x"), "-x");
        assert_eq!(s("- x"), "'- x'");
        assert_eq!(s("*x"), "'*x'");
        assert_eq!(s(" lead"), "' lead'");
        assert_eq!(s("it's"), "it's");
        assert_eq!(s("'q"), "'''q'");
        // Would read back as another type: double-quoted by `stringv`.
        assert_eq!(s("true"), "\"true\"");
        assert_eq!(s("yes"), "\"yes\"");
        assert_eq!(s("10"), "\"10\"");
        assert_eq!(s("0x0a"), "\"0x0a\"");
        assert_eq!(s("1.5"), "\"1.5\"");
        assert_eq!(s(""), "\"\"");
        assert_eq!(s("null"), "\"null\"");
        assert_eq!(s("~"), "\"~\"");
        assert_eq!(s("2024-01-02"), "\"2024-01-02\"");
        assert_eq!(s("1:20"), "\"1:20\"");
        assert_eq!(s("<<"), "\"<<\"");
        assert_eq!(s("-0"), "\"-0\"");
        assert_eq!(s(".inf"), "\".inf\"");
        assert_eq!(s("+.Inf"), "\"+.Inf\"");
        assert_eq!(s("-.INF"), "\"-.INF\"");
        assert_eq!(s(".NaN"), "\".NaN\"");
        // Tabs and control characters: double quotes with escapes.
        assert_eq!(s("a\tb"), "\"a\\tb\"");
        assert_eq!(s("a\u{1}"), "\"a\\x01\"");
        assert_eq!(s("😀"), "\"\\U0001F600\"");
        assert_eq!(s("é"), "é");
    }

    #[test]
    fn literal_blocks() {
        assert_eq!(s("a\nb\n"), "|\n    a\n    b\n");
        assert_eq!(s("a\n\nb"), "|-\n    a\n\n    b");
        // go-yaml writes no line break of its own after the header: a leading break is the header's.
        assert_eq!(s("\nb\n"), "|4\n    b\n");
        // A Unicode line break is written as is; the next line is indented after it, on the same line.
        assert_eq!(s("a\u{2028}b\n"), "|\n    a\u{2028}    b\n");
        assert_eq!(s(" a\nb\n"), "|4\n     a\n    b\n");
        assert_eq!(s("a\n\n"), "|+\n    a\n\n");
        // A line ending in a space cannot be a literal block.
        assert_eq!(s("a \nb"), "\"a \\nb\"");
        // Only white space: double-quoted, also where a literal block could hold it (no space before a break).
        assert_eq!(s("\n"), "\"\\n\"");
        assert_eq!(s(" \n "), "\" \\n \"");
        assert_eq!(s("\n\n"), "\"\\n\\n\"");
        assert_eq!(s("\t\n"), "\"\\t\\n\"");
    }

    #[test]
    fn floats_like_go() {
        assert_eq!(go_format_float(1.0), "1");
        assert_eq!(go_format_float(1.5), "1.5");
        assert_eq!(go_format_float(0.0001), "0.0001");
        assert_eq!(go_format_float(0.00001), "1e-05");
        assert_eq!(go_format_float(123456.0), "123456");
        assert_eq!(go_format_float(1e6), "1e+06");
        assert_eq!(go_format_float(1234567.0), "1.234567e+06");
        assert_eq!(go_format_float(1e21), "1e+21");
        assert_eq!(go_format_float(-2.5e-7), "-2.5e-07");
        assert_eq!(go_format_float(f64::INFINITY), ".inf");
    }

    #[test]
    fn nesting() {
        let doc = Out::Map(vec![
            (
                Out::Str("a".into()),
                Out::Map(vec![(
                    Out::Str("b".into()),
                    Out::Seq(vec![Out::Str("x".into())]),
                )]),
            ),
            (
                Out::Str("m".into()),
                Out::Seq(vec![Out::Map(vec![
                    (Out::Str("k".into()), Out::Int(1)),
                    (
                        Out::Str("p".into()),
                        Out::Map(vec![(Out::Str("z".into()), Out::Null)]),
                    ),
                    // `n` is a YAML 1.1 bool: quoted even as a key.
                    (Out::Str("n".into()), Out::Bool(false)),
                ])]),
            ),
            (Out::Str("e".into()), Out::Map(vec![])),
        ]);
        // A mapping in a sequence item sits 2 past the dash (column 6); a mapping under it is indented to the
        // next multiple of 4 (column 8).
        assert_eq!(
            to_yaml(&doc),
            "a:\n    b:\n        - x\nm:\n    - k: 1\n      p:\n        z: null\n      \"n\": false\ne: {}\n"
        );
    }

    #[test]
    fn a_document_is_in_block_style_unless_empty() {
        // yaml.v3: `yaml.Marshal(map[string]any{})` is "{}\n", of an empty slice "[]\n".
        assert_eq!(to_yaml(&Out::Map(vec![])), "{}\n");
        assert_eq!(to_yaml(&Out::Seq(vec![])), "[]\n");
        // Not empty: block style.
        assert_eq!(to_yaml(&Out::Seq(vec![Out::Str("a".into())])), "- a\n");
    }
}
