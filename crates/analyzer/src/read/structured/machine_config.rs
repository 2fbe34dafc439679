//! Machine configs (v1alpha1, whole or fragment), strategic-merge patches, other config documents
//! (`ExtensionServiceConfig`, …) and `talosctl get mc` resources holding a config.

use super::common::{
    entry, expected, installer_schematic, list_items, loose_name_version, missing, text, Context,
};
use super::embedded;
use crate::image_ref::ImageRef;
use crate::model::Format;
use crate::observation::{
    ConfigKind, ConfigObservation, DocumentId, ExtensionObservation,
    ExtensionServiceConfigObservation, InstallerContext, InstallerObservation, Origin, Role,
    TalosVersionObservation, TalosVersionSource,
};
use crate::read::Sink;
use crate::span::Span;
use crate::tree::Node;
use crate::version::normalize_talos;

/// `metadata.type` of a `talosctl get machineconfig` resource.
pub(crate) const RESOURCE_TYPE: &str = "MachineConfigs.config.talos.dev";

/// Is this a v1alpha1 config, a fragment or patch of one, or another Talos config document (`apiVersion: v1alpha1`
/// with a `kind`)?
pub(crate) fn config_format(root: &Node) -> Option<Format> {
    if root.get("apiVersion").and_then(Node::as_str) == Some("v1alpha1")
        && root.get("kind").is_some()
    {
        return Some(Format::ConfigDocument);
    }
    if is_whole(root) {
        return Some(Format::MachineConfig);
    }
    if root.get("machine").is_some() || root.get("cluster").is_some() {
        return Some(Format::ConfigPatch);
    }
    // A grep'd piece of `talosctl get mc -o yaml` (`install:` and what follows).
    let install = root.get("install").is_some_and(|i| {
        ["image", "extensions", "disk"]
            .iter()
            .any(|k| i.get(k).is_some())
    });
    let extensions = root
        .get("extensions")
        .and_then(Node::as_sequence)
        .is_some_and(|items| !items.is_empty() && items.iter().all(|i| i.get("image").is_some()));
    (install || extensions).then_some(Format::MachineConfig)
}

/// A whole v1alpha1 config: `version: v1alpha1`, or both `machine:` and `cluster:`.
fn is_whole(root: &Node) -> bool {
    root.get("version").and_then(Node::as_str) == Some("v1alpha1")
        || (root.get("machine").is_some() && root.get("cluster").is_some())
}

/// Reads a config document of the given format (see [`config_format`]).
pub(crate) fn read_config(sink: &mut Sink, format: Format, root: &Node, node: Option<String>) {
    if format == Format::ConfigDocument {
        return read_other_document(sink, root, node);
    }
    let document = sink.new_document();
    let kind = if is_whole(root) {
        ConfigKind::MachineConfig
    } else {
        ConfigKind::StrategicPatch
    };
    let install_extensions = match root.get("machine") {
        Some(machine) if machine.as_mapping().is_some() => machine
            .get("install")
            .and_then(|install| read_install(sink, install, &node, document)),
        Some(machine) if !machine.is_null() => {
            expected(sink, machine, "`machine:` to be a mapping");
            None
        }
        _ => match (root.get("install"), entry(root, "extensions")) {
            (Some(install), _) => read_install(sink, install, &node, document),
            (None, Some((key, list))) => read_extensions(sink, key, list, &node, document),
            (None, None) => None,
        },
    };
    let role = root
        .get("machine")
        .and_then(|m| m.get("type"))
        .and_then(Node::as_str)
        .and_then(role_of_machine_type);
    sink.observations.configs.push(ConfigObservation {
        node,
        kind,
        document,
        span: root.span,
        install_extensions,
        replaces_install_extensions: false,
        role,
    });
}

/// The role a `.machine.type` declares: `init` is the first control plane of older configs.
fn role_of_machine_type(machine_type: &str) -> Option<Role> {
    match machine_type {
        "controlplane" | "init" => Some(Role::ControlPlane),
        "worker" => Some(Role::Worker),
        _ => None,
    }
}

/// Reads `.machine.install`; returns the span of its `extensions` key and list, where present.
fn read_install(
    sink: &mut Sink,
    install: &Node,
    node: &Option<String>,
    document: DocumentId,
) -> Option<Span> {
    if install.as_mapping().is_none() {
        if !install.is_null() {
            expected(sink, install, "`install:` to be a mapping");
        }
        return None;
    }
    let mut talos_version = None;
    if let Some(image) = install.get("image") {
        match text(image) {
            Some(_) => {
                let context = InstallerContext::MachineConfig;
                talos_version = read_installer(sink, image, node, document, context, None);
            }
            None if !image.is_null() => expected(
                sink,
                image,
                "`install.image` to be an installer image reference",
            ),
            None => {}
        }
    }
    let (key, list) = entry(install, "extensions")?;
    let span = read_extensions(sink, key, list, node, document);
    // The extensions are installed with the Talos release of the installer's tag.
    if let Some(version) = talos_version {
        let own = sink.observations.extensions.iter_mut().rev();
        for e in own.take_while(|e| e.document == document) {
            e.talos_version.get_or_insert_with(|| version.clone());
        }
    }
    span
}

