#![doc = include_str!("kmod_talos_mismatch.md")]

use crate::hash::Map;

use crate::fix::{self, Plan};
use crate::observation::is_pseudo;
use crate::observation::{ExtensionObservation, Origin, TalosVersionSource};
use crate::report::{Finding, Severity};
use crate::rules::phrasing::on_node;
use crate::rules::planning;
use crate::rules::{Context, RuleInfo, TalosFrom};
use crate::version;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::kmod_talos_mismatch,
    severity: Severity::Error,
    summary:
        "a kernel-module extension built for another Talos release than the node runs or will run",
    doc: include_str!("kmod_talos_mismatch.md"),
};

/// The Talos release a kernel-module extension was built for (`9.2.12-v1.9.2` → `v1.9.2`). Only extensions the
/// catalog shows built per release count: others carry suffixes of their own (`nvidia-container-toolkit
/// 535.129.03-v1.13.0` is toolkit v1.13.0), and a custom extension's suffix means nothing we can check.
fn built_for(ctx: &Context, e: &ExtensionObservation) -> Option<String> {
    if !ctx.catalog.is_built_per_release(&e.name) {
        return None;
    }
    let v = e.version.as_deref()?;
    let suffix = version::talos_suffix(v)?;
    Some(version::normalize_talos(suffix).unwrap_or_else(|| suffix.to_string()))
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let kmods: Vec<(&ExtensionObservation, String)> = ctx
        .observations
        .extensions
        .iter()
        .filter(|e| e.origin != Origin::Schematic && !is_pseudo(&e.name))
        .filter_map(|e| built_for(ctx, e).map(|b| (e, b)))
        .collect();
    let mut unknown_release: Vec<(&ExtensionObservation, &str)> = Vec::new();
    for (e, built) in &kmods {
        let node = e.node.as_deref();
        // The release the module must match: the config's own installer tag for a configured entry, else the
        // node's, never judged by kernel-module suffixes themselves.
        let talos = match (e.origin, &e.talos_version) {
            (Origin::Configured, Some(t)) => Some((t.clone(), "is configured for")),
            _ => ctx
                .talos_for_excluding(node, Some(TalosVersionSource::KmodSuffix))
                .map(|t| {
                    let how = match t.from {
                        TalosFrom::User => "runs (as you said)",
                        TalosFrom::Node(TalosVersionSource::Config) => "is configured for",
                        TalosFrom::Cluster => "runs (the cluster's version)",
                        TalosFrom::Node(_) => "runs",
                    };
                    (t.version, how)
                }),
        };
        let Some((talos, how)) = talos else {
            unknown_release.push((e, built));
            continue;
        };
        // A development build (`v1.9.0-alpha.1-9-gaf706ee`) carries the kernel of the tag it descends from, and
        // modules built for that tag; its exact text is no module's suffix.
        if *built == talos || version::talos_tag(built) == version::talos_tag(&talos) {
            continue;
        }
        let v = e.version.as_deref().unwrap_or_default();
        let message = format!(
            "{} {v} {} is built for Talos {built}, but the node {how} {talos}: its kernel modules will not load.",
            e.name,
            on_node(node),
        );
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Error,
            node: node.map(str::to_string),
            extension: Some(e.name.clone()),
            versions: vec![v.to_string()],
            message,
            spans: e.spans.clone(),
            fixes: fixes(ctx, e),
        });
    }
    mixed_builds(ctx, &unknown_release, out);
}

fn fixes(ctx: &Context, e: &ExtensionObservation) -> Vec<crate::report::Fix> {
    let node = e.node.as_deref();
    let plan = match e.origin {
        Origin::Installed => planning::plan_for_nodes(ctx, &[node], false),
        _ => {
            let doc: Vec<&ExtensionObservation> = ctx
                .observations
                .extensions
                .iter()
                .filter(|o| o.origin == Origin::Configured && o.document == e.document)
                .collect();
            Plan {
                nodes: vec![planning::node_plan(ctx, node, &doc)],
                config_patch: true,
                reset: false,
            }
        }
    };
    fix::ladder(&plan)
}

