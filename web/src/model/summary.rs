//! What the summary above the results says, computed from the report: findings by severity, nodes, extensions,
//! the formats recognised and what was skipped ([`Facts`]), and the catalog's age in words.

use talos_ext_analyzer::report::Format;
use talos_ext_analyzer::words::plural_word;
use talos_ext_analyzer::{is_pseudo, sort, Counts, Report};

/// A format in words.
pub fn format_label(format: Format) -> &'static str {
    match format {
        Format::TalosctlTable => "talosctl get extensions (table)",
        Format::TalosctlYaml => "talosctl get extensions -o yaml",
        Format::TalosctlJson => "talosctl get extensions -o json",
        Format::ExtensionsYaml => "/etc/extensions.yaml",
        Format::MachineConfig => "machine config",
        Format::ConfigPatch => "config patch",
        Format::JsonPatch => "JSON patch",
        Format::ConfigDocument => "config document",
        Format::Schematic => "Image Factory schematic",
        Format::Talhelper => "talhelper config",
        Format::OmniTemplate => "Omni cluster template",
        Format::TalosctlVersion => "talosctl version",
        Format::TalosctlUpgrade => "talosctl upgrade",
        Format::TalosctlError => "talosctl node errors",
        Format::InstallerReference => "installer image",
        Format::SupportBundle => "support bundle",
        Format::OtherDocument => "other YAML/JSON",
        Format::Prose => "text",
    }
}

/// The catalog's age in words: what a node on a newer release is not judged against.
pub fn catalog_age(newest: Option<&str>) -> String {
    match newest {
        Some(tag) => format!(
            "Catalog: Talos releases up to {tag}; nodes on a newer release are not checked against it."
        ),
        None => "Catalog: empty; versions are not checked.".to_string(),
    }
}

/// One tile of the summary: its class (a severity with findings, `zero` without, `count`, `text`), value and label.
#[derive(Debug, PartialEq)]
pub struct Tile {
    pub class: &'static str,
    pub value: String,
    pub label: &'static str,
}

/// What the summary shows, computed from the report.
#[derive(Debug, PartialEq)]
pub struct Facts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub nodes: usize,
    pub extensions: usize,
    /// Recognised formats, each once, in the order first seen.
    pub formats: Vec<Format>,
    /// Lines skipped as text the reader does not know.
    pub skipped_lines: u32,
}

impl Facts {
    pub fn of(report: &Report) -> Facts {
        let counts = Counts::of(&report.findings);
        // A cluster's names repeat on every node: looked up among the distinct ones, not all sorted.
        let extensions = sort::distinct(
            report
                .nodes
                .iter()
                .flat_map(|n| &n.extensions)
                .map(|e| e.name.as_str())
                .filter(|n| !is_pseudo(n)),
        );
        let mut formats = Vec::new();
        let mut skipped_lines = 0u32;
        for fragment in report.inputs.iter().flat_map(|i| &i.fragments) {
            if fragment.format == Format::Prose {
                let [from, to] = fragment.lines;
                skipped_lines =
                    skipped_lines.saturating_add(to.saturating_sub(from).saturating_add(1));
            } else if !formats.contains(&fragment.format) {
                formats.push(fragment.format);
            }
        }
        Facts {
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            nodes: report.nodes.iter().filter(|n| n.node.is_some()).count(),
            extensions: extensions.len(),
            formats,
            skipped_lines,
        }
    }

    /// The tiles, in order: errors, warnings, infos, nodes, extensions and the Talos version assumed.
    pub fn tiles(&self, talos_version: Option<&str>) -> [Tile; 6] {
        let severity =
            |n: usize, class: &'static str, one: &'static str, many: &'static str| Tile {
                class: if n > 0 { class } else { "zero" },
                value: n.to_string(),
                label: plural_word(n, one, many),
            };
        let count = |n: usize, one: &'static str, many: &'static str| Tile {
            class: "count",
            value: n.to_string(),
            label: plural_word(n, one, many),
        };
        [
            severity(self.errors, "error", "error", "errors"),
            severity(self.warnings, "warning", "warning", "warnings"),
            severity(self.infos, "info", "info", "info"),
            count(self.nodes, "node", "nodes"),
            count(self.extensions, "extension", "extensions"),
            Tile {
                class: "text",
                value: talos_version.unwrap_or("unknown").to_owned(),
                label: "Talos",
            },
        ]
    }

    /// The recognised formats in words, comma-separated.
    pub fn formats_text(&self) -> String {
        self.formats
            .iter()
            .map(|f| format_label(*f))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::catalog::Catalog;
    use talos_ext_analyzer::{analyze, Input, Options};

    #[test]
    fn counts_the_seed_case() {
        let text = "Some words first.\n\nNODE NAMESPACE TYPE ID VERSION NAME VERSION\n\
            cp runtime ExtensionStatus 0 1 iscsi-tools v0.1.1\n\
            cp runtime ExtensionStatus 1 1 iscsi-tools v0.1.4\n\
            cp runtime ExtensionStatus 2 1 schematic abc\n";
        let report = analyze(&[Input::text("paste", text)], &Options::default());
        let facts = Facts::of(&report);
        assert_eq!(facts.errors, 1);
        assert_eq!(facts.nodes, 1);
        assert_eq!(facts.extensions, 1, "schematic is no extension");
        assert_eq!(facts.formats, [Format::TalosctlTable]);
        assert!(facts.skipped_lines >= 1);
        assert_eq!(facts.formats_text(), "talosctl get extensions (table)");
        let tiles = facts.tiles(None);
        let shown: Vec<_> = tiles
            .iter()
            .map(|t| (t.class, t.value.as_str(), t.label))
            .collect();
        assert_eq!(
            shown,
            [
                ("error", "1", "error"),
                ("zero", "0", "warnings"),
                ("zero", "0", "info"),
                ("count", "1", "node"),
                ("count", "1", "extension"),
                ("text", "unknown", "Talos"),
            ]
        );
    }

    #[test]
    fn the_catalog_s_age_names_its_newest_release() {
        let newest = Catalog::embedded().newest_release();
        let line = catalog_age(newest);
        assert!(
            line.starts_with(&format!(
                "Catalog: Talos releases up to {}",
                newest.unwrap_or("?")
            )),
            "{line}"
        );
        assert_eq!(
            catalog_age(Some("v1.14.0")),
            "Catalog: Talos releases up to v1.14.0; nodes on a newer release are not checked against it."
        );
        assert!(catalog_age(None).contains("empty"));
    }
}
