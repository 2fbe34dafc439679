#![doc = include_str!("upgrade_without_image.md")]

use crate::fix::{self, NodePlan, Plan};
use crate::hash::{Map, Set};

use crate::observation::{
    ExtensionObservation, InstallerContext, InstallerObservation, Origin, Role,
    SchematicObservation,
};
use crate::report::{Finding, FixKind, Safety, Severity};
use crate::rules::known_schematics::EMPTY_SCHEMATIC;
use crate::rules::{planning, predicates};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;
use crate::version::talos_minor;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::upgrade_without_image,
    severity: Severity::Error,
    summary: "an upgrade or install onto the plain installer of a node with extensions: it drops them all",
    doc: include_str!("upgrade_without_image.md"),
};

/// The extensions of `node` that the plain installer would drop when moving to Talos `target`.
fn at_risk<'a>(
    ctx: &Context<'a>,
    node: Option<&str>,
    target: Option<&str>,
) -> Vec<&'a ExtensionObservation> {
    let ignores_legacy = target.and_then(talos_minor).is_some_and(|m| m >= (1, 10));
    let mut risky: Vec<&ExtensionObservation> = ctx
        .index
        .installed(node)
        .into_iter()
        .filter(|e| ignores_legacy || !e.id.as_deref().is_some_and(predicates::is_legacy_id))
        .collect();
    risky.extend(ctx.index.intended(node).into_iter().filter(|e| {
        e.origin == Origin::Schematic || (ignores_legacy && e.origin == Origin::Configured)
    }));
    risky
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let nodes = ctx.index.state_nodes();
    // Found only when some installer is plain (most pastes have none).
    let mut peers: Option<Peers> = None;
    // What a plain installer drops depends only on the node and the target Talos version: computed once for
    // each, as a pasted ticket repeated thousands of times holds thousands of plain installers for one node with
    // thousands of extensions.
    let mut risks: Map<(Option<&str>, Option<String>), Risk> = Map::default();
    for i in ctx
        .observations
        .installers
        .iter()
        .filter(|i| predicates::installs_plain(i))
    {
        let targets: Vec<Option<&str>> = match i.node.as_deref() {
            Some(n) => vec![Some(n)],
            None => nodes.clone(),
        };
        for node in targets {
            let target = i
                .talos_version
                .clone()
                .or_else(|| ctx.talos_for(node).map(|t| t.version));
            let risk = risks
                .entry((node, target.clone()))
                .or_insert_with(|| Risk::new(ctx, node, target.as_deref()));
            if risk.names.is_empty() && risk.running.is_none() {
                let peers = peers.get_or_insert_with(|| Peers::new(ctx, &nodes));
                dropped(ctx, i, node, target.as_deref(), peers, out);
            } else {
                report(ctx, i, node, target, risk, out);
            }
        }
    }
}

/// What a plain installer would drop from one node when moving to one Talos version.
struct Risk<'a> {
    /// The distinct names of the extensions dropped, sorted.
    names: Vec<&'a str>,
    /// Where each of them is first shown (one span per name: a node can show thousands of rows).
    spans: Vec<Span>,
    running: Option<&'a SchematicObservation>,
    /// The node runs an extension installed from `.machine.install.extensions` (a legacy ID).
    has_legacy: bool,
    /// The fix plan for the dropped extensions.
    plan: NodePlan,
}

