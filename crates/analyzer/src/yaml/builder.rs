//! Builds [`Node<'static>`] trees from `saphyr-parser` events, iteratively (an explicit stack, never recursion), under the
//! budgets of [`Limits`].

use crate::hash::Map;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle as YamlStyle, Span as YamlSpan};

use super::position::{Point, Positions};
use super::{humanize, Item, Limits, YamlError};
use crate::span::Span;
use crate::tree::{Node, ScalarStyle, Value};

/// A finished node with what the budgets need to know about it.
#[derive(Clone)]
struct Built {
    node: Node<'static>,
    /// Nodes in it (itself included).
    count: usize,
    /// Collections on its deepest path (0 for a scalar).
    height: usize,
}

enum Collection {
    Sequence(Vec<Node<'static>>),
    Mapping(Vec<(Node<'static>, Node<'static>)>, Option<Node<'static>>),
}

/// A mapping or sequence being read.
struct Frame {
    collection: Collection,
    start: Point,
    anchor: usize,
    count: usize,
    height: usize,
}

/// The document being read.
#[derive(Default)]
struct Document {
    start_index: usize,
    /// Parser line (1-based) of its start, and how many items were recorded before it.
    start_line: usize,
    items_before: usize,
    nodes: usize,
    aliases: usize,
    root: Option<Node<'static>>,
    stack: Vec<Frame>,
    anchors: Map<usize, Built>,
}

impl Document {
    /// A document starting at character `index`, parser line `line`, after `items_before` recorded items.
    fn starting(index: usize, line: usize, items_before: usize) -> Document {
        Document {
            start_index: index,
            start_line: line,
            items_before,
            ..Document::default()
        }
    }
}

fn point(marker: Marker) -> Point {
    Point {
        line: marker.line(),
        col: marker.col(),
    }
}

/// Where and why reading stopped: what the caller needs to resume after it, or to read the failed document again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stop {
    /// The error's position (parser line, 1-based; character column, 0-based).
    pub at: Point,
    /// Parser line (1-based) where the document holding the error starts.
    pub document_line: usize,
    /// How many items were recorded before that document (the rest are its own, such as repeated keys).
    pub items_before_document: usize,
    /// The parser refused the text (or an alias names no anchor): reading less or mended text may succeed. A
    /// budget breach is not such an error.
    pub syntax: bool,
}

/// Reads every document of `text` into `items`. On an error (syntax or budget) it records the error and returns
/// where reading stopped, for the caller to resume after it.
pub(super) fn build(
    text: &str,
    positions: Positions,
    limits: &Limits,
    items: &mut Vec<Item>,
) -> Result<(), Stop> {
    let mut parser = Parser::new_from_str(text);
    let mut doc = Document::starting(0, 1, items.len());
    let fail = |items: &mut Vec<Item>, doc: &Document, at: Marker, message: String, syntax| {
        let (line, column) = positions.original(point(at));
        items.push(Item::Error(YamlError {
            line,
            column,
            message,
        }));
        Stop {
            at: point(at),
            document_line: doc.start_line,
            items_before_document: doc.items_before,
            syntax,
        }
    };
    loop {
        let (event, span) = match parser.next_event() {
            None => return Ok(()),
            Some(Ok(next)) => next,
            Some(Err(e)) => {
                let message = humanize(e.info(), limits);
                return Err(fail(items, &doc, *e.marker(), message, true));
            }
        };
        if span.end.index().saturating_sub(doc.start_index) > limits.max_document_chars {
            let message = format!(
                "this YAML document is too large to read (more than {} MiB)",
                limits.max_document_chars >> 20
            );
            return Err(fail(items, &doc, span.start, message, false));
        }
        match event {
            Event::StreamEnd => return Ok(()),
            Event::StreamStart | Event::Nothing => {}
            Event::DocumentStart(_) => {
                doc = Document::starting(span.start.index(), span.start.line(), items.len());
            }
            Event::DocumentEnd => {
                if let Some(root) = doc.root.take() {
                    items.push(Item::Document(root));
                }
                // An error before the next document's start event belongs to that next document, not this one.
                doc.start_line = span.end.line().max(1);
                doc.items_before = items.len();
            }
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    span: scalar_span(&doc, &positions, span, text.is_empty()),
                    value: Value::Scalar(text.into_owned().into(), scalar_style(style)),
                };
                doc.nodes += 1;
                complete(
                    &mut doc,
                    Built {
                        node,
                        count: 1,
                        height: 0,
                    },
                    anchor,
                );
                if doc.nodes > limits.max_nodes {
                    return Err(fail(items, &doc, span.start, too_many_nodes(limits), false));
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if doc.stack.len() >= limits.max_depth {
                    return Err(fail(items, &doc, span.start, too_deep(limits), false));
                }
                doc.nodes += 1;
                if doc.nodes > limits.max_nodes {
                    return Err(fail(items, &doc, span.start, too_many_nodes(limits), false));
                }
                let collection = if matches!(event, Event::SequenceStart(..)) {
                    Collection::Sequence(Vec::new())
                } else {
                    Collection::Mapping(Vec::new(), None)
                };
                doc.stack.push(Frame {
                    collection,
                    start: point(span.start),
                    anchor,
                    count: 1,
                    height: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = doc.stack.pop() else {
                    let message = "unbalanced YAML collection".into();
                    return Err(fail(items, &doc, span.start, message, true));
                };
                let anchor = frame.anchor;
                if let Collection::Mapping(entries, _) = &frame.collection {
                    report_repeated_keys(entries, items);
                }
                let built = finish(frame, span, &positions);
                complete(&mut doc, built, anchor);
                if doc.nodes > limits.max_nodes {
                    return Err(fail(items, &doc, span.start, too_many_nodes(limits), false));
                }
            }
            Event::Alias(id) => {
                doc.aliases += 1;
                if doc.aliases > limits.max_aliases {
                    let message = format!(
                        "this YAML document uses more than {} aliases (*name)",
                        limits.max_aliases
                    );
                    return Err(fail(items, &doc, span.start, message, false));
                }
                let Some(target) = doc.anchors.get(&id) else {
                    let message = "this alias (*name) refers to no anchor (&name) before it".into();
                    return Err(fail(items, &doc, span.start, message, true));
                };
                if doc.nodes + target.count > limits.max_nodes {
                    let message = format!(
                        "aliases (*name) here expand this YAML document to more than {} nodes",
                        limits.max_nodes
                    );
                    return Err(fail(items, &doc, span.start, message, false));
                }
                if doc.stack.len() + target.height > limits.max_depth {
                    return Err(fail(items, &doc, span.start, too_deep(limits), false));
                }
                doc.nodes += target.count;
                let mut built = target.clone();
                built.node.span = positions.span(point(span.start), point(span.end));
                complete(&mut doc, built, 0);
            }
        }
    }
}

fn too_deep(limits: &Limits) -> String {
    format!(
        "this YAML is nested more than {} levels deep",
        limits.max_depth
    )
}

fn too_many_nodes(limits: &Limits) -> String {
    format!(
        "this YAML document has more than {} nodes",
        limits.max_nodes
    )
}

/// A scalar's span. An empty value (`key:` with nothing after it) has no text of its own: it takes its key's span.
fn scalar_span(doc: &Document, positions: &Positions, span: YamlSpan, empty: bool) -> Span {
    if empty && span.is_empty() {
        if let Some(Frame {
            collection: Collection::Mapping(_, Some(key)),
            ..
        }) = doc.stack.last()
        {
            return key.span;
        }
    }
    positions.span(point(span.start), point(span.end))
}

fn scalar_style(style: YamlStyle) -> ScalarStyle {
    match style {
        YamlStyle::Plain => ScalarStyle::Plain,
        YamlStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        YamlStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        YamlStyle::Literal => ScalarStyle::Literal,
        YamlStyle::Folded => ScalarStyle::Folded,
    }
}

/// Closes a collection: its span runs from its start to its closing bracket (flow) or its last child (block).
fn finish(frame: Frame, end: YamlSpan, positions: &Positions) -> Built {
    let value = match frame.collection {
        Collection::Sequence(items) => Value::Sequence(items),
        Collection::Mapping(entries, _) => Value::Mapping(merge_keys(entries)),
    };
    let last_child = match &value {
        Value::Sequence(items) => items.last().map(|n| n.span),
        Value::Mapping(entries) => entries
            .iter()
            .map(|(k, v)| k.span.cover(v.span))
            .reduce(Span::cover),
        Value::Scalar(..) => None,
    };
    let span = match last_child {
        Some(child) if end.is_empty() => {
            let start = positions.span(frame.start, frame.start);
            start.cover(child)
        }
        _ => positions.span(frame.start, point(end.end)),
    };
    Built {
        node: Node { value, span },
        count: frame.count,
        height: frame.height,
    }
}

/// Reports keys written twice in one mapping: YAML forbids it, and Go's yaml (Talos, Image Factory) refuses it.
fn report_repeated_keys(entries: &[(Node<'static>, Node<'static>)], items: &mut Vec<Item>) {
    fn key<'e>(entry: &'e (Node<'static>, Node<'static>)) -> Option<&'e str> {
        entry.0.as_str().filter(|t| *t != "<<")
    }
    // Most mappings are small: compare pairwise without allocating; hash the large ones.
    let mut seen: Map<&str, u32> = Map::default();
    for (i, entry) in entries.iter().enumerate() {
        let Some(text) = key(entry) else { continue };
        let first = if entries.len() <= 16 {
            entries[..i]
                .iter()
                .find(|e| key(e) == Some(text))
                .map(|(k, _)| k.span.line)
        } else {
            match seen.get(text) {
                Some(&line) => Some(line),
                None => {
                    seen.insert(text, entry.0.span.line);
                    None
                }
            }
        };
        if let Some(first) = first {
            items.push(Item::Error(YamlError {
                line: entry.0.span.line,
                column: entry.0.span.column,
                message: format!("the key `{text}` is repeated (first at line {first}): a mapping must not repeat a key"),
            }));
        }
    }
}

