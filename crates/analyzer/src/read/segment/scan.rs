//! Scanning for segmentation: where a block (a Markdown fence, an indented block, YAML, JSON) starts and ends.

use super::super::command::command_start;
use super::super::paste::drop_prefix;
use super::super::{table, version_output};
use crate::text::{self, CleanLine};

/// An opening fence: its character, length, indentation and language.
pub(super) struct Fence {
    pub(super) marker: char,
    pub(super) len: usize,
    pub(super) indent: usize,
    pub(super) lang: String,
}

pub(super) fn fence_open(text: &str) -> Option<Fence> {
    let t = text.trim_start_matches(' ');
    let indent = text.len() - t.len();
    let marker = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = t.chars().take_while(|&c| c == marker).count();
    if len < 3 {
        return None;
    }
    let info = t[len..].trim();
    if marker == '`' && info.contains('`') {
        return None;
    }
    let lang = info
        .trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | '{'))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(Fence {
        marker,
        len,
        indent,
        lang,
    })
}

/// Removes up to `indent` leading spaces from each line (fence or code-block indentation), keeping positions.
pub(super) fn dedent<'a>(lines: &[CleanLine<'a>], indent: usize) -> Vec<CleanLine<'a>> {
    lines
        .iter()
        .map(|l| {
            let spaces = l
                .text
                .chars()
                .take(indent)
                .take_while(|&c| c == ' ')
                .count();
            if spaces == 0 {
                l.clone()
            } else {
                drop_prefix(l, spaces)
            }
        })
        .collect()
}

/// An indented block (a Markdown code block, a document quoted in a mail or a chat, a list item's content) whose
/// first line, once dedented, starts YAML or JSON: the index after its last line, the last before one indented less.
/// Any indent counts, and so does a block right after a line of prose (`Output:`): only a readable first line makes
/// it one, and lines a block continues (YAML's own indented lines) are taken by that block before this is asked.
pub(super) fn indented_block(lines: &[CleanLine], start: usize) -> Option<usize> {
    let text = &*lines[start].text;
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent == 0 {
        return None;
    }
    let body = &text[indent..];
    // Tables, commands and `talosctl version` output need no dedenting: the plain reader reads them at any indent.
    let readable = key_line(body, true).is_some() || json_starts(body);
    if !readable {
        return None;
    }
    let mut end = start + 1;
    for (k, line) in lines.iter().enumerate().skip(start + 1) {
        if is_blank(line) {
            continue;
        }
        if line.text.len() - line.text.trim_start_matches(' ').len() < indent {
            break;
        }
        end = k + 1;
    }
    Some(end)
}

pub(super) fn fence_closes(text: &str, fence: &Fence) -> bool {
    let t = text.trim();
    t.chars().take_while(|&c| c == fence.marker).count() >= fence.len
        && t.chars().all(|c| c == fence.marker)
}

pub(super) fn is_blank(line: &CleanLine) -> bool {
    text::is_blank(&line.text)
}

/// `key:` or `key: value` at column 0 (a key without spaces); `lower` asks for a key starting with a lowercase
/// letter (or quoted), which is how every Talos, talhelper and Omni document key is written.
pub(super) fn key_line(text: &str, lower: bool) -> Option<&str> {
    let t = text.strip_prefix("- ").unwrap_or(text);
    let colon = t.find(':')?;
    let (key, after) = t.split_at(colon);
    let after = &after[1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let quoted = key.len() >= 2
        && ((key.starts_with('"') && key.ends_with('"'))
            || (key.starts_with('\'') && key.ends_with('\'')));
    if quoted {
        return Some(after.trim());
    }
    let first = key.chars().next()?;
    let ok_first = if lower {
        first.is_ascii_lowercase()
    } else {
        first.is_alphanumeric() || first == '_'
    };
    let ok_rest = key
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
    (ok_first && ok_rest).then(|| after.trim())
}

pub(super) fn is_doc_marker(text: &str) -> bool {
    text == "---" || text.starts_with("--- ") || text == "..."
}

/// Can this line start a YAML block?
pub(super) fn yaml_starts(lines: &[CleanLine], i: usize) -> bool {
    let text = &*lines[i].text;
    if is_doc_marker(text) && text != "..." {
        let next = lines[i + 1..].iter().find(|l| !is_blank(l));
        return next.is_some_and(|l| {
            key_line(&l.text, false).is_some() || l.text.starts_with(' ') || l.text.starts_with('-')
        });
    }
    key_line(text, true).is_some()
}

/// Does this line (not blank) continue a YAML block? `after_blank`: it follows blank lines, so ask more of it.
pub(super) fn yaml_continues(text: &str, after_blank: bool) -> bool {
    plain_key_line(text) || yaml_continues_in_general(text, after_blank)
}

/// An unindented `key:` line (followed by a space, a tab or the end) whose key is an ASCII lower-case letter and then
/// ASCII letters, digits, `_`, `-`, `.` or `/`, decided bytewise: `-o yaml`'s `node:`, `metadata:` and `spec:`,
/// a quarter of its lines. Such a line is no fence, table header, warning or command (its first word ends in `:`), so
/// [`yaml_continues_in_general`] comes to [`key_line`] and says yes, after five other checks that took about 2,000
/// instructions per line in profiles (tested in `tests`).
pub(super) fn plain_key_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let key_end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')));
    key_end.is_some_and(|colon| {
        bytes[colon] == b':' && matches!(bytes.get(colon + 1), None | Some(b' ' | b'\t'))
    })
}