/// Without a known release: one node carrying module builds for different releases.
fn mixed_builds(ctx: &Context, kmods: &[(&ExtensionObservation, &str)], out: &mut Vec<Finding>) {
    // Grouped by node in one pass (first-seen order): a cluster of 10,000 nodes must not make this quadratic.
    let mut nodes: Vec<Option<&str>> = Vec::new();
    let mut by_node: Map<Option<&str>, Vec<&(&ExtensionObservation, &str)>> = Map::default();
    for k in kmods.iter().filter(|(e, _)| e.origin == Origin::Installed) {
        let node = k.0.node.as_deref();
        by_node
            .entry(node)
            .or_insert_with(|| {
                nodes.push(node);
                Vec::new()
            })
            .push(k);
    }
    for node in nodes {
        let Some(on) = by_node.get(&node) else {
            continue;
        };
        let mut builds: Vec<&str> = on.iter().map(|(_, b)| *b).collect();
        crate::sort::sort_by(&mut builds, |a, b| version::compare(a, b));
        builds.dedup();
        if builds.len() < 2 {
            continue;
        }
        let parts: Vec<String> = on
            .iter()
            .map(|(e, b)| format!("{} for {b}", e.name))
            .collect();
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let exts: Vec<&ExtensionObservation> = on.iter().map(|(e, _)| *e).collect();
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Error,
            node: node.map(str::to_string),
            extension: None,
            versions: exts.iter().filter_map(|e| e.version.clone()).collect(),
            message: format!(
                "Kernel-module extensions {} are built for different Talos releases ({}): the modules of all but \
                 one will not load.",
                on_node(node),
                fix::join_names(&refs)
            ),
            spans: exts.iter().flat_map(|e| e.spans.iter().copied()).collect(),
            fixes: fix::ladder(&planning::plan_for_nodes(ctx, &[node], false)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    // These need version::talos_suffix (the version work).
    #[test]
    fn module_for_another_release() {
        let mut o = Obs::new();
        o.installed_with_id(Some("10.0.0.2"), "drbd", "9.2.11-v1.8.3", "0");
        o.talos(
            Some("10.0.0.2"),
            "v1.9.2",
            TalosVersionSource::TalosctlVersion,
        );
        o.talos(Some("10.0.0.2"), "v1.8.3", TalosVersionSource::KmodSuffix);
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "drbd 9.2.11-v1.8.3 on 10.0.0.2 is built for Talos v1.8.3, but the node runs v1.9.2: its kernel modules \
             will not load."
        );
    }

    #[test]
    fn matching_module_is_quiet() {
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "drbd", "9.2.12-v1.9.2", "0");
        o.talos(Some("n"), "v1.9.2", TalosVersionSource::KmodSuffix);
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
        // Its own suffix is no evidence against itself.
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn development_builds_are_judged_by_the_tag_they_descend_from() {
        let judged = |module: &str, talos: &str| {
            let mut o = Obs::new();
            o.installed_with_id(Some("n"), "drbd", module, "0");
            o.talos(Some("n"), talos, TalosVersionSource::TalosctlVersion);
            check_with(&o.build(), None, check).len()
        };
        assert_eq!(
            judged("9.2.11-v1.9.0-alpha.1", "v1.9.0-alpha.1-9-gaf706ee"),
            0
        );
        assert_eq!(judged("9.2.12-v1.9.2", "v1.9.2-3-g1a2b3c4-dirty"), 0);
        // Another tag's kernel: the final release's is not the alpha's.
        assert_eq!(judged("9.2.12-v1.9.0", "v1.9.0-alpha.1-9-gaf706ee"), 1);
        assert_eq!(judged("9.2.11-v1.8.3", "v1.9.0-alpha.1-9-gaf706ee"), 1);
        // Prerelease tags are exact: a beta's modules are not the release's.
        assert_eq!(judged("9.2.12-v1.10.0-beta.0", "v1.10.0-beta.0"), 0);
        assert_eq!(judged("9.2.12-v1.10.0-beta.0", "v1.10.0"), 1);
    }

    #[test]
    fn mixed_builds_on_one_node() {
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "drbd", "9.2.12-v1.9.2", "0");
        o.installed_with_id(Some("n"), "zfs", "2.2.7-v1.9.3", "1");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("drbd for v1.9.2 and zfs for v1.9.3"),
            "{}",
            f[0].message
        );
    }
}
