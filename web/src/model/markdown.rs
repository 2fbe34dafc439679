//! A tiny Markdown reader for the rules' docs (the Markdown the rules registry holds): headings, paragraphs,
//! ordered and unordered lists (with nested blocks), fenced code blocks, inline code, emphasis and links.
//!
//! It produces a small tree that `components::markdown_view` turns into Yew nodes, text only: nothing here ever
//! becomes HTML. Anything it does not know stays literal text.

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#`…`######` and its text.
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A fenced code block: its info string (language) and its text (without the fences).
    Code {
        lang: String,
        text: String,
    },
    /// A list; each item is a sequence of blocks.
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<Block>>,
    },
}

/// A span of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// A link: its text and its target, as written (the view decides which targets become links).
    Link(Vec<Inline>, String),
}

/// Reads a document.
pub fn parse(doc: &str) -> Vec<Block> {
    let lines: Vec<&str> = doc.lines().collect();
    parse_lines(&lines)
}

/// Leading spaces of a line (a tab counts as four).
fn indent(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

/// The line without up to `n` columns of leading indentation.
fn dedent(line: &str, n: usize) -> &str {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        if col >= n {
            return &line[i..];
        }
        match c {
            ' ' => col += 1,
            '\t' => col += 4,
            _ => return &line[i..],
        }
    }
    ""
}

/// A list item marker at the start of `line` (after its indentation): whether ordered, its number, and the column
/// where the item's content starts.
fn list_marker(line: &str) -> Option<(bool, u32, usize)> {
    let ind = indent(line);
    let rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
        let pad = after.len() - after.trim_start().len();
        return Some((false, 1, ind + 2 + pad));
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = rest.get(digits..)?;
        let after = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))?;
        let number = rest.get(..digits)?.parse().ok()?;
        let pad = after.len() - after.trim_start().len();
        return Some((true, number, ind + digits + 2 + pad));
    }
    None
}

/// A code fence (three or more backticks) and its info string.
fn fence(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start();
    let ticks = rest.bytes().take_while(|b| *b == b'`').count();
    (ticks >= 3).then(|| (ticks, rest.get(ticks..).unwrap_or("").trim()))
}

/// A heading line: its level and its text.
fn heading(line: &str) -> Option<(u8, &str)> {
    let rest = line.trim_start();
    let hashes = rest.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let text = rest.get(hashes..)?;
    if !text.is_empty() && !text.starts_with(' ') {
        return None;
    }
    Some((hashes as u8, text.trim()))
}

/// Whether a line starts a block other than a paragraph (and so ends a paragraph).
fn starts_block(line: &str) -> bool {
    heading(line).is_some() || fence(line).is_some() || list_marker(line).is_some()
}

fn parse_lines(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        if line.trim().is_empty() {
            i += 1;
        } else if let Some((level, text)) = heading(line) {
            blocks.push(Block::Heading(level, parse_inline(text)));
            i += 1;
        } else if let Some((ticks, lang)) = fence(line) {
            let ind = indent(line);
            let mut text = String::new();
            i += 1;
            while let Some(&l) = lines.get(i) {
                i += 1;
                if fence(l).is_some_and(|(t, info)| t >= ticks && info.is_empty()) {
                    break;
                }
                text.push_str(dedent(l, ind));
                text.push('\n');
            }
            blocks.push(Block::Code {
                lang: lang.to_owned(),
                text,
            });
        } else if let Some((ordered, start, _)) = list_marker(line) {
            let (list, next) = parse_list(lines, i, ordered, start);
            blocks.push(list);
            i = next;
        } else {
            let mut text = String::from(line.trim());
            i += 1;
            while let Some(&l) = lines.get(i) {
                if l.trim().is_empty() || starts_block(l) {
                    break;
                }
                text.push(' ');
                text.push_str(l.trim());
                i += 1;
            }
            blocks.push(Block::Paragraph(parse_inline(&text)));
        }
    }
    blocks
}