impl<'a> Risk<'a> {
    fn new(ctx: &Context<'a>, node: Option<&str>, target: Option<&str>) -> Risk<'a> {
        let risky = at_risk(ctx, node, target);
        let mut named: Set<&str> = Set::default();
        let mut spans = Vec::new();
        for e in &risky {
            if let (Some(span), false) = (e.spans.first(), named.contains(e.name.as_str())) {
                named.insert(e.name.as_str());
                spans.push(*span);
            }
        }
        let mut names: Vec<&str> = risky.iter().map(|e| e.name.as_str()).collect();
        crate::sort::sort_dedup(&mut names);
        let mut plan = planning::node_plan(ctx, node, &risky);
        plan.talos_version = target.map(str::to_string);
        Risk {
            names,
            spans,
            running: ctx
                .index
                .running_schematic(node)
                .filter(|s| s.id != EMPTY_SCHEMATIC),
            has_legacy: ctx
                .index
                .installed(node)
                .iter()
                .any(|e| predicates::is_legacy_id(e.id.as_deref().unwrap_or(""))),
            plan,
        }
    }
}

fn report(
    ctx: &Context,
    i: &InstallerObservation,
    node: Option<&str>,
    target: Option<String>,
    risk: &Risk,
    out: &mut Vec<Finding>,
) {
    let running = risk.running;
    if risk.names.is_empty() && running.is_none() {
        return;
    }
    let names = &risk.names;
    let dropped = if names.is_empty() {
        "every extension of its schematic".to_string()
    } else {
        fix::join_names(names)
    };
    let who = node.unwrap_or("the node");
    let message = match (&i.image, i.context) {
        (None, _) => format!(
            "talosctl upgrade without --image installs the plain installer, which carries no extensions: it drops \
             {dropped} from {who}."
        ),
        (Some(image), InstallerContext::UpgradeCommand) => format!(
            "talosctl upgrade --image {image} installs the plain installer, which carries no extensions: it drops \
             {dropped} from {who}."
        ),
        (Some(image), _) => format!(
            "The config installs {image}, the plain installer, which carries no extensions: the next install or \
             upgrade drops {dropped} from {who}."
        ),
    };
    let mut spans: Vec<Span> = vec![i.span];
    spans.extend(risk.spans.iter().copied());
    spans.extend(running.map(|r| r.span));
    let fixes = match running {
        // Keep the schematic the node runs: the simplest way to keep exactly what it has.
        Some(r) if !risk.has_legacy => {
            let installer = fix::factory_installer(
                planning::factory_path(ctx, node).as_deref(),
                &r.id,
                target.as_deref(),
            );
            let mut fixes = vec![fix::upgrade_fix(
                &[(node, installer.clone())],
                match target {
                    Some(_) => format!("Upgrade {who} with --image, keeping the schematic it runs"),
                    None => format!(
                        "Upgrade {who} with --image, keeping the schematic it runs; the Talos version is unknown: \
                         replace {} with the version to install",
                        fix::TALOS_PLACEHOLDER
                    ),
                },
            )];
            if i.context != InstallerContext::UpgradeCommand {
                fixes.push(install_image_patch(&installer));
            }
            fixes.push(fix::verify(&[node.unwrap_or(fix::NODE_PLACEHOLDER)]));
            fixes
        }
        _ => fix::ladder(&Plan {
            nodes: vec![risk.plan.clone()],
            config_patch: false,
            reset: false,
        }),
    };
    out.push(finding(node, names, message, spans, fixes));
}

/// The first node of each declared role (and of no declared role) that runs extensions: what a node of that role
/// that runs none is compared with. Found once, in input order, not once per node.
struct Peers<'a> {
    by_role: Vec<(Option<Role>, Option<&'a str>)>,
}

impl<'a> Peers<'a> {
    fn new(ctx: &Context<'a>, nodes: &[Option<&'a str>]) -> Peers<'a> {
        let mut by_role: Vec<(Option<Role>, Option<&'a str>)> = Vec::new();
        for &node in nodes {
            let role = ctx.index.role(node);
            if by_role.iter().any(|(r, _)| *r == role) || !ctx.index.runs_extensions(node) {
                continue;
            }
            by_role.push((role, node));
        }
        Peers { by_role }
    }

    /// A node other than `node` that runs extensions, of the same declared role when `node` has one.
    fn of(&self, role: Option<Role>, node: Option<&str>) -> Option<Option<&'a str>> {
        let fits = |(r, n): &&(Option<Role>, Option<&str>)| {
            (role.is_none() || *r == role || r.is_none()) && *n != node
        };
        self.by_role.iter().find(fits).map(|(_, n)| *n)
    }
}

