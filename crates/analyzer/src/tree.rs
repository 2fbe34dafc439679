//! A small spanned document tree: what YAML (via `saphyr-parser`) and JSON (via `serde_json`) documents are read
//! into, and what typed views (configs, schematics, `ExtensionStatus`) are read from. Scalars stay text with their
//! style, because `id: 0` and `version: 1` are numbers to YAML but strings to Talos.

use std::borrow::Cow;

use crate::span::Span;

/// A node of a document. Its scalars borrow from the input where they are written as they read (the fast path's
/// plain and quoted scalars), so a big stream is not copied scalar by scalar; `'static` when the tree owns them.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    /// Where the node stands in the original input.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Every scalar, with its text as written (after YAML unescaping) and its style. JSON numbers, booleans and
    /// `null` are plain scalars; JSON strings are double-quoted.
    Scalar(Cow<'a, str>, ScalarStyle),
    Sequence(Vec<Node<'a>>),
    /// Keys in document order; a repeated key is kept (readers report it).
    Mapping(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The same tree owning all its text (tests keep trees beyond the lines they were read from).
    #[cfg(test)]
    pub fn into_owned(self) -> Node<'static> {
        let value = match self.value {
            Value::Scalar(text, style) => Value::Scalar(Cow::Owned(text.into_owned()), style),
            Value::Sequence(items) => {
                Value::Sequence(items.into_iter().map(Node::into_owned).collect())
            }
            Value::Mapping(entries) => Value::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ),
        };
        Node {
            value,
            span: self.span,
        }
    }

    /// The value of `key` in a mapping (the first one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Mapping(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node<'a>> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text, _) => Some(text.as_ref()),
            _ => None,
        }
    }

    /// A scalar that YAML reads as null (`~`, `null`, empty plain).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(t, ScalarStyle::Plain) if matches!(t.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_sequence(&self) -> Option<&[Node<'a>]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[(Node<'a>, Node<'a>)]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// What kind of node this is, for error messages ("expected a mapping, found a sequence").
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar(..) if self.is_null() => "null",
            Value::Scalar(..) => "a scalar",
            Value::Sequence(_) => "a sequence",
            Value::Mapping(_) => "a mapping",
        }
    }
}