/// Reads a list that starts at line `first`; returns it and the index of the first line after it.
fn parse_list(lines: &[&str], first: usize, ordered: bool, start: u32) -> (Block, usize) {
    let base = lines.get(first).map_or(0, |l| indent(l));
    let mut items = Vec::new();
    let mut i = first;
    while let Some(&line) = lines.get(i) {
        let Some((o, _, content)) = list_marker(line) else {
            break;
        };
        if o != ordered || indent(line) != base {
            break;
        }
        // The item: its first line without the marker, then every line indented to its content (or a lazy
        // paragraph continuation), blank lines included while the item goes on after them.
        let mut body: Vec<&str> = vec![line.get(content..).unwrap_or("").trim_start()];
        i += 1;
        let mut in_fence = false;
        while let Some(&l) = lines.get(i) {
            if l.trim().is_empty() {
                let continues = lines
                    .get(i + 1)
                    .is_some_and(|n| !n.trim().is_empty() && indent(n) >= content);
                if !continues && !in_fence {
                    break;
                }
                body.push("");
                i += 1;
                continue;
            }
            if indent(l) >= content {
                if fence(l).is_some() {
                    in_fence = !in_fence;
                }
                body.push(dedent(l, content));
            } else if !in_fence
                && !starts_block(l)
                && body.last().is_some_and(|b| !b.trim().is_empty())
            {
                body.push(l.trim_start());
            } else {
                break;
            }
            i += 1;
        }
        items.push(parse_lines(&body));
        // A blank line between two items of the same list.
        if lines.get(i).is_some_and(|l| l.trim().is_empty())
            && lines.get(i + 1).is_some_and(|n| {
                list_marker(n).is_some_and(|(o, _, _)| o == ordered) && indent(n) == base
            })
        {
            i += 1;
        }
    }
    (
        Block::List {
            ordered,
            start,
            items,
        },
        i,
    )
}

/// Reads the inline spans of one block's text.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let taken = match c {
            '\\' => rest
                .get(1..)
                .and_then(|r| r.chars().next())
                .filter(char::is_ascii_punctuation)
                .map(|p| {
                    plain.push(p);
                    1 + p.len_utf8()
                }),
            '`' => code_span(rest).map(|(code, len)| {
                flush(&mut plain, &mut out);
                out.push(Inline::Code(code.to_owned()));
                len
            }),
            '*' | '_' => emphasis(rest, &plain).map(|(inline, len)| {
                flush(&mut plain, &mut out);
                out.push(inline);
                len
            }),
            '[' => link(rest).map(|(inline, len)| {
                flush(&mut plain, &mut out);
                out.push(inline);
                len
            }),
            _ => None,
        };
        let len = taken.unwrap_or_else(|| {
            plain.push(c);
            c.len_utf8()
        });
        rest = rest.get(len..).unwrap_or("");
    }
    flush(&mut plain, &mut out);
    out
}

fn flush(plain: &mut String, out: &mut Vec<Inline>) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

/// `` `code` `` (any run of backticks, closed by the same run): the code and the length taken.
fn code_span(rest: &str) -> Option<(&str, usize)> {
    let ticks = rest.bytes().take_while(|b| *b == b'`').count();
    let marker = rest.get(..ticks)?;
    let body = rest.get(ticks..)?;
    let end = body.find(marker)?;
    let code = body.get(..end)?;
    // A code span that is only spaces is not one; one space of padding on each side is dropped.
    let trimmed = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
        Some(inner) if !inner.trim().is_empty() => inner,
        _ => code,
    };
    Some((trimmed, ticks + end + ticks))
}

/// `*em*`, `_em_`, `**strong**`, `__strong__`: the span and the length taken. `_` only opens at a word's start (so
/// `snake_case` stays text); the opening marker must be followed, and the closing one preceded, by a non-space.
fn emphasis(rest: &str, before: &str) -> Option<(Inline, usize)> {
    let ch = rest.chars().next()?;
    if ch == '_'
        && before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let double = rest.chars().nth(1) == Some(ch);
    let marker = if double {
        rest.get(..2)?
    } else {
        rest.get(..1)?
    };
    let body = rest.get(marker.len()..)?;
    if body.starts_with(char::is_whitespace) || body.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(found) = body.get(from..)?.find(marker) {
        let end = from + found;
        let inner = body.get(..end)?;
        let after = body.get(end + marker.len()..)?;
        let closes = !inner.is_empty()
            && !inner.ends_with(char::is_whitespace)
            && (ch != '_' || !after.starts_with(char::is_alphanumeric))
            && (double || !after.starts_with(ch));
        if closes {
            let content = parse_inline(inner);
            let inline = if double {
                Inline::Strong(content)
            } else {
                Inline::Emphasis(content)
            };
            return Some((inline, marker.len() * 2 + end));
        }
        from = end + marker.len();
    }
    None
}

/// `[text](target)`: the link and the length taken.
fn link(rest: &str) -> Option<(Inline, usize)> {
    let close = rest.find("](")?;
    let text = rest.get(1..close)?;
    if text.contains('[') {
        return None;
    }
    let after = rest.get(close + 2..)?;
    let end = after.find(')')?;
    let target = after.get(..end)?.trim();
    if target.contains(char::is_whitespace) {
        return None;
    }
    Some((
        Inline::Link(parse_inline(text), target.to_owned()),
        close + 2 + end + 1,
    ))
}

