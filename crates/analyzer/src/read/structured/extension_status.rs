//! Node state: `ExtensionStatus` resources (`talosctl get extensions -o yaml|json`, support-bundle resource files)
//! and `/etc/extensions.yaml`.

use super::common::{expected, list_items, missing, text, Context};
use super::embedded;
use crate::image_ref::ImageRef;
use crate::observation::{
    ExtensionObservation, KernelObservation, Origin, SchematicObservation, SchematicOrigin,
};
use crate::read::Sink;
use crate::schematic::Schematic;
use crate::tree::Node;

/// `metadata.type` of an ExtensionStatus resource.
pub(crate) const TYPE: &str = "ExtensionStatuses.runtime.talos.dev";

/// Reads one ExtensionStatus resource: an installed extension, the running schematic, or the kernel.
pub(crate) fn read_status(sink: &mut Sink, ctx: &mut Context, root: &Node) {
    let node = ctx.node_of(root);
    let id = root.path(&["metadata", "id"]).and_then(text);
    let Some(spec) = root.get("spec") else {
        return missing(
            sink,
            root,
            "`spec:` with the extension's image and metadata in this ExtensionStatus",
        );
    };
    let Some(meta) = spec.get("metadata").filter(|m| m.as_mapping().is_some()) else {
        return match spec.get("metadata") {
            Some(m) => expected(
                sink,
                m,
                "`spec.metadata` to be a mapping with the extension's name and version",
            ),
            None => missing(
                sink,
                spec,
                "`spec.metadata` with the extension's name and version",
            ),
        };
    };
    let Some(name) = meta.get("name").and_then(text) else {
        return missing(sink, meta, "`spec.metadata.name` (the extension's name)");
    };
    let version = meta.get("version").and_then(text);
    match name.as_str() {
        "schematic" => {
            let Some(schematic_id) = version else {
                return missing(
                    sink,
                    meta,
                    "`spec.metadata.version` (the running schematic ID)",
                );
            };
            let official_extensions = meta
                .get("extraInfo")
                .filter(|info| info.as_str().is_some_and(|t| !t.trim().is_empty()))
                .and_then(|info| {
                    embedded::documents(sink, ctx.lines, info)
                        .into_iter()
                        .next()
                })
                .and_then(|doc| Schematic::from_tree(&doc).ok())
                .map(|s| s.official_extensions)
                .unwrap_or_default();
            let document = ctx.installed_document(sink, &node);
            sink.observations.schematics.push(SchematicObservation {
                node,
                id: schematic_id,
                official_extensions,
                origin: SchematicOrigin::Running,
                role: None,
                document,
                span: root.span,
            });
        }
        "modules.dep" => {
            let Some(kernel_version) = version else {
                return missing(sink, meta, "`spec.metadata.version` (the kernel version)");
            };
            sink.observations.kernels.push(KernelObservation {
                node,
                kernel_version,
                span: root.span,
            });
        }
        _ => {
            let image = spec.get("image").and_then(text).and_then(|i| {
                ImageRef::from_legacy_id(i.strip_suffix(".sqsh").unwrap_or(&i), &name)
            });
            let document = ctx.installed_document(sink, &node);
            sink.observations.extensions.push(ExtensionObservation {
                node,
                name,
                version,
                image,
                id,
                origin: Origin::Installed,
                talos_version: None,
                document,
                spans: vec![root.span],
            });
        }
    }
}

