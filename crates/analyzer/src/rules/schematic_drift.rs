#![doc = include_str!("schematic_drift.md")]

use crate::fix;
use crate::hash::Map;
use crate::observation::Role;
use crate::report::{Finding, Severity};
use crate::rules::known_schematics::{short_id, EMPTY_SCHEMATIC};
use crate::rules::{planning, predicates};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::schematic_drift,
    severity: Severity::Warning,
    summary:
        "nodes of one role run different schematics, or one runs no extensions while the others do",
    doc: include_str!("schematic_drift.md"),
};

/// The nodes that run one schematic, within one declared role.
struct Group<'a> {
    /// The schematic ID; the empty schematic's for a node shown without extensions and without a schematic row.
    id: &'a str,
    nodes: Vec<Option<&'a str>>,
    /// Where the first node shows it.
    span: Span,
}

/// One declared role's groups, with each group's index by schematic ID (a map type the analysis has already: page
/// weight).
struct RoleGroups<'a> {
    role: Option<Role>,
    groups: Vec<Group<'a>>,
    by_id: Map<&'a str, usize>,
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let states = ctx.index.node_states();
    if states.len() < 2 {
        return;
    }
    // Each role's schematic groups, in order of first appearance. Nodes whose roles the input declares differ on
    // purpose between roles (control planes without the storage extensions of workers): compared within a role.
    let mut roles: Vec<RoleGroups> = Vec::new();
    for state in states {
        let node = state.node;
        let (id, span) = match (state.running, state.empty) {
            (Some(r), _) => (r.id.as_str(), r.span),
            (None, Some(e)) => (EMPTY_SCHEMATIC, e.span),
            // Rows without a schematic row (`.machine.install.extensions`): no schematic to compare.
            (None, None) => continue,
        };
        let role = ctx.index.role(node);
        let r = match roles.iter().position(|r| r.role == role) {
            Some(r) => r,
            None => {
                roles.push(RoleGroups {
                    role,
                    groups: Vec::new(),
                    by_id: Map::default(),
                });
                roles.len() - 1
            }
        };
        let Some(RoleGroups { groups, by_id, .. }) = roles.get_mut(r) else {
            continue;
        };
        let g = *by_id.entry(id).or_insert_with(|| {
            groups.push(Group {
                id,
                nodes: Vec::new(),
                span,
            });
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(g) {
            group.nodes.push(node);
        }
    }
    for r in &roles {
        judge(ctx, &r.groups, out);
    }
}

/// One role's groups: a warning for each node on the empty schematic while another group carries extensions,
/// an info finding when two or more schematics with extensions are in use.
fn judge(ctx: &Context, groups: &[Group], out: &mut Vec<Finding>) {
    let carrying: Vec<&Group> = groups.iter().filter(|g| g.id != EMPTY_SCHEMATIC).collect();
    // The schematic most nodes with extensions run (the first of equals): what the others are moved onto.
    let Some(main) =
        carrying
            .iter()
            .copied()
            .reduce(|a, b| if b.nodes.len() > a.nodes.len() { b } else { a })
    else {
        return;
    };
    let known = &ctx.known_schematics;
    let main_nodes = node_list(&main.nodes);
    for empty in groups.iter().filter(|g| g.id == EMPTY_SCHEMATIC) {
        for &node in &empty.nodes {
            // A plain-installer upgrade explains it: `upgrade-without-image` says that it dropped them.
            if ctx
                .index
                .installers(node)
                .iter()
                .any(|i| predicates::installs_plain(i))
            {
                continue;
            }
            let who = node.unwrap_or("The node");
            let message = format!(
                "{who} runs no extensions, while {main_nodes} {} schematic {}. Nodes of one role should run one \
                 schematic: upgrade {who} onto it, or, if the nodes play different roles on purpose, paste their \
                 machine configs (.machine.type) or talhelper or Omni template so that the roles are known.",
                if main.nodes.len() == 1 { "runs" } else { "run" },
                known.describe(main.id),
            );
            out.push(Finding {
                rule: INFO.id,
                severity: Severity::Warning,
                node: node.map(str::to_string),
                extension: None,
                versions: Vec::new(),
                message,
                spans: vec![empty.span, main.span],
                fixes: upgrade_onto(ctx, &[node], main.id),
            });
        }
    }
    if carrying.len() < 2 {
        return;
    }
    let listed: Vec<String> = carrying
        .iter()
        .map(|g| format!("{} on {}", known.describe(g.id), node_list(&g.nodes)))
        .collect();
    let others: Vec<Option<&str>> = carrying
        .iter()
        .filter(|g| g.id != main.id)
        .flat_map(|g| g.nodes.iter().copied())
        .collect();
    out.push(Finding {
        rule: INFO.id,
        severity: Severity::Info,
        node: None,
        extension: None,
        versions: Vec::new(),
        message: format!(
            "{} schematics are in use: {}. One schematic per role keeps every node on the same extensions.",
            carrying.len(),
            listed.join("; ")
        ),
        spans: carrying.iter().map(|g| g.span).collect(),
        fixes: upgrade_onto(ctx, &others, main.id),
    });
}

/// `10.0.0.2`, `10.0.0.2 and 10.0.0.3`, `10.0.0.2, 10.0.0.3, 10.0.0.4 and 7 more nodes`.
fn node_list(nodes: &[Option<&str>]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<&str> = nodes
        .iter()
        .take(SHOWN)
        .map(|n| n.unwrap_or("an unnamed node"))
        .collect();
    match nodes.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} and {more} more nodes", names.join(", ")),
        _ => fix::join_names(&names),
    }
}

