//! The fast path for machine-written YAML: `talosctl get … -o yaml` streams (block mappings with regular
//! indentation, plain and single-quoted scalars, literal block scalars, `---` between documents).
//!
//! It reads documents from the start of a block for as long as it understands every line of them, and returns where
//! it stopped; the general parser (saphyr, [`super::builder`]) reads the rest. Anything it does not fully
//! understand (a comment, a sequence, a flow collection, a tab, a non-ASCII character, an anchor, a repeated key,
//! a document that would breach a budget…) stops it at the start of that document, so it never guesses: the trees
//! it builds equal the general parser's, spans included (tested in `fast/tests.rs` on every fixture and on
//! generated and mutated streams).

use std::borrow::Cow;

use super::{is_document_start, Item, Limits};
use crate::span::Span;
use crate::text::CleanLine;
use crate::tree::{Node, ScalarStyle, Value};

/// Reads the leading documents of `lines` that it fully understands, hands each to `emit` as soon as it is read
/// (so a big stream is never held as trees all at once; their scalars borrow from `lines`), and returns the index of the first line it left (`lines.len()` when it read them all): either 0 or a `---` line, where the general parser resumes.
pub(super) fn parse<'l>(
    lines: &'l [CleanLine],
    input: usize,
    limits: &Limits,
    emit: &mut dyn FnMut(Item<'l>),
) -> usize {
    let mut reader = Reader {
        lines,
        input,
        limits,
        nodes: 0,
        entries: Vec::new(),
    };
    let mut start = 0;
    while start < lines.len() {
        // A document runs from its `---` line (or the block's first line) to the next `---` line.
        let explicit = is_document_start(&lines[start].text);
        let body = if explicit { start + 1 } else { start };
        let end = lines[body..]
            .iter()
            .position(|l| is_document_start(&l.text))
            .map_or(lines.len(), |i| body + i);
        if explicit && lines[start].text.trim_end_matches(' ') != "---" {
            return start;
        }
        reader.nodes = 0;
        match reader.document(body, end) {
            Some(Some(root)) => emit(Item::Document(root)),
            // Only blank lines before the first `---`: no document, as in the general parser.
            Some(None) if !explicit => {}
            _ => return start,
        }
        start = end;
    }
    lines.len()
}

struct Reader<'l, 'm> {
    lines: &'l [CleanLine<'l>],
    input: usize,
    limits: &'m Limits,
    nodes: usize,
    /// The entries of the open mappings, innermost last (each frame's run from its `start`): one vector reused for
    /// every document, so a mapping's entries are allocated once, at their final size, when it closes.
    entries: Vec<(Node<'l>, Node<'l>)>,
}

/// A block mapping being read.
struct Frame<'l> {
    indent: usize,
    /// Where its entries start in [`Reader::entries`].
    start: usize,
    /// A key written as `key:` whose value (a nested mapping, or nothing) is not read yet.
    pending: Option<Node<'l>>,
}

/// What a line holds after its key.
enum After<'l> {
    /// `key:` alone: a nested mapping follows, or the value is empty.
    Nothing,
    Scalar(Value<'l>, usize, usize),
    /// `key: |` or `key: |-`: a literal block scalar, clipped or stripped.
    Literal {
        strip: bool,
    },
}