/// Reads `/etc/extensions.yaml`: `layers:` of `{image: 000.<ref>.sqsh, metadata: {name, version, …}}`.
pub(crate) fn read_layers(sink: &mut Sink, ctx: &mut Context, root: &Node) {
    let Some(layers) = root.get("layers") else {
        return;
    };
    let Some(items) = list_items(
        sink,
        layers,
        "`layers:` to be a list of `{image, metadata}` entries",
    ) else {
        return;
    };
    let node = ctx.node_hint.map(str::to_string);
    for layer in items {
        if layer.as_mapping().is_none() {
            expected(sink, layer, "a layer mapping with `image:` and `metadata:`");
            continue;
        }
        let Some(meta) = layer.get("metadata").filter(|m| m.as_mapping().is_some()) else {
            missing(
                sink,
                layer,
                "`metadata:` with the extension's name and version in this layer",
            );
            continue;
        };
        let Some(name) = meta.get("name").and_then(text) else {
            missing(
                sink,
                meta,
                "`name:` (the extension's name) in this layer's metadata",
            );
            continue;
        };
        let id = layer
            .get("image")
            .and_then(text)
            .map(|i| i.strip_suffix(".sqsh").unwrap_or(&i).to_string());
        let image = id
            .as_deref()
            .and_then(|i| ImageRef::from_legacy_id(i, &name));
        let document = ctx.installed_document(sink, &node);
        sink.observations.extensions.push(ExtensionObservation {
            node: node.clone(),
            name,
            version: meta.get("version").and_then(text),
            image,
            id,
            origin: Origin::Installed,
            talos_version: None,
            document,
            spans: vec![layer.span],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::read;
    use crate::model::Format;

    const STATUS: &str = "metadata:\n    type: ExtensionStatuses.runtime.talos.dev\n    id: 0\nspec:\n    image: 000.ghcr.io-siderolabs-gvisor-v1.0.0.sqsh\n    metadata:\n        name: gvisor\n        version: 1.0\n";

    #[test]
    fn numeric_ids_and_versions_stay_text_and_the_hint_names_the_node() {
        let sink = read(STATUS, false, Some("10.0.0.9"));
        let e = &sink.observations.extensions[0];
        assert_eq!(
            (e.id.as_deref(), e.version.as_deref()),
            (Some("0"), Some("1.0"))
        );
        assert_eq!(e.node.as_deref(), Some("10.0.0.9"));
        assert_eq!(
            e.image.as_ref().map(ToString::to_string).as_deref(),
            Some("ghcr.io/siderolabs/gvisor:v1.0.0")
        );
        assert_eq!(e.spans[0].line, 1);
        assert_eq!(sink.inputs[0].fragments[0].format, Format::TalosctlYaml);
    }

    #[test]
    fn node_field_wins_over_the_hint() {
        let sink = read(
            &format!("node: 10.0.0.2\n{STATUS}"),
            false,
            Some("10.0.0.9"),
        );
        assert_eq!(
            sink.observations.extensions[0].node.as_deref(),
            Some("10.0.0.2")
        );
    }

    #[test]
    fn one_document_per_node_per_stream() {
        let two = format!("node: a\n{STATUS}---\nnode: a\n{STATUS}---\nnode: b\n{STATUS}");
        let sink = read(&two, false, None);
        let docs: Vec<_> = sink
            .observations
            .extensions
            .iter()
            .map(|e| e.document)
            .collect();
        assert_eq!(docs[0], docs[1]);
        assert_ne!(docs[1], docs[2]);
    }

    #[test]
    fn pseudo_extensions_are_node_facts() {
        let schematic = STATUS
            .replace("name: gvisor", "name: schematic")
            .replace("version: 1.0", "version: abc");
        let kernel = STATUS
            .replace("name: gvisor", "name: modules.dep")
            .replace("version: 1.0", "version: 6.12.43-talos");
        let sink = read(&format!("{schematic}---\n{kernel}"), false, None);
        assert!(sink.observations.extensions.is_empty());
        assert_eq!(sink.observations.schematics[0].id, "abc");
        assert_eq!(sink.observations.kernels[0].kernel_version, "6.12.43-talos");
    }

    #[test]
    fn missing_spec_metadata_is_an_error_and_the_rest_is_read() {
        let broken =
            "metadata:\n    type: ExtensionStatuses.runtime.talos.dev\nspec:\n    image: x.sqsh\n";
        let sink = read(&format!("{broken}---\n{STATUS}"), false, None);
        assert_eq!(sink.errors.len(), 1);
        assert_eq!((sink.errors[0].line, sink.errors[0].column), (4, 5));
        assert!(sink.errors[0].message.contains("spec.metadata"));
        assert_eq!(sink.observations.extensions.len(), 1);
    }

    #[test]
    fn json_stream_is_talosctl_json() {
        let json = r#"{"metadata": {"id": 1, "type": "ExtensionStatuses.runtime.talos.dev"}, "node": "n", "spec": {"image": "", "metadata": {"name": "gvisor", "version": "v1"}}}"#;
        let sink = read(json, true, None);
        assert_eq!(sink.observations.extensions[0].id.as_deref(), Some("1"));
        assert_eq!(sink.inputs[0].fragments[0].format, Format::TalosctlJson);
    }

    #[test]
    fn etc_extensions_layers() {
        let text = "layers:\n  - image: 000.ghcr.io-siderolabs-gvisor-v1.0.0.sqsh\n    metadata:\n      name: gvisor\n      version: v1.0.0\n  - image: 001.x.sqsh\n";
        let sink = read(text, false, Some("n1"));
        assert_eq!(sink.observations.extensions.len(), 1);
        assert_eq!(
            sink.observations.extensions[0].id.as_deref(),
            Some("000.ghcr.io-siderolabs-gvisor-v1.0.0")
        );
        assert_eq!(sink.errors.len(), 1);
        assert_eq!(sink.inputs[0].fragments[0].format, Format::ExtensionsYaml);
    }
}
