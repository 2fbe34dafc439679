//! Segmentation: clean lines → blocks (Markdown fences, command lines, `talosctl get extensions` tables,
//! `talosctl version` output, YAML, JSON, prose), each handed to its reader, with the node a command names passed
//! on to the block that follows it.
//!
//! One pass over the lines; look-aheads over blank lines are re-read at most once, so reading stays linear. A YAML
//! block that turns out to end in prose (see [`structured::read_yaml_until_prose`]) has its rest read again: the
//! lines read again so are at most as many as the input's, so reading stays linear then too.

use super::command::{command_start, continues, parse_talosctl};
use super::empty_state::{self, Awaiting};
use super::paste::drop_prefix;
use super::words::char_index;
use super::{mentions, node_error, structured, table, version_output, Block, Sink};
use crate::model::Format;
use crate::observation::NodeErrorObservation;
use crate::span::Span;
use crate::text::{self, CleanLine};

/// Reads clean lines into the sink. `outer_hint` is the node the whole input belongs to (a bundle folder).
pub fn read_lines(sink: &mut Sink, lines: &[CleanLine], outer_hint: Option<&str>) {
    let mut reader = Reader {
        sink,
        outer_hint: outer_hint.map(str::to_string),
        pending: None,
        prose: None,
        awaiting: None,
        warned_node: None,
        reread_budget: lines.len(),
    };
    reader.run(lines, false);
    reader.end_awaiting();
    reader.flush_prose();
}

struct Reader<'s> {
    sink: &'s mut Sink,
    outer_hint: Option<String>,
    /// The node hint a command set for the next block (`Some(None)`: the command named no single node).
    pending: Option<Option<String>>,
    /// Skipped lines not yet recorded (first and last line number).
    prose: Option<(u32, u32)>,
    /// The last `talosctl get extensions` command while its output has not been read, and whether prose came
    /// after it (then its output, if it printed nothing, cannot be told from an output left out of the paste).
    awaiting: Option<(Awaiting, bool)>,
    /// The node the last `WARNING: <node>: …` line named since the last command: it names the node of a table
    /// that has no NODE cell to name it (a header alone).
    warned_node: Option<String>,
    /// How many more lines may be read again after a YAML block stopped before prose: a text of many blocks that
    /// each stop early, each rest holding the next, must not be read again and again.
    reread_budget: usize,
}

/// An opening fence: its character, length, indentation and language.
struct Fence {
    marker: char,
    len: usize,
    indent: usize,
    lang: String,
}

fn fence_open(text: &str) -> Option<Fence> {
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
fn dedent<'a>(lines: &[CleanLine<'a>], indent: usize) -> Vec<CleanLine<'a>> {
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

