//! RFC 6902 JSON patches (a list of `{op, path, value}`), in YAML or JSON, as `talosctl` applies them to configs.

use super::common::{entry, expected, list_items, missing, text};
use super::machine_config::{configured_extension, read_installer};
use crate::observation::{ConfigKind, ConfigObservation, DocumentId, InstallerContext};
use crate::read::Sink;
use crate::span::Span;
use crate::tree::Node;

const EXTENSIONS: &str = "/machine/install/extensions";

/// Does this list look like a JSON patch (its first entry has `op` and `path`)?
pub(crate) fn is_json_patch(root: &Node) -> bool {
    root.as_sequence()
        .and_then(|items| items.first())
        .is_some_and(|first| first.get("op").is_some() && first.get("path").is_some())
}

/// Reads a JSON patch: one config observation, the extensions it adds, the installer it sets.
pub(crate) fn read_json_patch(sink: &mut Sink, root: &Node, node: Option<String>) {
    let Some(ops) = root.as_sequence() else {
        return;
    };
    let document = sink.new_document();
    let mut install_extensions: Option<Span> = None;
    let mut replaces = false;
    for op in ops {
        if op.as_mapping().is_none() {
            expected(sink, op, "a JSON patch operation `{op, path, value}`");
            continue;
        }
        let (Some(name), Some(path)) = (op.get("op").and_then(text), op.get("path").and_then(text))
        else {
            missing(sink, op, "`op:` and `path:` in this JSON patch operation");
            continue;
        };
        let value = entry(op, "value").map(|(_, v)| v);
        let writes = matches!(name.as_str(), "add" | "replace");
        match path.as_str() {
            EXTENSIONS => {
                install_extensions.get_or_insert(op.span);
                // `add` on an existing member replaces it too (RFC 6902 4.1).
                replaces |= writes || name == "remove";
                if writes {
                    if let Some(list) = value {
                        read_list(sink, list, &node, document);
                    }
                }
            }
            p if p
                .strip_prefix(EXTENSIONS)
                .is_some_and(|rest| rest.starts_with('/')) =>
            {
                install_extensions.get_or_insert(op.span);
                if writes {
                    if let Some(item) = value {
                        read_item(sink, item, &node, document);
                    }
                }
            }
            "/machine/install" | "/machine" => {
                let install = value.and_then(|v| {
                    if path == "/machine" {
                        v.get("install")
                    } else {
                        Some(v)
                    }
                });
                if let Some(list) = install.filter(|_| writes).and_then(|i| i.get("extensions")) {
                    install_extensions.get_or_insert(op.span);
                    replaces = true;
                    read_list(sink, list, &node, document);
                }
                if let Some(image) = install.filter(|_| writes).and_then(|i| i.get("image")) {
                    read_installer(
                        sink,
                        image,
                        &node,
                        document,
                        InstallerContext::MachineConfig,
                        None,
                    );
                }
            }
            "/machine/install/image" if writes => {
                if let Some(image) = value {
                    read_installer(
                        sink,
                        image,
                        &node,
                        document,
                        InstallerContext::MachineConfig,
                        None,
                    );
                }
            }
            _ => {}
        }
    }
    sink.observations.configs.push(ConfigObservation {
        node,
        kind: ConfigKind::JsonPatch,
        document,
        span: root.span,
        install_extensions,
        replaces_install_extensions: replaces,
        role: None,
    });
}

fn read_list(sink: &mut Sink, list: &Node, node: &Option<String>, document: DocumentId) {
    let items = list_items(
        sink,
        list,
        "a list of `{image: <reference>}` entries as the value",
    );
    for item in items.into_iter().flatten() {
        read_item(sink, item, node, document);
    }
}