impl<'l> Reader<'l, '_> {
    /// Reads lines `from..to` as one document: `Some(None)` when they are blank, `None` when something is not
    /// understood.
    fn document(&mut self, from: usize, to: usize) -> Option<Option<Node<'l>>> {
        let chars: usize = self.lines[from..to].iter().map(|l| l.text.len() + 1).sum();
        if chars >= self.limits.max_document_chars {
            return None;
        }
        let mut stack: Vec<Frame> = Vec::new();
        self.entries.clear();
        // After a scalar value: the deepest indentation the next line may have (more would continue the scalar, or
        // be an error: not understood).
        let mut deepest = None;
        let mut row = from;
        while row < to {
            let lines = self.lines;
            let text: &'l str = &lines[row].text;
            let indent = printable_indent(text)?;
            if indent == text.len() {
                row += 1;
                continue;
            }
            if deepest.take().is_some_and(|d| indent > d) {
                return None;
            }
            // Close the mappings this line is left of.
            while stack.last().is_some_and(|f| f.indent > indent) {
                let frame = stack.pop()?;
                let node = self.close(frame);
                self.attach(stack.last_mut()?, node)?;
            }
            let start = self.entries.len();
            match stack.last_mut() {
                None if indent == 0 => {
                    // The root mapping is a node too, as in the general parser's count.
                    self.count()?;
                    stack.push(Frame {
                        indent,
                        start,
                        pending: None,
                    });
                }
                None => return None,
                Some(top) if top.indent == indent && top.pending.is_none() => {}
                Some(top) if top.indent < indent && top.pending.is_some() => {
                    if stack.len() >= self.limits.max_depth {
                        return None;
                    }
                    self.count()?;
                    stack.push(Frame {
                        indent,
                        start,
                        pending: None,
                    });
                }
                Some(top) if top.indent == indent => {
                    // The previous key had nothing after it: its value is empty.
                    let key = top.pending.take()?;
                    let value = self.empty(&key);
                    self.entries.push((key, value));
                }
                Some(_) => return None,
            }
            let key_end = key_end(text, indent)?;
            let key = self.scalar(row, indent, key_end, text.get(indent..key_end)?)?;
            let frame = stack.last_mut()?;
            let siblings = self.entries.get(frame.start..)?;
            if siblings.len() > 64 || siblings.iter().any(|(k, _)| k.as_str() == key.as_str()) {
                return None;
            }
            match value_after(text, key_end + 1)? {
                After::Nothing => {
                    frame.pending = Some(key);
                    row += 1;
                }
                After::Scalar(value, start, last) => {
                    let span = self.span(row, start, row, last);
                    self.count()?;
                    self.entries.push((key, Node { value, span }));
                    row += 1;
                    deepest = Some(indent);
                }
                After::Literal { strip } => {
                    let (node, next) = self.literal(row + 1, to, indent, strip)?;
                    self.count()?;
                    self.entries.push((key, node));
                    row = next;
                }
            }
        }
        // Close every open mapping; the outermost is the document's root.
        let mut root = None;
        while let Some(frame) = stack.pop() {
            let node = self.close(frame);
            match stack.last_mut() {
                Some(parent) => self.attach(parent, node)?,
                None => root = Some(node),
            }
        }
        if root.is_none() {
            return Some(None);
        }
        if self.nodes > self.limits.max_nodes {
            return None;
        }
        Some(root)
    }

    /// Counts one more node; `None` past the budget (the general parser reports it).
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.limits.max_nodes).then_some(())
    }

    /// Finishes a mapping: a pending key gets an empty value; the span runs from the first key to the end of the
    /// last entry.
    fn close(&mut self, mut frame: Frame<'l>) -> Node<'l> {
        if let Some(key) = frame.pending.take() {
            let value = self.empty(&key);
            self.entries.push((key, value));
        }
        let start = frame.start.min(self.entries.len());
        // One copy of the run into a vector of its size.
        let entries = self.entries.split_off(start);
        let span = entries
            .iter()
            .map(|(k, v)| k.span.cover(v.span))
            .reduce(Span::cover)
            .unwrap_or(Span::lines(self.input, 1, 1, 1));
        Node {
            value: Value::Mapping(entries),
            span,
        }
    }

    /// Makes a finished mapping the value of its parent's pending key.
    fn attach(&mut self, parent: &mut Frame<'l>, node: Node<'l>) -> Option<()> {
        let key = parent.pending.take()?;
        self.entries.push((key, node));
        Some(())
    }

    /// The empty value of `key:`, which takes its key's span.
    fn empty(&mut self, key: &Node) -> Node<'l> {
        self.nodes += 1;
        Node {
            value: Value::Scalar(Cow::Borrowed(""), ScalarStyle::Plain),
            span: key.span,
        }
    }

    /// A plain key of one line, characters `start..end`.
    fn scalar(&mut self, row: usize, start: usize, end: usize, text: &'l str) -> Option<Node<'l>> {
        self.count()?;
        Some(Node {
            value: Value::Scalar(Cow::Borrowed(text), ScalarStyle::Plain),
            span: self.span(row, start, row, end.checked_sub(1)?),
        })
    }

    /// The span from character `start` of line `row` to character `last` (inclusive) of line `end_row`.
    fn span(&self, row: usize, start: usize, end_row: usize, last: usize) -> Span {
        let (first, end) = (&self.lines[row], &self.lines[end_row]);
        Span {
            input: self.input,
            line: first.line,
            column: first.column(start),
            end_line: end.line,
            end_column: end.column(last),
        }
    }

    /// A literal block scalar whose key is at `indent`, content from line `from`: its node and the line after it.
    fn literal(
        &mut self,
        from: usize,
        to: usize,
        indent: usize,
        strip: bool,
    ) -> Option<(Node<'l>, usize)> {
        let first = self.lines.get(from).filter(|_| from < to)?;
        let content = first.text.bytes().take_while(|&b| b == b' ').count();
        if content <= indent || content == first.text.len() {
            return None;
        }
        let mut text = String::new();
        let (mut last_row, mut blanks, mut row) = (from, 0usize, from);
        while row < to {
            let line = &*self.lines[row].text;
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            if spaces == line.len() {
                // A blank line: part of the scalar if more content follows (more spaces than the content's
                // indentation would be content: not understood).
                if spaces > content {
                    return None;
                }
                blanks += 1;
                row += 1;
                continue;
            }
            if spaces < content {
                if spaces > indent {
                    return None;
                }
                break;
            }
            if !line.bytes().all(|b| matches!(b, b' '..=b'~')) {
                return None;
            }
            for _ in 0..blanks {
                text.push('\n');
            }
            if row > from {
                text.push('\n');
            }
            text.push_str(&line[content..]);
            blanks = 0;
            last_row = row;
            row += 1;
        }
        if !strip {
            text.push('\n');
        }
        let last = self.lines[last_row].text.trim_end_matches(' ').len() - 1;
        let span = self.span(from, content, last_row, last);
        Some((
            Node {
                value: Value::Scalar(Cow::Owned(text), ScalarStyle::Literal),
                span,
            },
            // Trailing blank lines are skipped with the scalar.
            row,
        ))
    }
}

