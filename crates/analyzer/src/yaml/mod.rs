//! YAML streams read into spanned [`Node`] trees through `saphyr-parser`'s event API (see
//! `docs/decisions/0001-yaml-parser.md`).
//!
//! Every position is mapped back to the original input through the block's [`CleanLine`]s. Anchors and aliases are
//! expanded (talhelper configs use them) under budgets, so that a "billion laughs", a 10,000-deep nesting or a huge
//! document ends in an error quickly instead of a hang or a crash. The tree builder is iterative; the depth budget
//! bounds the recursion of everything that later walks, clones or drops a tree.

mod builder;
mod empty_tag;
mod fast;
mod message;
mod position;
mod prose;

use crate::text::CleanLine;
use crate::tree::Node;

pub use message::humanize;

/// Budgets for one YAML stream. Each breach is an input error for the document it happens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of mappings and sequences (a document's root is at depth 1).
    pub max_depth: usize,
    /// Nodes per document, aliases counted at their expanded size.
    pub max_nodes: usize,
    /// Alias uses per document.
    pub max_aliases: usize,
    /// Characters per document.
    pub max_document_chars: usize,
    /// Characters per block (all documents together).
    pub max_block_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 256,
            max_nodes: 250_000,
            max_aliases: 10_000,
            max_document_chars: 1 << 20,
            max_block_chars: 32 << 20,
        }
    }
}

/// An error at an original line and column, with a message that says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// One item of a stream, in input order: a document's root, or why a document could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    Document(Node<'a>),
    Error(YamlError),
}

/// Parses every document of `lines` (joined with `\n`). After an error the reader resumes at the next line that
/// starts with `---`, so the other documents of the block are still read. The general parser alone reads them, so
/// the documents own their text and outlive `lines` (for documents kept, such as those inside a string); the items
/// equal those [`parse_each`] hands over (tested in `fast/tests.rs`).
pub fn parse(lines: &[CleanLine], input: usize, limits: &Limits) -> Vec<Item<'static>> {
    if let Some(error) = too_large(lines, limits) {
        return vec![Item::Error(error)];
    }
    let mut items = Vec::new();
    general(lines, 0, input, limits, 0, &mut items);
    items
}

/// [`parse`], handing each item to `emit` in order. Machine-written documents at the start go through the fast path:
/// they are handed over as soon as they are read (a big stream is never held as trees all at once), and their
/// scalars borrow from `lines`. The general parser reads from where the fast path stopped.
pub fn parse_each<'l>(
    lines: &'l [CleanLine],
    input: usize,
    limits: &Limits,
    emit: &mut dyn FnMut(Item<'l>),
) {
    parse_each_until_prose(lines, input, limits, 0, emit);
}

/// [`parse_each`], except that a document that fails on the first line after a blank line is read up to that blank
/// line, and reading stops there (YAML followed by prose or a tool's message, see [`prose`]): returns the index of
/// the first line left unread, for the caller to read as something else. `max_rest` bounds how many lines may be
/// left (0: never stop early), so that a caller reading the rest again keeps its reading linear.
pub fn parse_each_until_prose<'l>(
    lines: &'l [CleanLine],
    input: usize,
    limits: &Limits,
    max_rest: usize,
    emit: &mut dyn FnMut(Item<'l>),
) -> Option<usize> {
    if let Some(error) = too_large(lines, limits) {
        emit(Item::Error(error));
        return None;
    }
    let first = if general_only() {
        0
    } else {
        fast::parse(lines, input, limits, emit)
    };
    let mut items = Vec::new();
    let rest = general(lines, first, input, limits, max_rest, &mut items);
    for item in items {
        emit(item);
    }
    rest
}

/// The error for a block over the size budget.
fn too_large(lines: &[CleanLine], limits: &Limits) -> Option<YamlError> {
    let total: usize = lines.iter().map(|l| l.text.len() + 1).sum();
    if total <= limits.max_block_chars {
        return None;
    }
    let (line, column) = lines.first().map_or((1, 1), |l| (l.line, l.column(0)));
    Some(YamlError {
        line,
        column,
        message: format!(
            "this YAML is too large to read ({} MiB; at most {} MiB)",
            total >> 20,
            limits.max_block_chars >> 20
        ),
    })
}

