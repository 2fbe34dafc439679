//! The analysis report: the JSON contract of `docs/report-format.md` (version 1). Fields may be added; none of the
//! documented ones may change meaning.

use serde::{Deserialize, Serialize};

pub use crate::model::{Format, Fragment, InputError, InputSummary};
use crate::observation::{Origin, SchematicOrigin};
pub use crate::rule_id::RuleId;
use crate::span::Span;

pub const REPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub report_version: u32,
    pub inputs: Vec<InputSummary>,
    /// The Talos version the analysis assumed for the cluster (given by the user, or detected when unambiguous).
    pub talos_version: Option<String>,
    pub nodes: Vec<NodeReport>,
    pub schematics: Vec<SchematicReport>,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
}

impl Report {
    /// The report of no input at all, without running the analysis: what a page shows before anything is pasted
    /// (calling [`crate::analyze`] would make the browser compile the whole analysis before its first paint).
    /// Equal to `analyze(&[], &Options::default())` (tested).
    pub fn empty() -> Report {
        Report {
            report_version: REPORT_VERSION,
            inputs: Vec::new(),
            talos_version: None,
            nodes: Vec::new(),
            schematics: Vec::new(),
            findings: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// What one node (or "no node": a bare config or schematic) has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeReport {
    pub node: Option<String>,
    pub talos_version: Option<String>,
    /// The schematic ID the node reports running (its `schematic` row), where shown.
    pub running_schematic: Option<String>,
    /// The kernel version of its `modules.dep` row, where shown.
    pub kernel_version: Option<String>,
    /// Does the input show what this node runs (its `talosctl get extensions` output, even an empty one)? Then
    /// no installed extension means it runs none; otherwise the node is only named by a config, schematic,
    /// installer or version.
    #[serde(default)]
    pub shows_state: bool,
    pub extensions: Vec<ExtensionReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionReport {
    pub name: String,
    pub version: Option<String>,
    /// The image reference as text.
    pub image: Option<String>,
    pub id: Option<String>,
    pub origin: Origin,
    /// The first place it was seen.
    pub span: Span,
    /// Every place it was seen (the same fact as a table row and as YAML).
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchematicReport {
    pub id: String,
    pub official_extensions: Vec<String>,
    pub origin: SchematicOrigin,
    pub node: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice.
    Info,
    /// Risky or drifting.
    Warning,
    /// Broken or will break.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id (`duplicate-extension`). Read back as one of [`crate::rule_id::ALL`] (ids are `'static`).
    #[serde(deserialize_with = "crate::rule_id::deserialize")]
    pub rule: RuleId,
    pub severity: Severity,
    pub node: Option<String>,
    pub extension: Option<String>,
    pub versions: Vec<String>,
    pub message: String,
    /// Every span involved, the most telling first.
    pub spans: Vec<Span>,
    /// Fixes in the fix ladder's order: the most recommended first.
    pub fixes: Vec<Fix>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// YAML the user applies to a config (a JSON 6902 patch where a strategic merge would append).
    ConfigPatch,
    /// An Image Factory schematic (with `schematic_id`).
    Schematic,
    /// A talosctl command.
    Command,
    /// Advice in words.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    Safe,
    /// Can lose data; the title says what it destroys.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub kind: FixKind,
    pub safety: Safety,
    pub title: String,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schematic_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Report;
    use crate::{analyze, Input, Options};

    #[test]
    fn the_empty_report_is_the_analysis_of_nothing() {
        assert_eq!(Report::empty(), analyze(&[], &Options::default()));
    }

    #[test]
    fn the_empty_report_is_not_the_analysis_of_something() {
        // The test above would pass for any constructor if `analyze` ignored its input; this one would not.
        let something = [Input::text(
            "paste",
            String::from("NODE NAMESPACE TYPE ID VERSION NAME VERSION\n"),
        )];
        assert_ne!(Report::empty(), analyze(&something, &Options::default()));
    }
}