/// Reads an `extensions:` list of `- image: <ref>` entries; returns the span of the key and list.
fn read_extensions(
    sink: &mut Sink,
    key: &Node,
    list: &Node,
    node: &Option<String>,
    document: DocumentId,
) -> Option<Span> {
    let span = key.span.cover(list.span);
    let Some(items) = list_items(
        sink,
        list,
        "`extensions:` to be a list of `- image: <reference>` entries",
    ) else {
        return Some(span);
    };
    for item in items {
        if item.as_mapping().is_none() {
            expected(sink, item, "an extension entry `- image: <reference>`");
            continue;
        }
        let Some(image) = item.get("image") else {
            missing(sink, item, "`image:` in this extension entry");
            continue;
        };
        let Some(reference) = text(image).or_else(|| reference_left_untagged(image)) else {
            expected(
                sink,
                image,
                "an image reference such as `ghcr.io/siderolabs/iscsi-tools:v0.1.4`",
            );
            continue;
        };
        configured_extension(sink, &reference, item.span, node, document);
    }
    Some(span)
}

/// The reference an `image:` holds when YAML read it as a mapping of one key with no value: the reference was written
/// on the next line and its tag left out after the colon (`image:` then `ghcr.io/siderolabs/iscsi-tools:`). Read
/// with its empty tag, the entry is reported by the rule on references, with a fix, rather than as a wrong shape.
fn reference_left_untagged(image: &Node) -> Option<String> {
    let [(key, value)] = image.as_mapping()? else {
        return None;
    };
    let reference = format!("{}:", key.as_str()?);
    (value.is_null() && ImageRef::parse(&reference).is_ok()).then_some(reference)
}

/// Records an extension image a config (or JSON patch) asks for. An unparsable reference is still recorded (with no
/// image) so that the rules can report it; an empty one is an input error.
pub(crate) fn configured_extension(
    sink: &mut Sink,
    reference: &str,
    span: Span,
    node: &Option<String>,
    document: DocumentId,
) {
    if reference.trim().is_empty() {
        sink.error(span.line, span.column, "expected an image reference such as `ghcr.io/siderolabs/iscsi-tools:v0.1.4`, found an empty text");
        return;
    }
    let (name, version, image) = match ImageRef::parse(reference) {
        Ok(image) => (
            image.name().to_string(),
            image.tag_str().map(str::to_string),
            Some(image),
        ),
        Err(_) => {
            let (name, version) = loose_name_version(reference.trim());
            (name, version, None)
        }
    };
    sink.observations.extensions.push(ExtensionObservation {
        node: node.clone(),
        name,
        version,
        image,
        id: None,
        origin: Origin::Configured,
        talos_version: None,
        document,
        spans: vec![span],
    });
}

/// Records an installer image (`.machine.install.image`, talhelper `talosImageURL`): the installer, the schematic
/// inside a factory reference, and the Talos version of its tag (or `talos_version` when the reference has none),
/// which it returns.
pub(crate) fn read_installer(
    sink: &mut Sink,
    image: &Node,
    node: &Option<String>,
    document: DocumentId,
    context: InstallerContext,
    talos_version: Option<&str>,
) -> Option<String> {
    let reference = image.as_str()?;
    let Ok(parsed) = ImageRef::parse(reference) else {
        let what = "an installer image reference such as `factory.talos.dev/installer/<id>:v1.9.2`";
        expected(sink, image, what);
        return None;
    };
    let schematic_id = installer_schematic(&parsed);
    let tagged = parsed.tag_str().and_then(normalize_talos);
    let talos_version = tagged
        .clone()
        .or_else(|| talos_version.and_then(normalize_talos));
    // A version given by the caller (talhelper's `talosVersion`) is recorded where it is written, not here.
    if let Some(version) = tagged {
        sink.observations
            .talos_versions
            .push(TalosVersionObservation {
                node: node.clone(),
                version,
                source: TalosVersionSource::Config,
                span: image.span,
            });
    }
    sink.installer(
        InstallerObservation {
            node: node.clone(),
            image: Some(parsed),
            schematic_id,
            talos_version: talos_version.clone(),
            context,
            span: image.span,
        },
        Some(document),
    );
    talos_version
}