/// The indentation of a line (its length when it is all spaces), or `None` when it holds a byte other than a
/// printable ASCII character or a space: one pass over the line.
fn printable_indent(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    bytes
        .get(indent..)?
        .iter()
        .all(|b| matches!(b, b' '..=b'~'))
        .then_some(indent)
}

/// The end of a plain key at `indent` (the index of its `:`), when the key is one the fast path reads: letters,
/// digits, `_`, `-`, `.` and `/`, starting with a letter, a digit or `_`, followed by `:` and a space or the end.
fn key_end(text: &str, indent: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(indent)?;
    if !(first.is_ascii_alphanumeric() || first == b'_') {
        return None;
    }
    let len = bytes[indent..]
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')))?;
    let colon = indent + len;
    (bytes.get(colon) == Some(&b':') && matches!(bytes.get(colon + 1), None | Some(b' ')))
        .then_some(colon)
}

/// What follows `key:` (from `at`, just after the colon).
fn value_after(text: &str, at: usize) -> Option<After<'_>> {
    let rest = text.get(at..)?;
    // Spaces off both ends bytewise (`trim_*_matches(' ')` decode characters: a visible share of the fast path).
    let bytes = rest.as_bytes();
    let end = bytes.iter().rposition(|&b| b != b' ').map_or(0, |i| i + 1);
    let lead = bytes.iter().take(end).take_while(|&&b| b == b' ').count();
    let value = rest.get(lead..end)?;
    let start = at + lead;
    let Some(&first) = value.as_bytes().first() else {
        return Some(After::Nothing);
    };
    let last = start + value.len() - 1;
    match first {
        b'|' => match value {
            "|" => Some(After::Literal { strip: false }),
            "|-" => Some(After::Literal { strip: true }),
            _ => None,
        },
        b'\'' => {
            let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
            // Every quote inside must be a doubled one; without quotes inside, the text is the input's.
            let text = if inner.contains('\'') {
                let mut text = String::with_capacity(inner.len());
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    if c == '\'' && chars.next() != Some('\'') {
                        return None;
                    }
                    text.push(c);
                }
                Cow::Owned(text)
            } else {
                Cow::Borrowed(inner)
            };
            Some(After::Scalar(
                Value::Scalar(text, ScalarStyle::SingleQuoted),
                start,
                last,
            ))
        }
        b'"' => {
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            if inner.contains(['"', '\\']) {
                return None;
            }
            Some(After::Scalar(
                Value::Scalar(Cow::Borrowed(inner), ScalarStyle::DoubleQuoted),
                start,
                last,
            ))
        }
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
        | b'>' | b'%' | b'@' | b'`' => None,
        _ if plain_stops(value.as_bytes()) => None,
        _ => Some(After::Scalar(
            Value::Scalar(Cow::Borrowed(value), ScalarStyle::Plain),
            start,
            last,
        )),
    }
}

/// Would a plain scalar end early or be a key (`: ` or ` #` inside, `:` at the end)? One pass over the bytes
/// (three `str::contains` searches were a visible share of the fast path).
fn plain_stops(value: &[u8]) -> bool {
    value.last() == Some(&b':')
        || value
            .windows(2)
            .any(|w| matches!(w, [b':', b' '] | [b' ', b'#']))
}

#[cfg(test)]
mod tests;
