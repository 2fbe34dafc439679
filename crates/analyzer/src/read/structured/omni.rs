//! Omni cluster templates: `kind: Cluster|ControlPlane|Workers|Machine` documents with `systemExtensions:` and
//! `talos: {version}`. Omni builds its own schematic, so there is no ID to compute.

use super::common::{expected, list_items, text, Context};
use crate::observation::{
    ExtensionObservation, Origin, TalosVersionObservation, TalosVersionSource,
};
use crate::read::Sink;
use crate::tree::Node;
use crate::version::normalize_talos;

const KINDS: [&str; 4] = ["Cluster", "ControlPlane", "Workers", "Machine"];

/// Is this an Omni template document (a known `kind` and no `apiVersion`)?
pub(crate) fn is_omni(root: &Node) -> bool {
    root.get("apiVersion").is_none()
        && root
            .get("kind")
            .and_then(Node::as_str)
            .is_some_and(|k| KINDS.contains(&k))
}

pub(crate) fn read_omni(sink: &mut Sink, ctx: &mut Context, root: &Node) {
    let kind = root.get("kind").and_then(Node::as_str).unwrap_or_default();
    let node = (kind == "Machine")
        .then(|| root.get("name").and_then(text))
        .flatten();
    if let Some(version) = root.path(&["talos", "version"]) {
        if let Some(normalized) = text(version).as_deref().and_then(normalize_talos) {
            sink.observations
                .talos_versions
                .push(TalosVersionObservation {
                    node: node.clone(),
                    version: normalized.clone(),
                    source: TalosVersionSource::Config,
                    span: version.span,
                });
            if kind == "Cluster" {
                ctx.omni_talos_version = Some(normalized);
            }
        }
    }
    let Some(list) = root.get("systemExtensions") else {
        return;
    };
    let Some(items) = list_items(
        sink,
        list,
        "`systemExtensions:` to be a list of `siderolabs/<name>` entries",
    ) else {
        return;
    };
    let document = sink.new_document();
    for item in items {
        let Some(name) = text(item) else {
            expected(
                sink,
                item,
                "an extension name such as `siderolabs/iscsi-tools`",
            );
            continue;
        };
        sink.observations.extensions.push(ExtensionObservation {
            node: node.clone(),
            name: name
                .strip_prefix("siderolabs/")
                .unwrap_or(&name)
                .to_string(),
            version: None,
            image: None,
            id: None,
            origin: Origin::Schematic,
            talos_version: ctx.omni_talos_version.clone(),
            document,
            spans: vec![item.span],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::yaml;
    use crate::model::Format;

    #[test]
    fn machine_documents_name_their_node() {
        let sink = yaml("kind: Cluster\nname: c\nsystemExtensions: [siderolabs/iscsi-tools]\n---\nkind: Machine\nname: m-1\nsystemExtensions:\n  - siderolabs/gvisor\n");
        let exts: Vec<_> = sink
            .observations
            .extensions
            .iter()
            .map(|e| (e.node.as_deref(), e.name.as_str()))
            .collect();
        assert_eq!(exts, vec![(None, "iscsi-tools"), (Some("m-1"), "gvisor")]);
        assert_ne!(
            sink.observations.extensions[0].document,
            sink.observations.extensions[1].document
        );
        assert_eq!(sink.inputs[0].fragments.len(), 1);
        assert_eq!(sink.inputs[0].fragments[0].format, Format::OmniTemplate);
    }

    #[test]
    fn system_extensions_must_be_a_list() {
        let sink = yaml("kind: ControlPlane\nsystemExtensions: {a: b}\n");
        assert_eq!((sink.errors[0].line, sink.errors[0].column), (2, 19));
    }
}