/// A node that runs no extensions after a plain-installer upgrade, while another node of the input (of its role)
/// runs some: the upgrade dropped its extensions. The fix puts it on the schematic the other node runs.
fn dropped(
    ctx: &Context,
    i: &InstallerObservation,
    node: Option<&str>,
    target: Option<&str>,
    peers: &Peers,
    out: &mut Vec<Finding>,
) {
    let running = ctx.index.running_schematic(node);
    let empty = ctx.index.empty_state(node);
    let shown_empty = match (running, empty) {
        (Some(r), _) => r.id == EMPTY_SCHEMATIC,
        (None, Some(_)) => true,
        (None, None) => false,
    };
    if !shown_empty || i.context == InstallerContext::Mention {
        return;
    }
    let Some(peer) = peers.of(ctx.index.role(node), node) else {
        return;
    };
    let peer_extensions = ctx.index.installed(peer);
    let mut names: Vec<&str> = peer_extensions.iter().map(|e| e.name.as_str()).collect();
    crate::sort::sort_dedup(&mut names);
    let who = node.unwrap_or("The node");
    let peer_name = peer.unwrap_or("another node");
    let known = &ctx.known_schematics;
    let peer_running = ctx
        .index
        .running_schematic(peer)
        .filter(|s| s.id != EMPTY_SCHEMATIC);
    let runs = match peer_running {
        Some(s) => format!("schematic {}", known.describe(&s.id)),
        None => fix::join_names(&names),
    };
    let upgrade = match (&i.image, i.context) {
        (None, _) => "talosctl upgrade without --image".to_string(),
        (Some(image), InstallerContext::UpgradeCommand) => {
            format!("talosctl upgrade --image {image}")
        }
        (Some(image), _) => format!("its config's installer {image}"),
    };
    let message = format!(
        "{who} runs no extensions, while {peer_name} runs {runs}. {upgrade} put the plain installer on {who}, \
         which carries no extensions: that upgrade dropped them. Upgrade it onto the installer of the schematic \
         {peer_name} runs."
    );
    let mut spans = vec![running.map_or_else(|| empty.map(|e| e.span), |r| Some(r.span))];
    spans.push(Some(i.span));
    spans.push(
        peer_extensions
            .first()
            .and_then(|e| e.spans.first().copied()),
    );
    let spans: Vec<Span> = spans.into_iter().flatten().collect();
    let fixes = match peer_running {
        // The schematic the other node runs, as it is (its customization may hold more than extensions).
        Some(s) => {
            let installer =
                fix::factory_installer(planning::factory_path(ctx, peer).as_deref(), &s.id, target);
            let mut fixes = Vec::new();
            if let Some(names) = known.names(&s.id) {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let schematic =
                    fix::schematic_fix(format!("The schematic {peer_name} runs"), &names);
                // Shown only when it is that schematic (a running one may also customize more than extensions).
                if schematic.schematic_id.as_deref() == Some(s.id.as_str()) {
                    fixes.push(schematic);
                }
            }
            fixes.extend([
                fix::upgrade_fix(
                    &[(node, installer)],
                    format!("Upgrade {who} onto the installer of that schematic"),
                ),
                fix::verify(&[node.unwrap_or(fix::NODE_PLACEHOLDER)]),
            ]);
            fixes
        }
        None => {
            let mut plan = planning::node_plan(ctx, node, &peer_extensions);
            plan.talos_version = target.map(str::to_string);
            fix::ladder(&Plan {
                nodes: vec![plan],
                config_patch: false,
                reset: false,
            })
        }
    };
    out.push(finding(node, &names, message, spans, fixes));
}

/// This rule's finding about `node`, naming the extension when only one is dropped.
fn finding(
    node: Option<&str>,
    names: &[&str],
    message: String,
    spans: Vec<Span>,
    fixes: Vec<crate::report::Fix>,
) -> Finding {
    Finding {
        rule: INFO.id,
        severity: Severity::Error,
        node: node.map(str::to_string),
        extension: match names {
            [one] => Some((*one).to_string()),
            _ => None,
        },
        versions: Vec::new(),
        message,
        spans,
        fixes,
    }
}