/// Whether a link target may become a link: absolute http(s) only.
pub fn is_web_link(target: &str) -> bool {
    let lower = target.get(..8).map(str::to_ascii_lowercase);
    lower.as_deref() == Some("https://")
        || target.get(..7).map(str::to_ascii_lowercase).as_deref() == Some("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn headings_paragraphs_and_code() {
        let doc = "# title\n\n## What it finds\nOne line\nand its continuation.\n\n```yaml\na:\n  b: 1\n```\n";
        assert_eq!(
            parse(doc),
            vec![
                Block::Heading(1, vec![text("title")]),
                Block::Heading(2, vec![text("What it finds")]),
                Block::Paragraph(vec![text("One line and its continuation.")]),
                Block::Code {
                    lang: "yaml".into(),
                    text: "a:\n  b: 1\n".into()
                },
            ]
        );
    }

    #[test]
    fn inline_code_emphasis_and_links() {
        assert_eq!(
            parse_inline("a `b*c` *d* **e** snake_case _f_ [g](https://x.y/z) \\*h"),
            vec![
                text("a "),
                Inline::Code("b*c".into()),
                text(" "),
                Inline::Emphasis(vec![text("d")]),
                text(" "),
                Inline::Strong(vec![text("e")]),
                text(" snake_case "),
                Inline::Emphasis(vec![text("f")]),
                text(" "),
                Inline::Link(vec![text("g")], "https://x.y/z".into()),
                text(" *h"),
            ]
        );
    }

    #[test]
    fn unclosed_markers_stay_text() {
        assert_eq!(
            parse_inline("2 * 3 and `open and [x](y"),
            vec![text("2 * 3 and `open and [x](y")]
        );
        assert_eq!(parse_inline("*"), vec![text("*")]);
        assert_eq!(parse_inline("**"), vec![text("**")]);
        assert_eq!(parse_inline("\\"), vec![text("\\")]);
    }

    #[test]
    fn ordered_list_with_a_nested_fence_and_lazy_lines() {
        let doc = "1. Upgrade:\n   ```yaml\n   a: 1\n   ```\n   (ID `x`), then\n   go.\n2. Remove it\nlazily.\n3. Done\n\nAfter.";
        let blocks = parse(doc);
        let Some(Block::List {
            ordered: true,
            start: 1,
            items,
        }) = blocks.first()
        else {
            panic!("no ordered list: {blocks:?}");
        };
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[0],
            vec![
                Block::Paragraph(vec![text("Upgrade:")]),
                Block::Code {
                    lang: "yaml".into(),
                    text: "a: 1\n".into()
                },
                Block::Paragraph(vec![
                    text("(ID "),
                    Inline::Code("x".into()),
                    text("), then go.")
                ]),
            ]
        );
        assert_eq!(
            items[1],
            vec![Block::Paragraph(vec![text("Remove it lazily.")])]
        );
        assert_eq!(blocks.get(1), Some(&Block::Paragraph(vec![text("After.")])));
    }

    #[test]
    fn unordered_list_items_with_continuations() {
        let doc = "- one\n  more;\n- two\n\n- three\n";
        assert_eq!(
            parse(doc),
            vec![Block::List {
                ordered: false,
                start: 1,
                items: vec![
                    vec![Block::Paragraph(vec![text("one more;")])],
                    vec![Block::Paragraph(vec![text("two")])],
                    vec![Block::Paragraph(vec![text("three")])],
                ],
            }]
        );
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        assert_eq!(
            parse("```\nx\n"),
            vec![Block::Code {
                lang: String::new(),
                text: "x\n".into()
            }]
        );
    }

    #[test]
    fn only_http_links_are_web_links() {
        assert!(is_web_link("https://github.com/siderolabs/extensions"));
        assert!(is_web_link("HTTP://x"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("#/rules/x"));
        assert!(!is_web_link("é"));
    }

    #[test]
    fn every_rule_doc_reads_without_losing_text() {
        for rule in talos_ext_analyzer::all_rules() {
            let blocks = parse(rule.doc);
            assert!(
                matches!(blocks.first(), Some(Block::Heading(1, _))),
                "{}",
                rule.id
            );
            assert!(
                blocks.iter().any(|b| matches!(b, Block::Heading(2, _))),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            "`",
            "``",
            "```",
            "**a",
            "_",
            "[",
            "[]()",
            "1.",
            "1. ",
            "- ",
            "-\n",
            "é*é*",
            "\\é",
            "   ```\n",
            "#",
            "####### x",
            "1. a\n\n\n",
            "*a**b*",
            "_a_b_",
            "[a](b c)",
        ] {
            let _ = parse(s);
            let _ = parse_inline(s);
        }
    }
}
