#![doc = include_str!("version_drift.md")]

use crate::fix;
use crate::hash::Map;
use crate::observation::ExtensionObservation;
use crate::report::{Finding, Severity};
use crate::rules::phrasing::keep_sentence;
use crate::rules::planning::versions_of;
use crate::rules::{phrasing, planning};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::version_drift,
    severity: Severity::Warning,
    summary: "one extension at different versions on different nodes",
    doc: include_str!("version_drift.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let nodes = ctx.index.state_nodes();
    if nodes.len() < 2 {
        return;
    }
    // name → per node (in node order): its observations, names in order of appearance. One pass over the nodes:
    // filtering every node's extensions once per name is quadratic in a paste of many distinct names.
    let mut names: Vec<&str> = Vec::new();
    let mut group_of: Map<&str, usize> = Map::default();
    let mut per_name: Vec<Vec<(Option<&str>, Vec<&ExtensionObservation>)>> = Vec::new();
    for &n in &nodes {
        for e in ctx.index.installed(n) {
            let group = *group_of.entry(e.name.as_str()).or_insert_with(|| {
                names.push(&e.name);
                per_name.push(Vec::new());
                per_name.len() - 1
            });
            let Some(having) = per_name.get_mut(group) else {
                continue;
            };
            // `nodes` are distinct: the node's entry, if any, is the last one.
            match having.last_mut() {
                Some((node, exts)) if *node == n => exts.push(e),
                _ => having.push((n, vec![e])),
            }
        }
    }
    for (name, having) in names.into_iter().zip(per_name) {
        let sets: Vec<Vec<String>> = having.iter().map(|(_, list)| versions_of(list)).collect();
        // Drift: two nodes that share no version of the extension (a node with two versions is a duplicate).
        // Compared per distinct set of versions (few), not per pair of nodes (thousands in a bundle).
        let mut distinct: Vec<&Vec<String>> = sets.iter().filter(|s| !s.is_empty()).collect();
        crate::sort::sort_dedup(&mut distinct);
        let drifts = distinct.iter().enumerate().any(|(i, a)| {
            distinct
                .iter()
                .skip(i + 1)
                .any(|b| !a.iter().any(|v| b.contains(v)))
        });
        if !drifts {
            continue;
        }
        let all: Vec<&ExtensionObservation> =
            having.iter().flat_map(|(_, l)| l.iter().copied()).collect();
        let versions = versions_of(&all);
        let talos = ctx.talos_version.clone();
        let keep = planning::keep_version(ctx, talos.as_deref(), name, &all);
        // One part per distinct set of versions, in order of appearance: "v0.1.6 on a, b and 3 more nodes".
        let mut groups: Vec<(&Vec<String>, Vec<&str>)> = Vec::new();
        for ((n, _), vs) in having.iter().zip(&sets) {
            let n = n.unwrap_or("the unnamed node");
            match groups.iter_mut().find(|(g, _)| *g == vs) {
                Some((_, nodes)) => nodes.push(n),
                None => groups.push((vs, vec![n])),
            }
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(vs, nodes)| format!("{} on {}", phrasing::version_list(vs), few(nodes)))
            .collect();
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        let message = format!(
            "{name} runs at different versions: {}.{}",
            refs.join("; "),
            keep_sentence(ctx, name, &keep, talos.as_deref())
        );
        let keep_version = keep.version.as_deref();
        // Nodes not on the version to keep need the fix; without one, all of them.
        let off: Vec<Option<&str>> = having
            .iter()
            .zip(&sets)
            .filter(|(_, vs)| keep_version.is_none_or(|k| vs.iter().any(|v| v != k)))
            .map(|((n, _), _)| *n)
            .collect();
        let plan = planning::plan_for_nodes(ctx, if off.is_empty() { &nodes } else { &off }, false);
        let mut seen: crate::hash::Set<Span> = crate::hash::Set::default();
        let spans: Vec<Span> = all
            .iter()
            .flat_map(|e| e.spans.iter().copied())
            .filter(|s| seen.insert(*s))
            .collect();
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: None,
            extension: Some(name.to_string()),
            versions,
            message,
            spans,
            fixes: fix::ladder(&plan),
        });
    }
}

/// At most four names, then "and N more nodes".
fn few(nodes: &[&str]) -> String {
    const SHOWN: usize = 4;
    if nodes.len() <= SHOWN + 1 {
        return fix::join_names(nodes);
    }
    let head = nodes.get(..SHOWN).unwrap_or(nodes).join(", ");
    format!("{head} and {} more nodes", nodes.len() - SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn two_nodes_at_different_versions() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.5");
        o.installed(Some("10.0.0.3"), "iscsi-tools", "v0.1.6");
        o.installed(Some("10.0.0.4"), "iscsi-tools", "v0.1.6");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].versions, vec!["v0.1.5", "v0.1.6"]);
        assert_eq!(
            f[0].message,
            "iscsi-tools runs at different versions: v0.1.5 on 10.0.0.2; v0.1.6 on 10.0.0.3 and 10.0.0.4. The Talos \
             release is unknown, so the fix keeps the highest version, v0.1.6."
        );
        assert_eq!(f[0].spans.len(), 3);
        // Only the node off the kept version is upgraded and verified.
        assert_eq!(
            f[0].fixes.last().map(|x| x.content.as_str()),
            Some("talosctl -n 10.0.0.2 get extensions\n")
        );
    }

    #[test]
    fn long_node_lists_are_shortened() {
        assert_eq!(few(&["a", "b", "c", "d", "e"]), "a, b, c, d and e");
        assert_eq!(
            few(&["a", "b", "c", "d", "e", "f"]),
            "a, b, c, d and 2 more nodes"
        );
    }

    #[test]
    fn same_version_everywhere_is_fine() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.6");
        o.installed(Some("b"), "iscsi-tools", "v0.1.6");
        o.installed(Some("b"), "gvisor", "v1");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn a_duplicate_on_one_node_is_not_drift() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.1");
        o.installed(Some("a"), "iscsi-tools", "v0.1.4");
        o.installed(Some("b"), "iscsi-tools", "v0.1.4");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn configs_and_schematics_are_not_nodes() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.1");
        let d = o.doc();
        o.configured(d, Some("b"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