/// A JSON patch that points `.machine.install.image` at the factory installer.
fn install_image_patch(installer: &str) -> crate::report::Fix {
    crate::report::Fix {
        kind: FixKind::ConfigPatch,
        safety: Safety::Safe,
        title: "Point .machine.install.image at that installer (a JSON patch)".to_string(),
        content: format!("- op: replace\n  path: /machine/install/image\n  value: {installer}\n"),
        schematic_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    const B: &str = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";

    fn without_version() -> crate::observation::Observations {
        let mut o = Obs::new();
        o.installed_with_id(Some("10.0.0.2"), "iscsi-tools", "v0.1.6", "0");
        o.running(Some("10.0.0.2"), B);
        o.installer(Some("10.0.0.2"), None, InstallerContext::UpgradeCommand);
        o.build()
    }

    #[test]
    fn upgrade_without_image_drops_factory_extensions() {
        let f = check_with(&without_version(), Some("v1.9.2"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "talosctl upgrade without --image installs the plain installer, which carries no extensions: it drops \
             iscsi-tools from 10.0.0.2."
        );
        assert_eq!(
            f[0].fixes[0].content,
            format!(
                "talosctl upgrade -n 10.0.0.2 --image factory.talos.dev/installer/{B}:v1.9.2\n"
            )
        );
        assert_eq!(f[0].spans.len(), 3);
        assert!(!f[0].fixes[0].title.contains("unknown"));
        let f = check_with(&without_version(), None, check);
        assert!(f[0].fixes[0].content.ends_with(":<talos-version>\n"));
        assert!(f[0].fixes[0].title.contains("<talos-version>"));
    }

    #[test]
    fn plain_installer_in_config_with_a_schematic() {
        let mut o = Obs::new();
        o.installed_with_id(None, "iscsi-tools", "v0.1.6", "0");
        o.installer(
            None,
            Some("ghcr.io/siderolabs/installer:v1.9.2"),
            InstallerContext::MachineConfig,
        );
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0]
            .message
            .starts_with("The config installs ghcr.io/siderolabs/installer:v1.9.2"));
        assert_eq!(f[0].fixes.first().map(|x| x.kind), Some(FixKind::Schematic));
    }

    #[test]
    fn legacy_extensions_survive_before_1_10() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        o.installer(
            Some("n"),
            Some("ghcr.io/siderolabs/installer:v1.9.2"),
            InstallerContext::UpgradeCommand,
        );
        assert!(check_with(&o.build(), None, check).is_empty());
        // ... but not from v1.10.
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        o.installer(
            Some("n"),
            Some("ghcr.io/siderolabs/installer:v1.10.0"),
            InstallerContext::UpgradeCommand,
        );
        assert_eq!(check_with(&o.build(), None, check).len(), 1);
    }

    #[test]
    fn factory_image_or_no_extensions_is_fine() {
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "0");
        o.installer(
            Some("n"),
            Some(&format!("factory.talos.dev/installer/{B}:v1.9.2")),
            InstallerContext::UpgradeCommand,
        );
        assert!(check_with(&o.build(), None, check).is_empty());
        let mut o = Obs::new();
        o.running(Some("m"), EMPTY_SCHEMATIC);
        o.installer(Some("m"), None, InstallerContext::UpgradeCommand);
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn a_plain_upgrade_left_a_node_empty_while_another_runs_extensions() {
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "0");
        o.running(Some("n"), B);
        o.running(Some("m"), EMPTY_SCHEMATIC);
        o.installer(Some("m"), None, InstallerContext::UpgradeCommand);
        let f = check_with(&o.build(), Some("v1.9.5"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].node.as_deref(), Some("m"));
        assert!(f[0].message.starts_with(
            "m runs no extensions, while n runs schematic c9078f941996… (iscsi-tools)."
        ));
        assert!(f[0].message.contains("that upgrade dropped them"));
        // The schematic n runs, then the upgrade onto it.
        assert_eq!(f[0].fixes[0].schematic_id.as_deref(), Some(B));
        assert_eq!(
            f[0].fixes[1].content,
            format!("talosctl upgrade -n m --image factory.talos.dev/installer/{B}:v1.9.5\n")
        );
    }

    #[test]
    fn the_emptied_node_may_come_first_or_show_an_empty_table() {
        // The table lists m, with only its empty `schematic` row, before n.
        let mut o = Obs::new();
        o.installed_with_id(Some("m"), "schematic", EMPTY_SCHEMATIC, "0");
        o.running(Some("m"), EMPTY_SCHEMATIC);
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "0");
        o.running(Some("n"), B);
        o.installer(Some("m"), None, InstallerContext::UpgradeCommand);
        let f = check_with(&o.build(), Some("v1.9.5"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.starts_with(
            "m runs no extensions, while n runs schematic c9078f941996… (iscsi-tools)."
        ));
        // m shows an empty table (a Talos without schematic rows): the same finding, pointing at that table.
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "0");
        o.running(Some("n"), B);
        o.empty(Some("m"));
        let table = o.obs.empty_states[0].span;
        o.installer(Some("m"), None, InstallerContext::UpgradeCommand);
        let f = check_with(&o.build(), Some("v1.9.5"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].node.as_deref(), Some("m"));
        assert!(f[0].message.contains("that upgrade dropped them"));
        assert_eq!(f[0].spans[0], table);
    }
}
