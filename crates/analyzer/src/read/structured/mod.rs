//! Structured documents: YAML (through `saphyr-parser`, see [`crate::yaml`]) and JSON (through `serde_json`) read
//! into a [`crate::tree::Node`] tree, then recognised (ExtensionStatus, `/etc/extensions.yaml`, machine config,
//! patch, JSON patch, schematic, talhelper, Omni) and turned into observations.
//!
//! Every document gets its own [`crate::observation::DocumentId`], except the installed extensions of one node in
//! one stream, which share one. A document that looks like a known format but has the wrong shape is an input error
//! at the offending node; the rest is still read.

mod common;
mod embedded;
mod extension_status;
pub mod json;
mod json_patch;
mod machine_config;
mod omni;
mod schematic;
mod talhelper;

use self::common::Context;
use super::{Block, Sink};
use crate::model::Format;
use crate::tree::Node;
use crate::yaml::{self, Item, Limits};

/// Reads a block of YAML (one or more `---`-separated documents).
pub fn read_yaml(sink: &mut Sink, block: Block) {
    read_yaml_until_prose(sink, block, 0);
}

/// [`read_yaml`], except that a document followed by a blank line and text that fails as YAML on its first line
/// (prose, a tool's error message) is read up to the blank line: returns the index of the first line left unread,
/// for the caller to read as something else. At most `max_rest` lines are left (0: all are read as YAML).
pub fn read_yaml_until_prose(sink: &mut Sink, block: Block, max_rest: usize) -> Option<usize> {
    let mut ctx = Context::new(block.lines, block.node_hint, false);
    let limits = Limits::default();
    let rest =
        yaml::parse_each_until_prose(block.lines, sink.input, &limits, max_rest, &mut |item| {
            read_item(sink, &mut ctx, item)
        });
    finish(sink, ctx);
    rest
}

/// Reads a block of JSON (one or more concatenated values, as `talosctl -o json` prints).
pub fn read_json(sink: &mut Sink, block: Block) {
    let items = json::parse(block.lines, sink.input, &Limits::default());
    read_items(sink, block, items, true);
}

fn read_items(sink: &mut Sink, block: Block, items: Vec<Item>, json: bool) {
    let mut ctx = Context::new(block.lines, block.node_hint, json);
    for item in items {
        read_item(sink, &mut ctx, item);
    }
    finish(sink, ctx);
}

fn read_item(sink: &mut Sink, ctx: &mut Context, item: Item) {
    match item {
        Item::Error(e) => sink.error(e.line, e.column, e.message),
        // An empty document (a trailing `---`, only comments) says nothing.
        Item::Document(root) if root.is_null() => {}
        Item::Document(root) => {
            let format = read_document(sink, ctx, &root);
            ctx.note(format, &root);
        }
    }
}

fn finish(sink: &mut Sink, ctx: Context) {
    for (format, first, last) in ctx.fragments {
        sink.fragment(format, first, last);
    }
}

/// Recognises one document, reads it, and returns its format.
fn read_document(sink: &mut Sink, ctx: &mut Context, root: &Node) -> Format {
    if json_patch::is_json_patch(root) {
        json_patch::read_json_patch(sink, root, ctx.node_hint.map(str::to_string));
        return Format::JsonPatch;
    }
    if root.as_mapping().is_none() {
        return Format::OtherDocument;
    }
    match root.path(&["metadata", "type"]).and_then(Node::as_str) {
        Some(extension_status::TYPE) => {
            extension_status::read_status(sink, ctx, root);
            return if ctx.json {
                Format::TalosctlJson
            } else {
                Format::TalosctlYaml
            };
        }
        Some(machine_config::RESOURCE_TYPE) => {
            machine_config::read_resource(sink, ctx, root);
            return Format::MachineConfig;
        }
        Some(_) => return Format::OtherDocument,
        None => {}
    }
    if root
        .get("layers")
        .is_some_and(|l| l.as_sequence().is_some())
    {
        extension_status::read_layers(sink, ctx, root);
        return Format::ExtensionsYaml;
    }
    if schematic::is_schematic(root) {
        let document = sink.new_document();
        let target = schematic::Target {
            node: None,
            role: None,
            talos_version: None,
        };
        schematic::read_schematic(sink, root, target, document);
        return Format::Schematic;
    }
    if talhelper::is_talhelper(root) {
        talhelper::read_talhelper(sink, root);
        return Format::Talhelper;
    }
    if omni::is_omni(root) {
        omni::read_omni(sink, ctx, root);
        return Format::OmniTemplate;
    }
    match machine_config::config_format(root) {
        Some(format) => {
            machine_config::read_config(sink, format, root, ctx.node_of(root));
            format
        }
        None => Format::OtherDocument,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::common::testing::read;

    const TALOSISH: &str = "machine:\n  install:\n    image: factory.talos.dev/installer/x:v1\n    extensions:\n      - image: a:b\n---\nmetadata:\n  type: ExtensionStatuses.runtime.talos.dev\nspec:\n  metadata: {name: schematic, version: 1, extraInfo: \"a: [\"}\n---\n- op: add\n  path: /machine/install/extensions/-\n  value: {image: x}\n";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// No input makes the structured readers panic, YAML or JSON.
        #[test]
        fn never_panics(text in "[-:\\[\\]{}&*!|>'\"#,. a-z0-9\n\t]{0,300}") {
            let _ = read(&text, false, Some("n"));
            let _ = read(&text, true, None);
        }

        /// Nor does any cut or splice of a document that is recognised.
        #[test]
        fn never_panics_on_mangled_documents(cut in 0..TALOSISH.len(), insert in "[-:\\[\\]{} \n]{0,8}") {
            let at = (0..=cut).rev().find(|&i| TALOSISH.is_char_boundary(i)).unwrap_or(0);
            let text = format!("{}{}{}", &TALOSISH[..at], insert, &TALOSISH[at..]);
            let _ = read(&text, false, None);
            let _ = read(&TALOSISH[..at], false, None);
        }
    }
}