/// [`yaml_continues`] for any line.
pub(super) fn yaml_continues_in_general(text: &str, after_blank: bool) -> bool {
    // Skip ASCII indentation bytewise first (the common case, and hot on big pastes), then any other whitespace.
    let indent = text
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let lead = text.get(indent..).unwrap_or(text).trim_start();
    if lead.starts_with("```") || lead.starts_with("~~~") {
        return false;
    }
    if text.starts_with([' ', '\t']) || is_doc_marker(text) {
        return true;
    }
    if table::header(text).is_some() || table::is_warning(text) || command_start(text).is_some() {
        return false;
    }
    if text.starts_with('#') || text == "-" || text.starts_with("- ") {
        return true;
    }
    key_line(text, after_blank).is_some()
}

/// The index after the last line of the YAML block starting at `start`.
pub(super) fn yaml_end(lines: &[CleanLine], start: usize) -> usize {
    let mut end = start + 1;
    let mut i = start + 1;
    while let Some(line) = lines.get(i) {
        if indented_yaml(&line.text) {
            i += 1;
            end = i;
            continue;
        }
        if is_blank(line) {
            let Some(k) = lines[i..].iter().position(|l| !is_blank(l)).map(|k| i + k) else {
                break;
            };
            if !yaml_continues(&lines[k].text, true) || version_output::starts(lines, k) {
                break;
            }
            i = k;
            continue;
        }
        if !yaml_continues(&line.text, false) || version_output::starts(lines, i) {
            break;
        }
        i += 1;
        end = i;
    }
    end
}

/// A line that certainly continues a YAML block, decided by two bytes: indented by a space or tab, and its first
/// other character ASCII and none of `` ` ``, `~` (a fence), `C`, `S`, `T` (version output's `Client:`, `Server:`,
/// `Tag:`). Most lines of a block are such; for them this equals "not blank, [`yaml_continues`] and not
/// [`version_output::starts`]", which would trim the indentation three times over (tested in `tests`).
pub(super) fn indented_yaml(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !matches!(bytes.first(), Some(b' ' | b'\t')) {
        return false;
    }
    let lead = bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t'..=b'\r'))
        .copied();
    lead.is_some_and(|b| b.is_ascii() && !matches!(b, b'`' | b'~' | b'C' | b'S' | b'T'))
}

/// Can a JSON value start here (`{` or `[` at column 0, followed by what JSON allows)?
pub(super) fn json_starts(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('{') => matches!(chars.next(), None | Some(' ' | '\t' | '"' | '}')),
        Some('[') => matches!(
            chars.next(),
            None | Some(' ' | '\t' | '"' | '{' | '[' | ']')
        ),
        _ => false,
    }
}

/// The index after the last line of the JSON block starting at `start`: brackets outside strings balance, then
/// further values may follow (`talosctl -o json` concatenates them). `None` when the first value closes with text
/// after it on its line (prose such as `[ ] done`).
pub(super) fn json_end(lines: &[CleanLine], start: usize) -> Option<usize> {
    let mut depth: usize = 0;
    let mut i = start;
    let mut end = start + 1;
    while let Some(line) = lines.get(i) {
        if is_blank(line) {
            if depth == 0 {
                let Some(k) = lines[i..].iter().position(|l| !is_blank(l)).map(|k| i + k) else {
                    return Some(end);
                };
                if !json_starts(&lines[k].text) {
                    return Some(end);
                }
                i = k;
                continue;
            }
            // JSON output has no blank lines: an unclosed value ends here (the reader reports it).
            return Some(end);
        }
        if depth == 0 && i > start && !json_starts(&line.text) {
            return Some(end);
        }
        let trimmed = line.text.trim_start();
        if i > start
            && (trimmed.starts_with("```")
                || trimmed.starts_with("~~~")
                || command_start(&line.text).is_some())
        {
            return Some(end);
        }
        let value_starts = depth == 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut closed_at: Option<usize> = None;
        for (b, c) in line.text.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && closed_at.is_none() {
                        closed_at = Some(b + 1);
                    }
                }
                _ => {}
            }
        }
        if value_starts {
            // A value that opens and closes on one line with text after it is prose (`[ ] done`, `{x} y`).
            if let Some(at) = closed_at.filter(|_| depth == 0) {
                let tail = line.text[at..].trim();
                if !(tail.is_empty() || tail == ",") {
                    return (i > start).then_some(end);
                }
            }
        }
        i += 1;
        end = i;
    }
    Some(end)
}
