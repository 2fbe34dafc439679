//! talhelper `talconfig.yaml`: per node, its schematic (its own, else its role's), its installer and Talos version.

use crate::hash::Set;

use super::common::text;
use super::machine_config::read_installer;
use super::schematic::{read_schematic, Target};
use crate::observation::{
    InstallerContext, NodeAddress, Role, TalosVersionObservation, TalosVersionSource,
};
use crate::read::Sink;
use crate::span::Span;
use crate::tree::Node;
use crate::version::normalize_talos;

/// Is this a talhelper config (`nodes:` list with `talosVersion:` or `clusterName:`)?
pub(crate) fn is_talhelper(root: &Node) -> bool {
    root.get("nodes").and_then(Node::as_sequence).is_some()
        && (root.get("talosVersion").is_some() || root.get("clusterName").is_some())
}

pub(crate) fn read_talhelper(sink: &mut Sink, root: &Node) {
    let talos_version = root.get("talosVersion").and_then(text);
    let normalized = talos_version.as_deref().and_then(normalize_talos);
    // Where the schematic errors reported so far are, as empty spans (a set the page has code for already).
    let mut reported: Set<Span> = Set::default();
    for host in root
        .get("nodes")
        .and_then(Node::as_sequence)
        .unwrap_or_default()
    {
        if host.as_mapping().is_none() {
            super::common::expected(
                sink,
                host,
                "a node mapping with `hostname:` and `ipAddress:`",
            );
            continue;
        }
        let hostname = host.get("hostname").and_then(text);
        let address = host.get("ipAddress").filter(|a| is_address(a));
        if let (Some(node), Some(a)) = (&hostname, address) {
            sink.observations.node_addresses.push(NodeAddress {
                node: node.clone(),
                address: text(a).unwrap_or_default(),
                span: a.span,
            });
        }
        let node = hostname.or_else(|| host.get("ipAddress").and_then(text));
        let control_plane = host.get("controlPlane").and_then(Node::as_str);
        let role = match control_plane {
            Some(b) if b.eq_ignore_ascii_case("true") => Role::ControlPlane,
            _ => Role::Worker,
        };
        let role_key = if role == Role::ControlPlane {
            "controlPlane"
        } else {
            "worker"
        };
        let document = sink.new_document();
        let schematic = host
            .get("schematic")
            .or_else(|| root.path(&[role_key, "schematic"]));
        if let Some(schematic) = schematic.filter(|s| !s.is_null()) {
            // A schematic shared by many nodes (a role's, or one anchor's aliases) is reported once when it does
            // not decode: an alias has a span of its own, the error the place of the shared text.
            let errors = sink.errors.len();
            let target = Target {
                node: node.clone(),
                role: Some(role),
                talos_version: normalized.as_deref(),
            };
            if !read_schematic(sink, schematic, target, document) {
                let first = sink.errors.get(errors).map(|e| Span {
                    input: e.input,
                    line: e.line,
                    column: e.column,
                    end_line: e.line,
                    end_column: e.column,
                });
                if first.is_some_and(|at| !reported.insert(at)) {
                    sink.errors.truncate(errors);
                }
            }
        }
        let image_url = host
            .get("talosImageURL")
            .or_else(|| root.get("talosImageURL"));
        if let Some(url) = image_url.filter(|u| text(u).is_some()) {
            read_installer(
                sink,
                url,
                &node,
                document,
                InstallerContext::Talhelper,
                talos_version.as_deref(),
            );
        }
        if let (Some(version), Some(span)) = (&normalized, root.get("talosVersion").map(|v| v.span))
        {
            sink.observations
                .talos_versions
                .push(TalosVersionObservation {
                    node: node.clone(),
                    version: version.clone(),
                    source: TalosVersionSource::Config,
                    span,
                });
        }
    }
}