/// Expands YAML merge keys (`<<: *base`, `<<: [*a, *b]`), as Go's yaml (talhelper, Talos) does: keys written in the
/// mapping win over merged ones, earlier merged mappings over later ones.
fn merge_keys(entries: Vec<(Node<'static>, Node<'static>)>) -> Vec<(Node<'static>, Node<'static>)> {
    let is_merge =
        |k: &Node<'static>| matches!(&k.value, Value::Scalar(t, ScalarStyle::Plain) if t == "<<");
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let mut own = Vec::with_capacity(entries.len());
    let mut merged = Vec::new();
    for (key, value) in entries {
        if !is_merge(&key) {
            own.push((key, value));
            continue;
        }
        match value.value {
            Value::Mapping(m) => merged.extend(m),
            Value::Sequence(items) => {
                for item in items {
                    if let Value::Mapping(m) = item.value {
                        merged.extend(m);
                    }
                }
            }
            scalar @ Value::Scalar(..) => own.push((
                key,
                Node {
                    value: scalar,
                    span: value.span,
                },
            )),
        }
    }
    for (key, value) in merged {
        let present = key
            .as_str()
            .is_some_and(|k| own.iter().any(|(o, _)| o.as_str() == Some(k)));
        if !present {
            own.push((key, value));
        }
    }
    own
}

/// Attaches a finished node to its parent (or makes it the document's root) and remembers it under its anchor (the
/// copy kept for aliases counts against the node budget too).
fn complete(doc: &mut Document, built: Built, anchor: usize) {
    if anchor != 0 {
        doc.nodes += built.count;
        doc.anchors.insert(anchor, built.clone());
    }
    let Some(parent) = doc.stack.last_mut() else {
        doc.root = Some(built.node);
        return;
    };
    parent.count += built.count;
    parent.height = parent.height.max(built.height + 1);
    match &mut parent.collection {
        Collection::Sequence(items) => items.push(built.node),
        Collection::Mapping(entries, pending) => match pending.take() {
            Some(key) => entries.push((key, built.node)),
            None => *pending = Some(built.node),
        },
    }
}
