#![doc = include_str!("duplicate_extension.md")]

use crate::fix::{self, Plan};
use crate::groups::Groups;
use crate::hash::{Map, Set};
use crate::observation::is_pseudo;
use crate::observation::{DocumentId, ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::phrasing::keep_sentence;
use crate::rules::phrasing::on_node;
use crate::rules::phrasing::version_list;
use crate::rules::planning::versions_of;
use crate::rules::{index, planning};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;
use crate::words::times;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::duplicate_extension,
    severity: Severity::Error,
    summary: "one extension present more than once on one node, or listed more than once in one config or schematic",
    doc: include_str!("duplicate_extension.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    installed(ctx, out);
    configured(ctx, out);
    schematics(ctx, out);
}

/// Groups observations by name, keeping first-seen order; the same fact (same resource ID) counts once.
fn by_name<'a>(
    exts: impl Iterator<Item = &'a ExtensionObservation>,
) -> Vec<(&'a str, Vec<&'a ExtensionObservation>)> {
    let mut groups: Vec<(&str, Vec<&ExtensionObservation>)> = Vec::new();
    // Indexes, so that a hostile paste of 100,000 rows stays linear: name → group, and the facts seen per group.
    let mut group_of: Map<&str, usize> = Map::default();
    let mut facts: Set<(usize, &str, Option<&str>)> = Set::default();
    for e in exts.filter(|e| !is_pseudo(&e.name) && !e.name.is_empty()) {
        let group = *group_of.entry(e.name.as_str()).or_insert_with(|| {
            groups.push((&e.name, Vec::new()));
            groups.len() - 1
        });
        let same_fact = match e.id.as_deref() {
            Some(id) => !facts.insert((group, id, e.version.as_deref())),
            None => false,
        };
        if !same_fact {
            if let Some((_, list)) = groups.get_mut(group) {
                list.push(e);
            }
        }
    }
    groups.retain(|(_, list)| list.len() > 1);
    groups
}

fn spans(list: &[&ExtensionObservation]) -> Vec<Span> {
    let mut seen: Set<Span> = Set::default();
    list.iter()
        .flat_map(|e| e.spans.iter())
        .filter(|s| seen.insert(**s))
        .copied()
        .collect()
}

/// The error for one extension seen more than once in `list`, on `node`, fixed by `plan`.
fn finding(
    node: Option<&str>,
    name: &str,
    versions: Vec<String>,
    list: &[&ExtensionObservation],
    plan: &Plan,
    message: String,
) -> Finding {
    Finding {
        rule: INFO.id,
        severity: Severity::Error,
        node: node.map(str::to_string),
        extension: Some(name.to_string()),
        versions,
        message,
        spans: spans(list),
        fixes: fix::ladder(plan),
    }
}

/// One extension active more than once on one node.
fn installed(ctx: &Context, out: &mut Vec<Finding>) {
    for node in ctx.index.state_nodes() {
        let exts = ctx.index.installed(node);
        for (name, list) in by_name(exts.iter().copied()) {
            let versions = versions_of(&list);
            let talos = ctx.talos_for(node).map(|t| t.version);
            let keep = planning::keep_version(ctx, talos.as_deref(), name, &list);
            let what = if versions.len() > 1 {
                version_list(&versions)
            } else {
                let ids: Vec<&str> = list.iter().filter_map(|e| e.id.as_deref()).collect();
                format!(
                    "{} each time (IDs {})",
                    version_list(&versions),
                    fix::join_names(&ids)
                )
            };
            let message = format!(
                "{name} is active {} {}: {what}.{}",
                times(list.len()),
                on_node(node),
                keep_sentence(ctx, name, &keep, talos.as_deref())
            );
            let plan = planning::plan_for_nodes(ctx, &[node], true);
            out.push(finding(node, name, versions, &list, &plan, message));
        }
    }
}