/// A Markdown indented code block (4 or more spaces, after a blank line or at the start) whose first line, once
/// dedented, starts something readable (YAML, JSON, a table, a command): the index after its last line.
fn indented_block(lines: &[CleanLine], start: usize) -> Option<usize> {
    let text = &*lines[start].text;
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent < 4 || (start > 0 && !is_blank(&lines[start - 1])) {
        return None;
    }
    let body = &text[indent..];
    let readable = key_line(body, true).is_some()
        || json_starts(body)
        || table::header(body).is_some()
        || command_start(body).is_some()
        || matches!(body, "Client:" | "Server:");
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

fn fence_closes(text: &str, fence: &Fence) -> bool {
    let t = text.trim();
    t.chars().take_while(|&c| c == fence.marker).count() >= fence.len
        && t.chars().all(|c| c == fence.marker)
}

fn is_blank(line: &CleanLine) -> bool {
    text::is_blank(&line.text)
}

/// `key:` or `key: value` at column 0 (a key without spaces); `lower` asks for a key starting with a lowercase
/// letter (or quoted), which is how every Talos, talhelper and Omni document key is written.
fn key_line(text: &str, lower: bool) -> Option<&str> {
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

fn is_doc_marker(text: &str) -> bool {
    text == "---" || text.starts_with("--- ") || text == "..."
}

/// Can this line start a YAML block?
fn yaml_starts(lines: &[CleanLine], i: usize) -> bool {
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
fn yaml_continues(text: &str, after_blank: bool) -> bool {
    plain_key_line(text) || yaml_continues_in_general(text, after_blank)
}

/// An unindented `key:` line (followed by a space, a tab or the end) whose key is an ASCII lower-case letter and then
/// ASCII letters, digits, `_`, `-`, `.` or `/`, decided bytewise: `-o yaml`'s `node:`, `metadata:` and `spec:`,
/// a quarter of its lines. Such a line is no fence, table header, warning or command (its first word ends in `:`), so
/// [`yaml_continues_in_general`] comes to [`key_line`] and says yes, after five other checks that took about 2,000
/// instructions per line in profiles (tested in `tests`).
fn plain_key_line(text: &str) -> bool {
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
fn yaml_continues_in_general(text: &str, after_blank: bool) -> bool {
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
fn yaml_end(lines: &[CleanLine], start: usize) -> usize {
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
fn indented_yaml(text: &str) -> bool {
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
fn json_starts(text: &str) -> bool {
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
fn json_end(lines: &[CleanLine], start: usize) -> Option<usize> {
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

impl Reader<'_> {
    /// The node hint for the next block: the one the last command set, else the input's.
    fn take_hint(&mut self) -> Option<String> {
        match self.pending.take() {
            Some(hint) => hint,
            None => self.outer_hint.clone(),
        }
    }

    fn add_prose(&mut self, line: u32) {
        self.prose = Some(match self.prose {
            Some((first, _)) => (first, line),
            None => (line, line),
        });
    }

    fn flush_prose(&mut self) {
        if let Some((first, last)) = self.prose.take() {
            self.sink.fragment(Format::Prose, first, last);
        }
    }

    fn fragment(&mut self, format: Format, first: u32, last: u32) {
        self.flush_prose();
        self.sink.fragment(format, first, last);
    }

    fn run(&mut self, lines: &[CleanLine], in_fence: bool) {
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            let text = &*line.text;
            if text::is_blank(text) {
                i += 1;
                continue;
            }
            if !in_fence {
                if let Some(fence) = fence_open(text) {
                    i = self.fence(lines, i, &fence);
                    continue;
                }
                if let Some(end) = indented_block(lines, i) {
                    let indent = lines[i].text.len() - lines[i].text.trim_start_matches(' ').len();
                    let content = dedent(&lines[i..end], indent);
                    self.run(&content, true);
                    i = end;
                    continue;
                }
            }
            if let Some(at) = command_start(text) {
                i = self.command(lines, i, at);
                continue;
            }
            if table::is_warning(text) {
                self.prose_line(line);
                i += 1;
                continue;
            }
            if table::header(text).is_some() {
                let end = table::end(lines, i);
                let hint = self.take_hint();
                self.flush_prose();
                let awaiting = self.awaiting.take().map(|(a, _)| a);
                let marks = self.output_marks();
                table::read(self.sink, &lines[i..end], hint.as_deref());
                // A table is its own evidence: even without a command above it, a header alone shows a node
                // without extensions.
                let span = text::span_in_line(self.sink.input, line, 0, line.text.chars().count());
                let targets = awaiting.map(|a| a.targets).unwrap_or_default();
                let warned = lines[i..end]
                    .iter()
                    .find_map(|l| table::warned_node(&l.text))
                    .map(str::to_string);
                let hint = hint.or(warned).or_else(|| self.warned_node.take());
                self.after_output(marks, &targets, hint.as_deref(), span);
                i = end;
                continue;
            }
            if version_output::starts(lines, i) {
                self.end_awaiting();
                let end = version_output::end(lines, i);
                let hint = self.take_hint();
                self.flush_prose();
                version_output::read(self.sink, &lines[i..end], hint.as_deref());
                i = end;
                continue;
            }
            if json_starts(text) {
                if let Some(end) = json_end(lines, i) {
                    self.json(&lines[i..end]);
                    i = end;
                    continue;
                }
            }
            if yaml_starts(lines, i) {
                let end = yaml_end(lines, i);
                let one_line_prose = end == i + 1
                    && key_line(text, true)
                        .is_some_and(|v| v.contains(' ') && !v.starts_with(['{', '[', '"', '\'']));
                if !one_line_prose {
                    // A block that stopped before prose: the rest is read again, as whatever it is.
                    i += self.yaml(&lines[i..end]).unwrap_or(end - i);
                    continue;
                }
            }
            self.prose_line(line);
            i += 1;
        }
    }

    /// Records `other-document` for a block the structured reader left without a fragment, so that every line
    /// of the input is accounted for.
    fn ensure_fragment(&mut self, before: usize, lines: &[CleanLine]) {
        if self.fragment_count() == before {
            if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
                self.sink
                    .fragment(Format::OtherDocument, first.line, last.line);
            }
        }
    }

    fn fragment_count(&self) -> usize {
        self.sink
            .inputs
            .get(self.sink.input)
            .map_or(0, |i| i.fragments.len())
    }

    /// Reads a YAML block; returns the index of the first line it left unread when the block ended in prose.
    fn yaml(&mut self, lines: &[CleanLine]) -> Option<usize> {
        let budget = self.reread_budget;
        let rest = self.structured(lines, |sink, block| {
            structured::read_yaml_until_prose(sink, block, budget)
        });
        if let Some(rest) = rest {
            self.reread_budget -= lines.len() - rest;
        }
        rest
    }

    fn json(&mut self, lines: &[CleanLine]) {
        self.structured(lines, |sink, block| {
            structured::read_json(sink, block);
            None
        });
    }

    /// Reads a YAML or JSON block (`read` gives the index of the first line it left unread, if it stopped before
    /// prose); after a `get extensions` command, it is that command's output.
    fn structured(
        &mut self,
        lines: &[CleanLine],
        read: impl FnOnce(&mut Sink, Block) -> Option<usize>,
    ) -> Option<usize> {
        let hint = self.take_hint();
        self.flush_prose();
        let before = self.fragment_count();
        let awaiting = self.awaiting.take();
        let marks = self.output_marks();
        let block = Block {
            lines,
            node_hint: hint.as_deref(),
        };
        let rest = read(self.sink, block);
        let read_lines = match rest {
            Some(rest) => {
                let end = lines[..rest]
                    .iter()
                    .rposition(|l| !is_blank(l))
                    .map_or(0, |k| k + 1);
                &lines[..end]
            }
            None => lines,
        };
        self.ensure_fragment(before, read_lines);
        if let Some((awaiting, prose)) = awaiting {
            let (shows_state, _) = self.shown_since(marks);
            // A block that shows no node's state is another document: the command printed nothing, unless
            // prose between them may have stood for its output.
            if shows_state || (awaiting.prints_nothing_when_empty && !prose) {
                self.after_output(marks, &awaiting.targets, hint.as_deref(), awaiting.span);
            }
        }
        rest
    }

    /// What was read before an output block, to tell what the block showed.
    fn output_marks(&self) -> (empty_state::Marks, usize) {
        (
            empty_state::mark(&self.sink.observations),
            self.sink.errors.len(),
        )
    }

    /// Did the block read since `marks` show any node's state, and did it have input errors?
    fn shown_since(&self, marks: (empty_state::Marks, usize)) -> (bool, bool) {
        let obs = &self.sink.observations;
        let now = empty_state::mark(obs);
        (now != marks.0, self.sink.errors.len() != marks.1)
    }

    /// Records the empty nodes of an output block, unless the block had input errors (a row that could not be
    /// read may be the node's).
    fn after_output(
        &mut self,
        marks: (empty_state::Marks, usize),
        targets: &[String],
        hint: Option<&str>,
        span: Span,
    ) {
        if self.sink.errors.len() == marks.1 {
            empty_state::after_output(&mut self.sink.observations, marks.0, targets, hint, span);
        }
    }

    /// A `get extensions` command followed by no output (another command, the end of the text): an `-o yaml` or
    /// `-o json` request printed nothing, so its nodes run no extensions.
    fn end_awaiting(&mut self) {
        if let Some((awaiting, false)) = self.awaiting.take() {
            empty_state::nothing_printed(&mut self.sink.observations, &awaiting);
        }
    }

    /// Reads a fence opening at `lines[start]`; returns the index after its closing line.
    fn fence(&mut self, lines: &[CleanLine], start: usize, fence: &Fence) -> usize {
        self.add_prose(lines[start].line);
        let close = lines[start + 1..]
            .iter()
            .position(|l| fence_closes(&l.text, fence))
            .map_or(lines.len(), |k| start + 1 + k);
        let content = dedent(&lines[start + 1..close], fence.indent);
        let first = content.iter().position(|l| !is_blank(l));
        let last = content.iter().rposition(|l| !is_blank(l));
        if let (Some(first), Some(last)) = (first, last) {
            let body = &content[first..=last];
            // The tag is trusted unless the content says otherwise (a prompt, or a first line of another kind: a
            // table pasted into a ```yaml fence).
            let has_prompt = body.iter().any(|l| command_start(&l.text).is_some());
            let head = &*body[0].text;
            let yaml_like = head.starts_with(['#', ' ', '-']) || key_line(head, false).is_some();
            match fence.lang.as_str() {
                "yaml" | "yml" if !has_prompt && yaml_like => {
                    if let Some(rest) = self.yaml(body) {
                        self.run(&body[rest..], true);
                    }
                }
                "json" if !has_prompt && json_starts(head) => self.json(body),
                _ => self.run(body, true),
            }
        }
        if let Some(line) = lines.get(close) {
            self.add_prose(line.line);
        }
        close + 1
    }

    /// Reads a command line (with its continuation lines); returns the index after it.
    fn command(&mut self, lines: &[CleanLine], start: usize, at: usize) -> usize {
        let mut end = start + 1;
        let mut command = lines[start].text[at..].to_string();
        // Each line is looked at once: `continues` reads the line just added, never the whole command.
        while continues(&lines[end - 1].text) && end < lines.len() && !is_blank(&lines[end]) {
            let t = command.trim_end();
            command.truncate(t.len().saturating_sub(1));
            command.push(' ');
            command.push_str(lines[end].text.trim());
            end += 1;
        }
        let first = &lines[start];
        let last = &lines[end - 1];
        self.end_awaiting();
        self.warned_node = None;
        let Some(talosctl) = parse_talosctl(&command) else {
            // Another command: its output names no node; scan it for references.
            self.pending = Some(None);
            for line in &lines[start..end] {
                self.prose_line(line);
            }
            return end;
        };
        self.pending = Some(talosctl.single_node().map(str::to_string));
        let span = Span {
            input: self.sink.input,
            line: first.line,
            column: first.column(char_index(&first.text, at)),
            end_line: last.line,
            end_column: last.end_column(),
        };
        if talosctl.subcommand.as_deref() == Some("upgrade") {
            self.fragment(Format::TalosctlUpgrade, first.line, last.line);
            mentions::record_upgrade(self.sink, &talosctl, span);
            self.pending = Some(None);
        } else {
            for line in &lines[start..end] {
                self.prose_line(line);
            }
        }
        // After the command's own lines, which are no prose standing for its output.
        if talosctl.gets_extensions() {
            self.awaiting = Some((
                Awaiting {
                    targets: talosctl.targets().to_vec(),
                    span,
                    prints_nothing_when_empty: talosctl.prints_nothing_when_empty(),
                },
                false,
            ));
        }
        end
    }

    /// A skipped line: prose, unless it holds installer references or an inline `talosctl upgrade` command.
    fn prose_line(&mut self, line: &CleanLine) {
        let text = &*line.text;
        if let Some(e) = node_error::parse(text) {
            self.fragment(Format::TalosctlError, line.line, line.line);
            let span = crate::text::span_in_line(self.sink.input, line, e.start, e.end);
            self.sink
                .observations
                .node_errors
                .push(NodeErrorObservation {
                    node: e.node.to_owned(),
                    code: e.code.to_owned(),
                    description: e.description.to_owned(),
                    span,
                });
            return;
        }
        let mut upgrades = Vec::new();
        let mut excluded: Vec<(usize, usize)> = Vec::new();
        if text.contains("talosctl") && text.contains('`') {
            // Inline code spans: `talosctl …`.
            let mut parts = text.split('`');
            let mut chars = 0usize;
            let mut inside = false;
            for part in parts.by_ref() {
                let part_chars = part.chars().count();
                if inside {
                    if let Some(cmd) = parse_talosctl(part.trim()) {
                        if cmd.subcommand.as_deref() == Some("upgrade") {
                            let start = chars;
                            let end = start + part_chars;
                            excluded.push((start, end));
                            upgrades.push((cmd, start, end));
                        } else {
                            self.pending = Some(cmd.single_node().map(str::to_string));
                        }
                    }
                }
                chars += part_chars + 1;
                inside = !inside;
            }
        }
        let references: Vec<_> = if text.contains("factory.talos.dev/")
            || text.contains("ghcr.io/siderolabs/installer")
        {
            // Both lists are in line order: one walk drops references inside an upgrade command.
            let mut next = excluded.iter().peekable();
            mentions::scan(text)
                .into_iter()
                .filter(|r| {
                    while next.peek().is_some_and(|&&(_, e)| e <= r.start) {
                        next.next();
                    }
                    !next
                        .peek()
                        .is_some_and(|&&(s, e)| r.start >= s && r.end <= e)
                })
                .collect()
        } else {
            Vec::new()
        };
        if upgrades.is_empty() && references.is_empty() {
            if let Some(node) = table::warned_node(text) {
                self.warned_node = Some(node.to_string());
            } else {
                if let Some((_, prose)) = &mut self.awaiting {
                    *prose = true;
                }
            }
            self.add_prose(line.line);
            return;
        }
        if !upgrades.is_empty() {
            self.fragment(Format::TalosctlUpgrade, line.line, line.line);
        }
        if !references.is_empty() {
            self.fragment(Format::InstallerReference, line.line, line.line);
        }
        for (cmd, start, end) in upgrades {
            let span = crate::text::span_in_line(self.sink.input, line, start, end);
            mentions::record_upgrade(self.sink, &cmd, span);
        }
        for r in &references {
            mentions::record_mention(self.sink, line, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<CleanLine<'_>> {
        super::super::paste::clean_lines(text).0
    }

    #[test]
    fn indented_yaml_lines_continue_a_block() {
        let pieces = [
            "",
            " ",
            "\t",
            "\r",
            "\u{b}",
            "\u{1c}",
            "\u{a0}",
            "\u{2003}",
            "`",
            "~",
            "C",
            "S",
            "T",
            "a",
            "é",
            ":",
            "#",
            "-",
            "```",
            "Client:",
            "Tag: v1",
            "$ talosctl",
        ];
        let next = CleanLine::plain("    SHA: x", 2, 0);
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let lines = [CleanLine::plain(text.as_str(), 1, 0), next.clone()];
                    if indented_yaml(&text) {
                        assert!(!is_blank(&lines[0]), "{text:?}");
                        assert!(yaml_continues(&text, false), "{text:?}");
                        assert!(!version_output::starts(&lines, 0), "{text:?}");
                    }
                }
            }
        }
        assert!(indented_yaml("    name: x"));
        assert!(!indented_yaml("name: x"));
    }

    #[test]
    fn plain_key_lines_continue_a_block() {
        let pieces = [
            "",
            " ",
            "\t",
            "a",
            "Z",
            "0",
            "_",
            "-",
            ".",
            "/",
            ":",
            "@",
            "$",
            "#",
            "é",
            "node",
            "talosctl",
            "WARNING",
            "NODE",
            "user@host",
            "```",
            "- ",
        ];
        let mut plain = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let text = format!("{a}{b}{c}{d}");
                        if plain_key_line(&text) {
                            plain += 1;
                            for after_blank in [false, true] {
                                assert!(yaml_continues_in_general(&text, after_blank), "{text:?}");
                            }
                        }
                    }
                }
            }
        }
        assert!(plain > 500, "{plain}");
        for yes in [
            "node: 10.0.0.1",
            "metadata:",
            "spec:",
            "a/b.c-d_e:\tx",
            "talosctl: x",
        ] {
            assert!(plain_key_line(yes), "{yes:?}");
        }
        for no in [
            "Node: x",
            "node:x",
            "node",
            " node: x",
            "- node: x",
            "no de: x",
            "nodé: x",
            "NODE NAMESPACE",
        ] {
            assert!(!plain_key_line(no), "{no:?}");
        }
    }

    #[test]
    fn fences() {
        let f = fence_open("  ```yaml title=x").unwrap();
        assert_eq!(
            (f.marker, f.len, f.indent, f.lang.as_str()),
            ('`', 3, 2, "yaml")
        );
        assert!(fence_open("```inline```").is_none());
        assert_eq!(fence_open("~~~~").unwrap().lang, "");
        assert!(fence_closes("  ````", &f));
        assert!(!fence_closes("```yaml", &f));
    }

    #[test]
    fn yaml_blocks() {
        let l = lines("machine:\n  install:\n\n    image: x\n---\nkind: X\n\nThat was it.\n");
        assert!(yaml_starts(&l, 0));
        assert_eq!(yaml_end(&l, 0), 6);
        let l = lines("---\n\nSome prose.");
        assert!(!yaml_starts(&l, 0));
        assert!(!yaml_starts(&lines("Note: it broke"), 0));
        assert!(yaml_starts(&lines("- op: remove"), 0));
    }

    fn read(text: &str) -> Sink {
        crate::read::read_all(&[crate::Input::text("t", text)])
    }

    fn formats(sink: &Sink) -> Vec<(Format, [u32; 2])> {
        sink.inputs[0]
            .fragments
            .iter()
            .map(|f| (f.format, f.lines))
            .collect()
    }

    const SCHEMATIC: &str = "customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/iscsi-tools\n      - siderolabs/util-linux-tools\n";

    #[test]
    fn yaml_followed_by_a_tools_message_is_read_and_the_message_skipped() {
        let text =
            format!("{SCHEMATIC}\n- invalid value \"siderolabs/util-linux-tool\"\n  * more\n");
        let plain = [(Format::Schematic, [1, 5]), (Format::Prose, [7, 8])];
        // In a fence, the fence lines are prose too.
        let fenced = [
            (Format::Prose, [1, 1]),
            (Format::Schematic, [2, 6]),
            (Format::Prose, [8, 10]),
        ];
        for (text, expected) in [
            (text.clone(), &plain[..]),
            (format!("```yaml\n{text}```\n"), &fenced[..]),
        ] {
            let sink = read(&text);
            assert_eq!(sink.errors, [], "{text}");
            assert_eq!(sink.observations.schematics.len(), 1, "{text}");
            assert_eq!(formats(&sink), expected, "{text}");
        }
        // More YAML after the message is read as YAML again.
        let text =
            format!("{SCHEMATIC}\n  * invalid\n\nmachine:\n  install:\n    disk: /dev/sda\n");
        assert_eq!(
            formats(&read(&text)),
            [
                (Format::Schematic, [1, 5]),
                (Format::Prose, [7, 7]),
                (Format::ConfigPatch, [9, 11])
            ]
        );
    }

    #[test]
    fn the_lines_read_again_are_at_most_the_inputs() {
        // Each rest holds the next failure: without a budget every rest would be read again, the whole text over
        // and over. The first rest takes nearly all the budget; the next failure stays an error.
        let text = "a: 1\n\n- b: 1\n\n".repeat(500);
        let sink = read(&text);
        assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
        assert_eq!(sink.errors[0].line, 5);
    }

    #[test]
    fn json_blocks() {
        let l = lines("{\n  \"a\": \"}{\",\n  \"b\": [1]\n}\n{\n}\nprose");
        assert!(json_starts(&l[0].text));
        assert_eq!(json_end(&l, 0), Some(6));
        let l = lines("[ ] todo");
        assert_eq!(json_end(&l, 0), None);
        let l = lines("{\n}\n[ ] todo");
        assert_eq!(json_end(&l, 0), Some(2));
        let l = lines("{\n  \"a\": 1\n\nprose");
        assert_eq!(json_end(&l, 0), Some(2));
    }
}