/// A config document other than v1alpha1 (`apiVersion` + `kind`): `ExtensionServiceConfig` is read, others noted.
fn read_other_document(sink: &mut Sink, root: &Node, node: Option<String>) {
    if root.get("kind").and_then(Node::as_str) != Some("ExtensionServiceConfig") {
        return;
    }
    match root.get("name").and_then(text) {
        Some(name) => {
            sink.observations
                .extension_service_configs
                .push(ExtensionServiceConfigObservation {
                    node,
                    name,
                    span: root.span,
                })
        }
        None => missing(
            sink,
            root,
            "`name:` (the extension whose service this configures) in this ExtensionServiceConfig",
        ),
    }
}

/// Reads a `talosctl get machineconfig` resource: its `spec` is the config, inline or as a string of documents.
pub(crate) fn read_resource(sink: &mut Sink, ctx: &mut Context, root: &Node) {
    let node = ctx.node_of(root);
    let Some(spec) = root.get("spec") else {
        return missing(sink, root, "`spec:` holding the machine config");
    };
    let documents = match spec.as_str() {
        Some(_) => embedded::documents(sink, ctx.lines, spec),
        None if spec.as_mapping().is_some() => vec![spec.clone()],
        None => {
            return expected(
                sink,
                spec,
                "`spec:` to be the machine config (a mapping or a text)",
            )
        }
    };
    for doc in &documents {
        if let Some(format) = config_format(doc) {
            read_config(sink, format, doc, node.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{read, yaml};
    use crate::model::Format;
    use crate::observation::ConfigKind;

    #[test]
    fn whole_config_with_installer_and_extensions() {
        let sink = yaml(
            "version: v1alpha1\nmachine:\n  install:\n    image: factory.talos.dev/installer/c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac:v1.9.2\n    extensions:\n      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.1\n      - image: 'ghcr.io/siderolabs/gvisor:'\ncluster: {}\n",
        );
        let obs = &sink.observations;
        assert_eq!(obs.configs[0].kind, ConfigKind::MachineConfig);
        assert_eq!(
            obs.configs[0]
                .install_extensions
                .map(|s| (s.line, s.end_line)),
            Some((5, 7))
        );
        assert_eq!(
            obs.installers[0].schematic_id.as_deref().map(str::len),
            Some(64)
        );
        assert_eq!(obs.schematics[0].span.line, 4);
        assert_eq!(obs.extensions.len(), 2);
        assert_eq!(obs.extensions[1].name, "gvisor");
        assert_eq!(obs.extensions[1].version, None);
        assert_eq!(
            obs.extensions[1]
                .image
                .as_ref()
                .and_then(|i| i.tag.as_deref()),
            Some("")
        );
        assert_eq!(
            (
                obs.extensions[0].spans[0].line,
                obs.extensions[0].spans[0].column
            ),
            (6, 9)
        );
        assert!(obs
            .extensions
            .iter()
            .all(|e| e.document == obs.configs[0].document));
        // The installer's tag is the Talos version the extensions are installed with.
        assert!(obs
            .extensions
            .iter()
            .all(|e| e.talos_version.as_deref() == Some("v1.9.2")));
        assert_eq!(obs.talos_versions.len(), 1);
        assert_eq!(obs.talos_versions[0].span.line, 4);
    }

    #[test]
    fn fragment_is_a_strategic_patch() {
        let sink = yaml(
            "machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/gvisor:v1\n",
        );
        assert_eq!(
            sink.observations.configs[0].kind,
            ConfigKind::StrategicPatch
        );
        assert_eq!(sink.inputs[0].fragments[0].format, Format::ConfigPatch);
    }

    #[test]
    fn wrong_shapes_are_errors_with_positions() {
        let sink = yaml("machine:\n  install:\n    extensions:\n      image: x\n---\nmachine:\n  install:\n    extensions:\n      - name: x\n");
        let at: Vec<_> = sink.errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(4, 7), (9, 9)]);
        assert!(sink.errors[0].message.contains("found a mapping"));
        assert_eq!(sink.observations.configs.len(), 2);
    }

    #[test]
    fn an_empty_list_item_is_called_null() {
        // A `-` left alone in the list (a deleted line): the error says the entry is null, not "a scalar".
        let sink = yaml("machine:\n  install:\n    extensions:\n      -\n      - image: ghcr.io/siderolabs/gvisor:v1\n");
        assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
        assert_eq!(
            sink.errors[0].message,
            "expected an extension entry `- image: <reference>`, found null"
        );
        assert_eq!(sink.observations.extensions.len(), 1);
    }

    /// An empty `machine:` or `image:` (YAML's null, as a template leaves them) is no error: the document says
    /// nothing there.
    #[test]
    fn empty_sections_are_no_errors() {
        for text in [
            "machine:\n",
            "machine: ~\n",
            "machine:\n  install:\n",
            "machine:\n  install:\n    image:\n",
        ] {
            let sink = yaml(text);
            assert_eq!(sink.errors, [], "{text}");
            assert_eq!(sink.observations.configs.len(), 1, "{text}");
            assert!(sink.observations.installers.is_empty(), "{text}");
        }
        // A value of the wrong kind there is an error on its line.
        for (text, line) in [
            ("machine: 3\n", 1),
            ("machine:\n  install: 3\n", 2),
            ("machine:\n  install:\n    image: [x]\n", 3),
        ] {
            let sink = yaml(text);
            let lines: Vec<u32> = sink.errors.iter().map(|e| e.line).collect();
            assert_eq!(lines, [line], "{text}");
        }
    }

    #[test]
    fn an_image_left_without_its_tag_keeps_the_empty_tag() {
        // On its line YAML refuses the value (it ends in `:`); on the next line YAML reads it as a mapping's key.
        for text in [
            "machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/iscsi-tools:\n",
            "machine:\n  install:\n    extensions:\n      - image:\n          ghcr.io/siderolabs/iscsi-tools:\n",
        ] {
            let sink = yaml(text);
            assert_eq!(sink.errors, [], "{text}");
            let e = &sink.observations.extensions[0];
            let image = e.image.as_ref().map(ToString::to_string);
            assert_eq!(image.as_deref(), Some("ghcr.io/siderolabs/iscsi-tools:"), "{text}");
            assert_eq!((e.spans[0].line, e.spans[0].column), (4, 9), "{text}");
        }
        // A mapping that is no reference stays a wrong shape.
        let sink =
            yaml("machine:\n  install:\n    extensions:\n      - image:\n          name: x\n");
        assert_eq!(sink.observations.extensions.len(), 0);
        assert!(
            sink.errors[0].message.contains("found a mapping"),
            "{:?}",
            sink.errors
        );
    }

    #[test]
    fn extension_service_config_in_a_multi_document_config() {
        let sink = yaml("version: v1alpha1\nmachine: {}\n---\napiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut-client\n");
        assert_eq!(
            sink.observations.extension_service_configs[0].name,
            "nut-client"
        );
        let formats: Vec<_> = sink.inputs[0].fragments.iter().map(|f| f.format).collect();
        assert_eq!(formats, vec![Format::MachineConfig, Format::ConfigDocument]);
    }

    #[test]
    fn get_mc_literal_spec_maps_back_to_the_original_lines() {
        let text = "node: n1\nmetadata:\n    type: MachineConfigs.config.talos.dev\nspec: |\n    version: v1alpha1\n    machine:\n        install:\n            extensions:\n                - image: ghcr.io/siderolabs/gvisor:v1\n";
        let sink = read(text, false, None);
        let e = &sink.observations.extensions[0];
        assert_eq!(e.node.as_deref(), Some("n1"));
        assert_eq!(
            (e.spans[0].line, e.spans[0].column, e.spans[0].end_column),
            (9, 19, 53)
        );
    }

    #[test]
    fn grepped_install_section_is_read() {
        let sink = read(
            "    install:\n        image: ghcr.io/siderolabs/installer:v1.9.2\n",
            false,
            Some("n2"),
        );
        assert_eq!(sink.observations.installers[0].node.as_deref(), Some("n2"));
        assert_eq!(sink.observations.installers[0].span.column, 16);
    }

    /// A grep'd `extensions:` list of images is a config's; an empty one says nothing, so it is no config.
    #[test]
    fn a_grepped_extensions_list_is_a_config_unless_empty() {
        let sink = yaml("extensions:\n  - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4\n");
        assert_eq!(sink.inputs[0].fragments[0].format, Format::MachineConfig);
        assert_eq!(
            sink.observations.extensions[0].version.as_deref(),
            Some("v0.1.4")
        );
        let sink = yaml("extensions: []\n");
        assert_ne!(sink.inputs[0].fragments[0].format, Format::MachineConfig);
        assert!(sink.observations.configs.is_empty());
    }

    /// A `get machineconfig` resource whose `spec` is neither a mapping nor a text is an error on the `spec` line.
    #[test]
    fn a_resource_spec_of_the_wrong_kind_is_an_error() {
        let text = "node: n1\nmetadata:\n    type: MachineConfigs.config.talos.dev\nspec:\n    - version: v1alpha1\n";
        let sink = read(text, false, None);
        let at: Vec<_> = sink
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(at.len(), 1, "{at:?}");
        assert_eq!(at[0].0, 5, "{at:?}");
        assert!(at[0].1.contains("a mapping or a text"), "{at:?}");
        assert!(sink.observations.configs.is_empty());
    }
}
