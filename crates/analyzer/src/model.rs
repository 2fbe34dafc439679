//! What reading produces besides observations: the inputs' recognised fragments, their formats, and the errors of
//! input that could not be read. The report carries them as they are ([`crate::report`] re-exports them).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSummary {
    pub name: String,
    pub fragments: Vec<Fragment>,
}

/// A recognised part of an input: its format and its lines (1-based, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub format: Format,
    pub lines: [u32; 2],
}

/// The formats the reader recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `talosctl get extensions` table.
    TalosctlTable,
    /// `talosctl get extensions -o yaml` stream (or a support bundle's resource file).
    TalosctlYaml,
    /// `talosctl get extensions -o json` stream.
    TalosctlJson,
    /// `/etc/extensions.yaml`.
    ExtensionsYaml,
    /// A v1alpha1 machine config (whole or fragment; `talosctl get mc -o yaml` too).
    MachineConfig,
    /// A strategic-merge config patch.
    ConfigPatch,
    /// An RFC 6902 JSON patch.
    JsonPatch,
    /// Another machine config document kind (`ExtensionServiceConfig`, …).
    ConfigDocument,
    /// An Image Factory schematic.
    Schematic,
    /// talhelper `talconfig.yaml`.
    Talhelper,
    /// Omni cluster template.
    OmniTemplate,
    /// `talosctl version` output.
    TalosctlVersion,
    /// A `talosctl upgrade` command.
    TalosctlUpgrade,
    /// A node's error line in talosctl output (`10.0.0.3: rpc error: code = Unavailable desc = …`).
    TalosctlError,
    /// An installer image reference or Image Factory URL in running text.
    InstallerReference,
    /// A support bundle (zip).
    SupportBundle,
    /// YAML or JSON that is none of the above.
    OtherDocument,
    /// Text the reader skipped.
    Prose,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::TalosctlTable => "talosctl-table",
            Format::TalosctlYaml => "talosctl-yaml",
            Format::TalosctlJson => "talosctl-json",
            Format::ExtensionsYaml => "extensions-yaml",
            Format::MachineConfig => "machine-config",
            Format::ConfigPatch => "config-patch",
            Format::JsonPatch => "json-patch",
            Format::ConfigDocument => "config-document",
            Format::Schematic => "schematic",
            Format::Talhelper => "talhelper",
            Format::OmniTemplate => "omni-template",
            Format::TalosctlVersion => "talosctl-version",
            Format::TalosctlUpgrade => "talosctl-upgrade",
            Format::TalosctlError => "talosctl-error",
            Format::InstallerReference => "installer-reference",
            Format::SupportBundle => "support-bundle",
            Format::OtherDocument => "other-document",
            Format::Prose => "prose",
        }
    }
}

/// Input that could not be read: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    pub input: usize,
    pub line: u32,
    pub column: u32,
    pub message: String,
}
