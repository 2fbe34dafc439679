//! Normalised facts read from the inputs, before any rule looks at them.
//!
//! Readers turn every recognised fragment into these; rules only ever see these (never raw text), so that a table
//! row, a `-o yaml` document and a support-bundle file saying the same thing are the same fact.

use serde::{Deserialize, Serialize};

use crate::image_ref::ImageRef;
use crate::span::Span;

/// Where an extension observation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Node state: `talosctl get extensions` (table, yaml, json), `/etc/extensions.yaml`, support bundles.
    Installed,
    /// `.machine.install.extensions` of a machine config or patch.
    Configured,
    /// A schematic, a talhelper or Omni template, or an installer image whose schematic is known.
    Schematic,
}

impl Origin {
    /// The name the report gives it (`installed`, `configured`, `schematic`; a test holds it to serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Installed => "installed",
            Origin::Configured => "configured",
            Origin::Schematic => "schematic",
        }
    }
}

/// Identifies the document an observation was read from (one config document, one schematic, one node's state in
/// one table), so rules can tell "listed twice in one config" from "listed in two configs".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocumentId(pub u32);

/// One extension seen on a node, in a config, or in a schematic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtensionObservation {
    /// The node as the input names it; `None` where the input does not say.
    pub node: Option<String>,
    /// Manifest name (`iscsi-tools`); derived from the image path where only an image is known.
    pub name: String,
    /// The extension's own version (`v0.1.4`), where known.
    pub version: Option<String>,
    /// The image reference, where known (from config, from a legacy ID, from `spec.image`).
    pub image: Option<ImageRef>,
    /// The resource ID (`000.ghcr.io-siderolabs-iscsi-tools-v0.1.1`, `0`), for installed extensions.
    pub id: Option<String>,
    pub origin: Origin,
    /// The Talos version this observation is tied to, where the input says.
    pub talos_version: Option<String>,
    pub document: DocumentId,
    /// Every place this fact was seen (a table row and the `-o yaml` of the same node + ID are one fact).
    pub spans: Vec<Span>,
}

/// Where a schematic ID comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SchematicOrigin {
    /// Computed from schematic YAML/JSON in the input.
    Computed,
    /// A node's `schematic` pseudo-extension row: what the node runs.
    Running,
    /// The ID inside an installer image reference.
    Installer,
}

impl SchematicOrigin {
    /// The name the report gives it (`computed`, `running`, `installer`; a test holds it to serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            SchematicOrigin::Computed => "computed",
            SchematicOrigin::Running => "running",
            SchematicOrigin::Installer => "installer",
        }
    }
}

/// The role a schematic or config is meant for, where the input says (talhelper, Omni).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    ControlPlane,
    Worker,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchematicObservation {
    pub node: Option<String>,
    /// Lowercase hex SHA-256 (64 characters).
    pub id: String,
    /// `siderolabs/<name>` entries, in the given order (empty where unknown, e.g. a running or installer ID).
    pub official_extensions: Vec<String>,
    pub origin: SchematicOrigin,
    pub role: Option<Role>,
    pub document: DocumentId,
    pub span: Span,
}

/// Where an installer image reference was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstallerContext {
    /// `.machine.install.image` of a machine config or patch.
    MachineConfig,
    /// `talosctl upgrade [--image X]` (an upgrade without `--image` has `image: None`).
    UpgradeCommand,
    /// An Image Factory URL or a bare reference in prose.
    Mention,
    /// talhelper `talosImageURL` or a generated image.
    Talhelper,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstallerObservation {
    pub node: Option<String>,
    /// `None` for `talosctl upgrade` without `--image` (it falls back to the plain installer).
    pub image: Option<ImageRef>,
    /// The schematic ID inside a factory installer reference.
    pub schematic_id: Option<String>,
    /// The tag of the installer: the Talos version the node will run.
    pub talos_version: Option<String>,
    pub context: InstallerContext,
    pub span: Span,
}

/// Where a node's Talos version comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TalosVersionSource {
    /// `talosctl version` server section, or a support bundle's `summary`.
    TalosctlVersion,
    /// A config's installer tag, talhelper `talosVersion`, Omni `talos.version`.
    Config,
    /// The suffix of a kernel-module extension version (`9.2.12-v1.9.2`).
    KmodSuffix,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TalosVersionObservation {
    pub node: Option<String>,
    /// Normalised to a leading `v` (`v1.9.2`).
    pub version: String,
    pub source: TalosVersionSource,
    pub span: Span,
}