fn read_item(sink: &mut Sink, item: &Node, node: &Option<String>, document: DocumentId) {
    match item.get("image").and_then(text) {
        Some(reference) => configured_extension(sink, &reference, item.span, node, document),
        None => expected(
            sink,
            item,
            "an extension entry `{image: <reference>}` as the value",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{read, yaml};

    #[test]
    fn replace_of_the_list_replaces() {
        let sink = yaml("- op: replace\n  path: /machine/install/extensions\n  value:\n    - image: ghcr.io/siderolabs/gvisor:v1\n");
        let config = &sink.observations.configs[0];
        assert!(config.replaces_install_extensions);
        assert_eq!(config.install_extensions.map(|s| s.line), Some(1));
        assert_eq!(sink.observations.extensions[0].spans[0].line, 4);
    }

    #[test]
    fn append_does_not_replace() {
        let sink = read(
            r#"[{"op": "add", "path": "/machine/install/extensions/-", "value": {"image": "ghcr.io/siderolabs/gvisor:v1"}}]"#,
            true,
            None,
        );
        assert!(!sink.observations.configs[0].replaces_install_extensions);
        assert_eq!(
            sink.observations.extensions[0].version.as_deref(),
            Some("v1")
        );
    }

    #[test]
    fn remove_replaces_and_other_paths_are_ignored() {
        let sink = yaml("- op: remove\n  path: /machine/install/extensions\n---\n- op: add\n  path: /machine/network/hostname\n  value: x\n");
        assert!(sink.observations.configs[0].replaces_install_extensions);
        assert_eq!(sink.observations.configs[1].install_extensions, None);
        assert!(sink.observations.extensions.is_empty());
    }

    #[test]
    fn operation_without_path_is_an_error() {
        let sink = yaml("- op: remove\n  path: /x\n- op: add\n");
        assert_eq!((sink.errors[0].line, sink.errors[0].column), (3, 3));
    }

    /// A patch that writes the whole install section (or the whole `machine`) sets its extensions and its installer,
    /// as `talosctl patch` applies it.
    #[test]
    fn writing_the_install_section_or_machine_sets_extensions_and_installer() {
        for (path, value) in [
            ("/machine/install", "    extensions:\n      - image: ghcr.io/siderolabs/gvisor:v1\n    image: ghcr.io/siderolabs/installer:v1.9.2\n"),
            ("/machine", "    install:\n      extensions:\n        - image: ghcr.io/siderolabs/gvisor:v1\n      image: ghcr.io/siderolabs/installer:v1.9.2\n"),
        ] {
            let sink = yaml(&format!("- op: add\n  path: {path}\n  value:\n{value}"));
            assert!(sink.observations.configs[0].replaces_install_extensions, "{path}");
            assert_eq!(sink.observations.extensions.len(), 1, "{path}");
            assert_eq!(sink.observations.installers.len(), 1, "{path}");
        }
    }

    /// Only a patch that writes the installer sets it (its value, on line 3): `remove` or `test` of
    /// `/machine/install/image` names no installer.
    #[test]
    fn only_writing_the_installer_image_sets_it() {
        let image = "factory.talos.dev/installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.9.2";
        for (op, installers) in [("add", 1), ("replace", 1), ("remove", 0), ("test", 0)] {
            let sink = yaml(&format!(
                "- op: {op}\n  path: /machine/install/image\n  value: {image}\n"
            ));
            let seen: Vec<_> = sink
                .observations
                .installers
                .iter()
                .map(|i| i.span.line)
                .collect();
            assert_eq!(seen, vec![3; installers], "{op}");
        }
    }

    /// A list whose first entry has an `op` but no `path` is no JSON patch (a list of anything else may have an
    /// `op` key); with both it is one.
    #[test]
    fn a_json_patch_needs_op_and_path() {
        let read_as_patch = |text: &str| {
            yaml(text).inputs[0]
                .fragments
                .iter()
                .any(|f| f.format == crate::model::Format::JsonPatch)
        };
        assert!(!read_as_patch("- op: add\n  value: x\n"));
        assert!(!read_as_patch("- path: /machine\n  value: x\n"));
        assert!(read_as_patch(
            "- op: add\n  path: /machine/network/hostname\n  value: x\n"
        ));
    }
}
