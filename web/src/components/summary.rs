//! The summary above the results: findings by severity, nodes, extensions, the Talos version assumed, the formats
//! recognised and what was skipped, all from the report; and the catalog's age (the newest Talos release the
//! embedded catalog knows), which no report changes.

use std::rc::Rc;

use talos_ext_analyzer::catalog::Catalog;
use talos_ext_analyzer::is_pseudo;
use talos_ext_analyzer::report::{Format, Severity};
use talos_ext_analyzer::{sort, Report};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Rc<Report>,
}

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

/// `n` and the noun, plural when `n` is not 1.
fn counted(n: usize, one: &str, many: &str) -> String {
    let mut s = n.to_string();
    s.push(' ');
    s.push_str(if n == 1 { one } else { many });
    s
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
        let by = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
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
            errors: by(Severity::Error),
            warnings: by(Severity::Warning),
            infos: by(Severity::Info),
            nodes: report.nodes.iter().filter(|n| n.node.is_some()).count(),
            extensions: extensions.len(),
            formats,
            skipped_lines,
        }
    }
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let report = &props.report;
    let facts = Facts::of(report);
    let tile = |class: &'static str, value: String, label: &'static str| {
        html! {
            <div class={classes!("tile", class)}>
                <dt>{ label }</dt>
                <dd>{ value }</dd>
            </div>
        }
    };
    let formats = facts
        .formats
        .iter()
        .map(|f| format_label(*f))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class="summary" data-testid="summary" aria-label="Summary">
            <dl class="tiles">
                { tile(if facts.errors > 0 { "error" } else { "zero" }, facts.errors.to_string(),
                    if facts.errors == 1 { "error" } else { "errors" }) }
                { tile(if facts.warnings > 0 { "warning" } else { "zero" }, facts.warnings.to_string(),
                    if facts.warnings == 1 { "warning" } else { "warnings" }) }
                { tile(if facts.infos > 0 { "info" } else { "zero" }, facts.infos.to_string(), "info") }
                { tile("count", facts.nodes.to_string(), if facts.nodes == 1 { "node" } else { "nodes" }) }
                { tile("count", facts.extensions.to_string(),
                    if facts.extensions == 1 { "extension" } else { "extensions" }) }
                { tile("text", report.talos_version.clone().unwrap_or_else(|| "unknown".to_owned()), "Talos") }
            </dl>
            <p class="read">
                if facts.formats.is_empty() {
                    { "Nothing recognised yet." }
                } else {
                    <span class="label">{ "Read: " }</span>{ formats }{ "." }
                }
                if facts.skipped_lines > 0 {
                    { " " }
                    <span class="skipped">
                        { counted(facts.skipped_lines as usize, "line", "lines") }
                        { " of other text skipped." }
                    </span>
                }
                if !report.errors.is_empty() {
                    { " " }
                    <span class="unreadable">{ counted(report.errors.len(), "part", "parts") }{ " could not be read (below)." }</span>
                }
            </p>
            <p class="catalog-age" data-testid="catalog-age">{ catalog_age(Catalog::embedded().newest_release()) }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