/// One extension listed more than once in one config (or a config and the patches that append to it).
fn configured(ctx: &Context, out: &mut Vec<Finding>) {
    let configured: Vec<(&ExtensionObservation, DocumentId)> = ctx
        .observations
        .extensions
        .iter()
        .filter(|e| e.origin == Origin::Configured)
        .map(|e| (e, ctx.index.merge_unit(e)))
        .collect();
    // By unit in one pass (sorted by unit, input order within one).
    let units: Groups<DocumentId, &ExtensionObservation> =
        Groups::new(configured.into_iter().map(|(e, unit)| (unit, e)).collect());
    for (&unit, in_unit) in units.iter() {
        for (name, list) in by_name(in_unit.iter().copied()) {
            let node = ctx
                .index
                .config_node(list.first().and_then(|e| e.node.as_deref()));
            let versions = versions_of(&list);
            let talos = ctx.talos_for(node).map(|t| t.version);
            let keep = planning::keep_version(ctx, talos.as_deref(), name, &list);
            let patched = list.iter().any(|e| e.document != unit);
            let message = if patched {
                format!(
                    "{name} is listed in the machine config and again in a patch: {}. A strategic-merge patch \
                     appends to .machine.install.extensions, so the node gets both.{}",
                    version_list(&versions),
                    keep_sentence(ctx, name, &keep, talos.as_deref())
                )
            } else {
                format!(
                    "{name} is listed {} in one machine config's .machine.install.extensions: {}.{}",
                    times(list.len()),
                    version_list(&versions),
                    keep_sentence(ctx, name, &keep, talos.as_deref())
                )
            };
            let plan = Plan {
                nodes: vec![planning::node_plan(ctx, node, in_unit)],
                config_patch: true,
                reset: false,
            };
            out.push(finding(node, name, versions, &list, &plan, message));
        }
    }
}