/// An `ipAddress` that can name a node in `talosctl` output: one word, no `${…}` left for talhelper to substitute.
fn is_address(value: &Node) -> bool {
    text(value).is_some_and(|a| {
        !a.is_empty() && !a.contains('$') && !a.contains(|c: char| c.is_whitespace() || c == ',')
    })
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::yaml;
    use crate::model::Format;
    use crate::observation::Role;

    const TALCONFIG: &str = "clusterName: c\ntalosVersion: ${TALOS_VERSION}\nnodes:\n  - hostname: cp\n    controlPlane: true\n  - hostname: w1\n    schematic: &s\n      customization: {}\n  - hostname: w2\n    controlPlane: false\ncontrolPlane:\n  schematic:\n    customization:\n      systemExtensions:\n        officialExtensions: [siderolabs/iscsi-tools]\n";

    /// A `nodes:` list makes a talhelper config only beside `talosVersion:` or `clusterName:`; either alone with
    /// no list does not.
    #[test]
    fn a_talconfig_needs_its_nodes_and_a_cluster_key() {
        for (text, talhelper) in [
            ("clusterName: c\nnodes:\n  - hostname: a\n", true),
            ("talosVersion: v1.9.2\nnodes:\n  - hostname: a\n", true),
            ("nodes:\n  - hostname: a\n", false),
            ("clusterName: c\nnodes: a\n", false),
        ] {
            let format = yaml(text).inputs[0].fragments[0].format;
            assert_eq!(format == Format::Talhelper, talhelper, "{text}");
        }
    }

    /// A node's `ipAddress` names it in talosctl's output only when it is one address: not a list, not words, not
    /// a `${…}` talhelper has still to substitute.
    #[test]
    fn one_address_names_a_node() {
        let sink = yaml("clusterName: c\nnodes:\n  - hostname: a\n    ipAddress: 10.0.0.2\n  - hostname: b\n    ipAddress: 10.0.0.3,10.0.0.4\n  - hostname: c\n    ipAddress: 10.0.0.5 10.0.0.6\n  - hostname: d\n    ipAddress: ${IP}\n  - hostname: e\n    ipAddress: ''\n");
        let named: Vec<_> = sink
            .observations
            .node_addresses
            .iter()
            .map(|a| (a.node.as_str(), a.address.as_str()))
            .collect();
        assert_eq!(named, [("a", "10.0.0.2")]);
    }

    /// A schematic that fails to read gives its error once, also when several nodes share it (an anchor).
    #[test]
    fn a_broken_shared_schematic_is_one_error() {
        let sink = yaml("clusterName: c\nnodes:\n  - hostname: a\n    schematic: &s\n      customization: 3\n  - hostname: b\n    schematic: *s\n");
        assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
        assert_eq!(sink.errors[0].line, 5);
        // And a broken schematic of one node alone is its error too.
        let sink = yaml(
            "clusterName: c\nnodes:\n  - hostname: a\n    schematic:\n      customization: 3\n",
        );
        assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
    }

    #[test]
    fn each_node_gets_its_own_or_its_roles_schematic() {
        // An anchored schematic starts at its anchor (`&s`, line 7).
        let sink = yaml(TALCONFIG);
        let schematics: Vec<_> = sink
            .observations
            .schematics
            .iter()
            .map(|s| (s.node.as_deref(), s.role, s.span.line))
            .collect();
        assert_eq!(
            schematics,
            vec![
                (Some("cp"), Some(Role::ControlPlane), 13),
                (Some("w1"), Some(Role::Worker), 7)
            ]
        );
        assert_eq!(sink.inputs[0].fragments[0].format, Format::Talhelper);
    }

    #[test]
    fn one_talos_version_per_node_where_it_is_written() {
        let text = TALCONFIG.replace("${TALOS_VERSION}", "1.9.2")
            + "talosImageURL: factory.talos.dev/installer/c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac\n";
        let sink = yaml(&text);
        let versions = sink.observations.talos_versions_by_line();
        assert_eq!(
            versions,
            vec![
                (Some("cp"), "v1.9.2", 2),
                (Some("w1"), "v1.9.2", 2),
                (Some("w2"), "v1.9.2", 2)
            ]
        );
        let installer = &sink.observations.installers[0];
        assert_eq!(installer.talos_version.as_deref(), Some("v1.9.2"));
        assert_eq!(installer.span.line, 16);
    }

    #[test]
    fn placeholders_are_not_versions() {
        let sink = yaml(TALCONFIG);
        assert!(sink.observations.talos_versions.is_empty());
        assert!(sink.errors.is_empty());
    }
}