/// Reads `lines` from index `first` on with the general parser into `items`; returns where it stopped early, if it
/// did (see [`parse_each_until_prose`]).
fn general(
    lines: &[CleanLine],
    mut first: usize,
    input: usize,
    limits: &Limits,
    max_rest: usize,
    items: &mut Vec<Item<'static>>,
) -> Option<usize> {
    // The lines with `image: <reference>:` values quoted, once the parser failed on one (see [`empty_tag`]).
    let mut mended: Option<Vec<CleanLine>> = None;
    while first < lines.len() {
        let lines = mended.as_deref().unwrap_or(lines);
        let text = join(&lines[first..]);
        let positions = position::Positions {
            lines,
            first,
            input,
        };
        let before = items.len();
        let result = builder::build(&text, positions, limits, items);
        if let Err(stop) = result {
            let error = first + stop.at.line.max(1) - 1;
            let mend = (stop.syntax && mended.is_none())
                .then(|| empty_tag::mend(lines, error, stop.at.col))
                .flatten();
            if let Some(mend) = mend {
                // Read this part again, mended: what it read before the error is read again too.
                items.truncate(before);
                mended = Some(mend);
                continue;
            }
            if let Some(rest) = prose::cut(lines, first, stop, max_rest, input, limits, items) {
                return Some(rest);
            }
        }
        // Resuming at a `---` that cut the previous try short can meet the same error again: report it once.
        if before > 0
            && matches!(items.get(before), Some(Item::Error(_)))
            && items.get(before) == items.get(before - 1)
        {
            items.remove(before);
        }
        match result {
            Ok(()) => break,
            Err(stop) => {
                // Resume at the next document start from the line where reading stopped (that line itself when it
                // is a `---` that cut a document short), always moving forward.
                let after = (first + stop.at.line.max(1) - 1).max(first + 1);
                match (after..lines.len()).find(|&i| is_document_start(&lines[i].text)) {
                    Some(next) => first = next,
                    None => break,
                }
            }
        }
    }
    None
}

/// [`parse_each`]'s items, owning their text (tests compare them with [`parse`]'s).
#[cfg(test)]
pub(crate) fn parse_all(lines: &[CleanLine], input: usize, limits: &Limits) -> Vec<Item<'static>> {
    let mut items = Vec::new();
    parse_each(lines, input, limits, &mut |item| {
        items.push(match item {
            Item::Document(root) => Item::Document(root.into_owned()),
            Item::Error(e) => Item::Error(e),
        });
    });
    items
}

#[cfg(test)]
thread_local! {
    /// Tests set this to read with the general parser alone, to compare it with the fast path.
    pub(crate) static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn general_only() -> bool {
    GENERAL_ONLY.with(std::cell::Cell::get)
}

/// Runs `f` with the general parser alone (tests compare it with the fast path).
#[cfg(test)]
pub(crate) fn with_general_only<T>(f: impl FnOnce() -> T) -> T {
    GENERAL_ONLY.with(|g| g.set(true));
    let out = f();
    GENERAL_ONLY.with(|g| g.set(false));
    out
}

#[cfg(not(test))]
fn general_only() -> bool {
    false
}

/// Does this line start a new document (`---` at column 0, alone or followed by a blank)?
pub fn is_document_start(text: &str) -> bool {
    // Byte patterns rather than `strip_prefix`: asked of every line of a stream, and a short `memcmp` call each
    // time showed in profiles.
    matches!(
        text.as_bytes(),
        [b'-', b'-', b'-'] | [b'-', b'-', b'-', b' ' | b'\t', ..]
    )
}

fn join(lines: &[CleanLine]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&line.text);
    }
    text
}

#[cfg(test)]
pub(crate) mod tests;