/// One extension listed more than once in one schematic.
fn schematics(ctx: &Context, out: &mut Vec<Finding>) {
    let docs = index::by_document(ctx, Origin::Schematic);
    for (_, in_doc) in docs.iter() {
        for (name, list) in by_name(in_doc.iter().copied()) {
            let node = list.first().and_then(|e| e.node.as_deref());
            let message = format!(
                "siderolabs/{name} is listed {} in one schematic: Image Factory takes the list as given, so the \
                 schematic ID changes and the extension is requested twice.",
                times(list.len()),
            );
            let plan = Plan {
                nodes: vec![planning::node_plan(ctx, node, in_doc)],
                config_patch: false,
                reset: false,
            };
            out.push(Finding {
                rule: INFO.id,
                severity: Severity::Warning,
                node: node.map(str::to_string),
                extension: Some(name.to_string()),
                versions: versions_of(&list),
                message,
                spans: spans(&list),
                fixes: fix::ladder(&plan),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::ConfigKind;
    use crate::report::{FixKind, Safety};
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn seed_case_two_versions_on_one_node() {
        let mut o = Obs::new();
        o.installed(Some("<control-plane-ip>"), "iscsi-tools", "v0.1.1");
        o.installed(Some("<control-plane-ip>"), "iscsi-tools", "v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        let f = &f[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.node.as_deref(), Some("<control-plane-ip>"));
        assert_eq!(f.extension.as_deref(), Some("iscsi-tools"));
        assert_eq!(f.versions, vec!["v0.1.1", "v0.1.4"]);
        assert!(
            f.message.starts_with(
                "iscsi-tools is active twice on <control-plane-ip>: v0.1.1 and v0.1.4."
            ),
            "{}",
            f.message
        );
        assert!(f.message.contains("release is unknown"), "{}", f.message);
        assert_eq!(f.spans.len(), 2);
        assert!(f
            .fixes
            .iter()
            .any(|x| x.safety == Safety::Unsafe && x.title.contains("STATE and EPHEMERAL")));
        assert_eq!(
            f.fixes.last().map(|x| x.content.as_str()),
            Some("talosctl -n <control-plane-ip> get extensions\n")
        );
        // Legacy IDs: the extensions came from .machine.install.extensions, so the JSON patches are offered.
        assert!(f
            .fixes
            .iter()
            .any(|x| x.kind == FixKind::ConfigPatch && x.content.contains("op: remove")));
    }

    #[test]
    fn one_fact_with_two_spans_is_not_a_duplicate() {
        let mut o = Obs::new();
        let extra = o.span();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4")
            .spans
            .push(extra);
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn same_id_seen_in_two_documents_is_one_fact() {
        let mut o = Obs::new();
        o.installed_with_id(
            Some("n"),
            "gvisor",
            "v1",
            "000.ghcr.io-siderolabs-gvisor-v1",
        );
        o.installed_with_id(
            Some("n"),
            "gvisor",
            "v1",
            "000.ghcr.io-siderolabs-gvisor-v1",
        )
        .document = crate::observation::DocumentId(99);
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn same_version_twice_under_two_ids() {
        let mut o = Obs::new();
        o.installed_with_id(
            Some("n"),
            "gvisor",
            "v1",
            "000.ghcr.io-siderolabs-gvisor-v1",
        );
        o.installed_with_id(Some("n"), "gvisor", "v1", "1");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("v1 each time"), "{}", f[0].message);
    }

    #[test]
    fn one_extension_on_two_nodes_is_not_a_duplicate() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.1");
        o.installed(Some("b"), "iscsi-tools", "v0.1.4");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn pseudo_extensions_never_count() {
        let mut o = Obs::new();
        o.installed_with_id(Some("a"), "schematic", "abc", "1");
        o.installed_with_id(Some("a"), "schematic", "def", "2");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn twice_in_one_config() {
        let mut o = Obs::new();
        let d = o.doc();
        o.config(d, None, ConfigKind::MachineConfig, true);
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("listed twice in one machine config"),
            "{}",
            f[0].message
        );
        assert!(f[0].fixes.iter().all(|x| x.safety == Safety::Safe));
        let replace = f[0]
            .fixes
            .iter()
            .find(|x| x.content.starts_with("- op: replace"));
        assert_eq!(
            replace.map(|x| x.content.as_str()),
            Some("- op: replace\n  path: /machine/install/extensions\n  value:\n    - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4\n")
        );
    }

    #[test]
    fn config_patched_with_another_version() {
        let mut o = Obs::new();
        let (base, patch) = (o.doc(), o.doc());
        o.config(base, None, ConfigKind::MachineConfig, true);
        o.configured(base, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.config(patch, None, ConfigKind::StrategicPatch, true);
        o.configured(patch, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("again in a patch"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].versions, vec!["v0.1.1", "v0.1.4"]);
    }

    #[test]
    fn the_only_config_is_for_the_only_node() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].node.as_deref(), Some("10.0.0.2"));
        assert!(f[0]
            .fixes
            .iter()
            .any(|x| x.content.starts_with("talosctl upgrade -n 10.0.0.2 ")));
    }

    #[test]
    fn two_configs_naming_no_node_are_not_the_only_nodes() {
        // Two configs and one node shown: which config is the node's is unknown, so the finding names no node.
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let (a, b) = (o.doc(), o.doc());
        o.configured(a, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.configured(a, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        o.configured(b, None, "ghcr.io/siderolabs/util-linux-tools:2.40.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].node, None);
    }

    #[test]
    fn a_config_still_listing_extensions_gets_the_config_patch() {
        // Installed from a factory image (IDs 0 and 1), while the node's config still lists
        // .machine.install.extensions: unless that list is patched too, an upgrade brings it back.
        let factory = |config: bool| {
            let mut o = Obs::new();
            o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.1", "0");
            o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.4", "1");
            if config {
                let d = o.doc();
                o.configured(d, Some("n"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
            }
            let f = check_with(&o.build(), None, check);
            assert_eq!(f.len(), 1, "{f:#?}");
            f[0].fixes.iter().any(|x| x.kind == FixKind::ConfigPatch)
        };
        assert!(factory(true));
        assert!(!factory(false));
    }

    #[test]
    fn two_separate_configs_are_not_a_duplicate() {
        let mut o = Obs::new();
        let (a, b) = (o.doc(), o.doc());
        o.configured(a, Some("cp"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        o.configured(b, Some("worker"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn twice_in_one_schematic_is_a_warning() {
        let mut o = Obs::new();
        let d = o.doc();
        o.schematic(
            d,
            None,
            "x",
            &["iscsi-tools", "gvisor", "iscsi-tools"],
            None,
        );
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].fixes.first().map(|x| x.kind), Some(FixKind::Schematic));
    }
}
