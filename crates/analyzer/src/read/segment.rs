//! Segmentation: clean lines → blocks (Markdown fences, command lines, `talosctl get extensions` tables,
//! `talosctl version` output, YAML, JSON, prose), each handed to its reader, with the node a command names passed
//! on to the block that follows it.
//!
//! One pass over the lines; look-aheads over blank lines are re-read at most once, so reading stays linear. A YAML
//! block that turns out to end in prose (see [`structured::read_yaml_until_prose`]) has its rest read again: the
//! lines read again so are at most as many as the input's, so reading stays linear then too.

use super::command::{command_start, continues, parse_talosctl};
use super::empty_state::{self, Awaiting};
use super::words::char_index;
use super::{mentions, node_error, structured, table, version_output, Block, Sink};
use crate::model::Format;
use crate::observation::NodeErrorObservation;
use crate::span::Span;
use crate::text::{self, CleanLine};

mod scan;

use scan::{
    dedent, fence_closes, fence_open, indented_block, is_blank, json_end, json_starts, key_line,
    yaml_end, yaml_starts, Fence,
};

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
                // without extensions. Its span is the header's words, without the spaces that indent a quoted table.
                let indent = text.len() - text.trim_start_matches(' ').len();
                let span =
                    text::span_in_line(self.sink.input, line, indent, line.text.chars().count());
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
        // A block cut short before prose has read a document (a cut is made only then), which has its fragment; a
        // block read whole may have none (only an error, only comments): its lines are another document.
        self.ensure_fragment(before, lines);
        if let Some((awaiting, prose)) = awaiting {
            let shows_state = self.shows_state_since(marks);
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

    /// Did the block read since `marks` show any node's state?
    fn shows_state_since(&self, marks: (empty_state::Marks, usize)) -> bool {
        empty_state::mark(&self.sink.observations) != marks.0
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
mod tests;