/// Upgrades `nodes` onto the installer of schematic `id`, then verifies.
fn upgrade_onto(ctx: &Context, nodes: &[Option<&str>], id: &str) -> Vec<crate::report::Fix> {
    let lines: Vec<(Option<&str>, String)> = nodes
        .iter()
        .map(|&n| {
            let talos = ctx.talos_for(n).map(|t| t.version);
            (
                n,
                fix::factory_installer(
                    planning::factory_path(ctx, n).as_deref(),
                    id,
                    talos.as_deref(),
                ),
            )
        })
        .collect();
    let names: Vec<&str> = nodes
        .iter()
        .map(|n| n.unwrap_or(fix::NODE_PLACEHOLDER))
        .collect();
    vec![
        fix::upgrade_fix(
            &lines,
            format!(
                "Upgrade {} onto the installer of schematic {}",
                fix::join_names(&names),
                short_id(id)
            ),
        ),
        fix::verify(&names),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::{ConfigKind, InstallerContext};
    use crate::rules::test_support::{check_with, Obs};

    const ISCSI_UTIL: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";
    const ISCSI: &str = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";

    fn cluster() -> Obs {
        let mut o = Obs::new();
        o.installed(Some("w1"), "iscsi-tools", "v0.1.6");
        o.installed(Some("w1"), "util-linux-tools", "2.40.4");
        o.running(Some("w1"), ISCSI_UTIL);
        o.running(Some("cp1"), EMPTY_SCHEMATIC);
        o
    }

    #[test]
    fn a_node_on_the_empty_schematic_among_nodes_with_extensions_is_a_warning() {
        let f = check_with(&cluster().build(), Some("v1.9.5"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].node.as_deref(), Some("cp1"));
        assert!(
            f[0].message.starts_with(
                "cp1 runs no extensions, while w1 runs schematic 613e1592b2da… (iscsi-tools and util-linux-tools)."
            ),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].fixes[0].content,
            format!(
                "talosctl upgrade -n cp1 --image factory.talos.dev/installer/{ISCSI_UTIL}:v1.9.5\n"
            )
        );
    }

    #[test]
    fn declared_roles_explain_the_difference() {
        let mut o = cluster();
        for (node, role) in [("w1", Role::Worker), ("cp1", Role::ControlPlane)] {
            let d = o.doc();
            o.config(d, Some(node), ConfigKind::MachineConfig, false);
            if let Some(c) = o.obs.configs.last_mut() {
                c.role = Some(role);
            }
        }
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn a_plain_upgrade_is_left_to_upgrade_without_image() {
        let mut o = cluster();
        o.installer(
            Some("cp1"),
            Some("ghcr.io/siderolabs/installer:v1.9.5"),
            InstallerContext::UpgradeCommand,
        );
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn two_schematics_with_extensions_are_named_in_an_info_finding() {
        let mut o = cluster();
        o.installed(Some("w2"), "iscsi-tools", "v0.1.6");
        o.running(Some("w2"), ISCSI);
        o.installed(Some("w3"), "iscsi-tools", "v0.1.6");
        o.running(Some("w3"), ISCSI);
        let f = check_with(&o.build(), None, check);
        let info: Vec<&Finding> = f.iter().filter(|f| f.severity == Severity::Info).collect();
        assert_eq!(info.len(), 1, "{f:#?}");
        assert_eq!(
            info[0].message,
            "2 schematics are in use: 613e1592b2da… (iscsi-tools and util-linux-tools) on w1; c9078f941996… \
             (iscsi-tools) on w2 and w3. One schematic per role keeps every node on the same extensions."
        );
        // w1 is moved onto the schematic most nodes run.
        assert!(info[0].fixes[0]
            .content
            .starts_with("talosctl upgrade -n w1 "));
        assert!(info[0].fixes[0].content.contains(ISCSI));
    }

    #[test]
    fn one_schematic_everywhere_is_quiet() {
        let mut o = Obs::new();
        for node in ["a", "b", "c"] {
            o.running(Some(node), ISCSI);
        }
        assert!(check_with(&o.build(), None, check).is_empty());
        assert_eq!(
            node_list(&[Some("a"), Some("b"), Some("c"), Some("d"), None]),
            "a, b, c and 2 more nodes"
        );
    }
}
