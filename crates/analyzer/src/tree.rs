//! A small spanned document tree: what YAML (via `saphyr-parser`) and JSON (via `serde_json`) documents are read
//! into, and what typed views (configs, schematics, `ExtensionStatus`) are read from. Scalars stay text with their
//! style, because `id: 0` and `version: 1` are numbers to YAML but strings to Talos.

use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
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
pub enum Value {
    /// Every scalar, with its text as written (after YAML unescaping) and its style. JSON numbers, booleans and
    /// `null` are plain scalars; JSON strings are double-quoted.
    Scalar(String, ScalarStyle),
    Sequence(Vec<Node>),
    /// Keys in document order; a repeated key is kept (readers report it).
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// The value of `key` in a mapping (the first one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Mapping(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text, _) => Some(text),
            _ => None,
        }
    }

    /// A scalar that YAML reads as null (`~`, `null`, empty plain).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(t, ScalarStyle::Plain) if matches!(t.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&[(Node, Node)]> {
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
