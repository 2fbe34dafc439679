//! Helpers shared by the document readers: scalar access, shape errors, the reading context of one block.

use crate::hash::Map;

use crate::image_ref::ImageRef;
use crate::model::Format;
use crate::observation::DocumentId;
use crate::read::Sink;
use crate::text::CleanLine;
use crate::tree::Node;

/// What the readers of one block share.
pub(crate) struct Context<'a> {
    /// The block's lines (for re-reading YAML held in a string, such as a `get mc` spec).
    pub lines: &'a [CleanLine<'a>],
    pub node_hint: Option<&'a str>,
    /// Was the block JSON (`talosctl -o json`)?
    pub json: bool,
    /// One document per node for the installed extensions of one stream.
    pub installed_documents: Map<Option<String>, DocumentId>,
    /// The Talos version an Omni `kind: Cluster` document of this block names.
    pub omni_talos_version: Option<String>,
    /// Recognised documents: (format, first line, last line), merged into runs at the end.
    pub fragments: Vec<(Format, u32, u32)>,
}

impl<'a> Context<'a> {
    pub fn new(lines: &'a [CleanLine<'a>], node_hint: Option<&'a str>, json: bool) -> Context<'a> {
        Context {
            lines,
            node_hint,
            json,
            installed_documents: Map::default(),
            omni_talos_version: None,
            fragments: Vec::new(),
        }
    }

    /// The node a document names (`node:`), else the one the surrounding text names.
    pub fn node_of(&self, root: &Node) -> Option<String> {
        root.get("node")
            .and_then(text)
            .or_else(|| self.node_hint.map(str::to_string))
    }

    /// The document holding the installed extensions of `node` in this block.
    pub fn installed_document(&mut self, sink: &mut Sink, node: &Option<String>) -> DocumentId {
        *self
            .installed_documents
            .entry(node.clone())
            .or_insert_with(|| sink.new_document())
    }

    /// Records a recognised document; consecutive documents of one format become one fragment.
    pub fn note(&mut self, format: Format, root: &Node) {
        let (first, last) = (root.span.line, root.span.end_line);
        match self.fragments.last_mut() {
            Some((f, _, end)) if *f == format && *end <= first => *end = last.max(*end),
            _ => self.fragments.push((format, first, last)),
        }
    }
}

/// The text of a non-null scalar.
pub(crate) fn text(node: &Node) -> Option<String> {
    if node.is_null() {
        return None;
    }
    node.as_str().map(str::to_string)
}

/// Reports that `node` does not have the shape a reader expects.
pub(crate) fn expected(sink: &mut Sink, node: &Node, what: &str) {
    sink.error(
        node.span.line,
        node.span.column,
        format!("expected {what}, found {}", node.kind_name()),
    );
}

/// The items of `list`: a list is read, null is nothing to read, and anything else is an error saying that `what`
/// was expected (`None` for both).
pub(crate) fn list_items<'n, 't>(
    sink: &mut Sink,
    list: &'n Node<'t>,
    what: &str,
) -> Option<&'n [Node<'t>]> {
    let items = list.as_sequence();
    if items.is_none() && !list.is_null() {
        expected(sink, list, what);
    }
    items
}

/// Reports that `node` lacks a key.
pub(crate) fn missing(sink: &mut Sink, node: &Node, what: &str) {
    sink.error(node.span.line, node.span.column, format!("expected {what}"));
}

/// The key node and value of `key` in a mapping.
pub(crate) fn entry<'n, 't>(node: &'n Node<'t>, key: &str) -> Option<(&'n Node<'t>, &'n Node<'t>)> {
    node.as_mapping()?
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(k, v)| (k, v))
}

/// The schematic ID inside a factory installer reference (`installer/<id>`, `installer-secureboot/<id>`,
/// `<platform>-installer[-secureboot]/<id>`).
pub(crate) fn installer_schematic(image: &ImageRef) -> Option<String> {
    let (repo, id) = image.repository.split_once('/')?;
    let installer = repo == "installer"
        || repo == "installer-secureboot"
        || repo.ends_with("-installer")
        || repo.ends_with("-installer-secureboot");
    let hex = id.len() == 64
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (installer && hex).then(|| id.to_string())
}

/// Extension name and version as far as a text that is no valid reference shows them.
pub(crate) fn loose_name_version(image: &str) -> (String, Option<String>) {
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((name, tag)) => (
            name.to_string(),
            Some(tag.to_string()).filter(|t| !t.is_empty()),
        ),
        None => (last.to_string(), None),
    }
}

/// Test helpers: read a text as one block of plain lines.
#[cfg(test)]
pub(crate) mod testing {
    use crate::read::{Block, Sink};
    use crate::text::CleanLine;

    pub fn lines(text: &str) -> Vec<CleanLine<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
            .collect()
    }

    pub fn read(text: &str, json: bool, node_hint: Option<&str>) -> Sink {
        let lines = lines(text);
        let mut sink = Sink::default();
        sink.begin_input("test");
        let block = Block {
            lines: &lines,
            node_hint,
        };
        if json {
            super::super::read_json(&mut sink, block);
        } else {
            super::super::read_yaml(&mut sink, block);
        }
        sink
    }

    pub fn yaml(text: &str) -> Sink {
        read(text, false, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factory_installer_forms() {
        let id = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";
        for repo in [
            "installer",
            "installer-secureboot",
            "metal-installer",
            "aws-installer-secureboot",
        ] {
            let image = ImageRef::parse(&format!("factory.talos.dev/{repo}/{id}:v1.10.0")).unwrap();
            assert_eq!(installer_schematic(&image).as_deref(), Some(id), "{repo}");
        }
        let plain = ImageRef::parse("ghcr.io/siderolabs/installer:v1.9.2").unwrap();
        assert_eq!(installer_schematic(&plain), None);
        let short = ImageRef::parse("factory.talos.dev/installer/abc:v1.9.2").unwrap();
        assert_eq!(installer_schematic(&short), None);
    }

    #[test]
    fn loose_names() {
        assert_eq!(
            loose_name_version("ghcr.io/x/gvisor:v1 x"),
            ("gvisor".into(), Some("v1 x".into()))
        );
        assert_eq!(loose_name_version("gvisor:"), ("gvisor".into(), None));
    }
}