/// The kind of configuration document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfigKind {
    /// A whole v1alpha1 machine config (has `version: v1alpha1` or `machine:` and `cluster:`).
    MachineConfig,
    /// A fragment or strategic-merge patch (only some keys of a machine config).
    StrategicPatch,
    /// An RFC 6902 JSON patch (a list of `op`/`path` entries).
    JsonPatch,
}

/// One machine config document, patch or JSON patch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigObservation {
    pub node: Option<String>,
    pub kind: ConfigKind,
    pub document: DocumentId,
    /// The whole document.
    pub span: Span,
    /// The `.machine.install.extensions` key (or the JSON patch op touching it), where present.
    pub install_extensions: Option<Span>,
    /// For JSON patches: does this patch replace or remove `/machine/install/extensions` (vs. add to it)?
    pub replaces_install_extensions: bool,
    /// The node's role as `.machine.type` says (`controlplane` and `init` are control planes), where present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// An `ExtensionServiceConfig` document: configures the service of an installed extension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtensionServiceConfigObservation {
    pub node: Option<String>,
    pub name: String,
    pub span: Span,
}

/// Facts about a node that are not extensions: its running kernel (`modules.dep` row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KernelObservation {
    pub node: Option<String>,
    pub kernel_version: String,
    pub span: Span,
}

/// A node that did not answer a `talosctl` request: the line talosctl prints for it
/// (`10.0.0.3: rpc error: code = Unavailable desc = …`, often after `1 error occurred:`). Its state is unknown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeErrorObservation {
    pub node: String,
    /// The gRPC status code (`Unavailable`, `DeadlineExceeded`, `PermissionDenied`, …).
    pub code: String,
    /// What follows `desc = `.
    pub description: String,
    pub span: Span,
}

/// A node whose extension list the input shows, empty: `talosctl get extensions` printed only its header, an
/// `-o yaml`/`-o json` request printed nothing, or a node the command targeted has no row in its output (and no
/// error line). Such a node runs no extensions at all: not even the `schematic` row of an Image Factory install.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmptyStateObservation {
    /// `None`: a node the input does not name (`talosctl -n $NODE …`, a table without a command above it).
    pub node: Option<String>,
    /// The table's header, or the command whose output is empty.
    pub span: Span,
}

/// A node known by two names: a talhelper node's `hostname` and its `ipAddress`, the address that
/// `talosctl -n` prints in the NODE column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeAddress {
    pub node: String,
    pub address: String,
    /// The `ipAddress` value.
    pub span: Span,
}

/// Everything read from all inputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Observations {
    pub extensions: Vec<ExtensionObservation>,
    pub schematics: Vec<SchematicObservation>,
    pub installers: Vec<InstallerObservation>,
    pub talos_versions: Vec<TalosVersionObservation>,
    pub configs: Vec<ConfigObservation>,
    pub extension_service_configs: Vec<ExtensionServiceConfigObservation>,
    pub kernels: Vec<KernelObservation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub node_errors: Vec<NodeErrorObservation>,
    /// Nodes shown running no extensions ([`EmptyStateObservation`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub empty_states: Vec<EmptyStateObservation>,
    /// Second names of nodes; joined before any rule runs ([`crate::read::node_names`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub node_addresses: Vec<NodeAddress>,
}

/// Is this one of the pseudo-extensions that are facts about the node, never user extensions?
pub fn is_pseudo(name: &str) -> bool {
    matches!(name, "schematic" | "modules.dep")
}

#[cfg(test)]
impl Observations {
    /// Each Talos version read, as its node, the version and the line it was read on: what the readers' tests
    /// compare.
    pub fn talos_versions_by_line(&self) -> Vec<(Option<&str>, &str, u32)> {
        self.talos_versions
            .iter()
            .map(|v| (v.node.as_deref(), v.version.as_str(), v.span.line))
            .collect()
    }
}

#[cfg(test)]
mod names_tests {
    use super::*;

    #[test]
    fn origin_names_are_the_reports() {
        for origin in [Origin::Installed, Origin::Configured, Origin::Schematic] {
            assert_eq!(serde_json::to_value(origin).unwrap(), origin.as_str());
        }
        for origin in [
            SchematicOrigin::Computed,
            SchematicOrigin::Running,
            SchematicOrigin::Installer,
        ] {
            assert_eq!(serde_json::to_value(origin).unwrap(), origin.as_str());
        }
    }
}
