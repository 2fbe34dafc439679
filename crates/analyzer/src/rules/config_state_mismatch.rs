#![doc = include_str!("config_state_mismatch.md")]

use crate::fix::{self, Plan};
use crate::observation::TalosVersionSource;
use crate::observation::{
    ConfigKind, ExtensionObservation, InstallerContext, InstallerObservation, Origin,
};
use crate::report::{Finding, Fix, Severity};
use crate::rules::index::NodeState;
use crate::rules::known_schematics::EMPTY_SCHEMATIC;
use crate::rules::phrasing::on_node;
use crate::rules::{index, phrasing, planning, predicates};
use crate::rules::{Context, RuleInfo, Talos, TalosFrom};
use crate::span::Span;
use crate::version::talos_minor;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::config_state_mismatch,
    severity: Severity::Warning,
    summary: "what a config, schematic or installer asks for differs from what a node reports",
    doc: include_str!("config_state_mismatch.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for state in ctx.index.node_states() {
        let node = state.node;
        let installers = ctx.index.installers(node);
        schematic_mismatch(ctx, state, &installers, out);
        set_mismatch(ctx, state, &installers, out);
    }
    upgrade_not_applied(ctx, out);
}

/// A `talosctl upgrade` whose installer tag is not the Talos release the node reports (`talosctl version`): the
/// upgrade did not apply (it failed, was rolled back, or has not run yet) — "the upgrade did nothing".
fn upgrade_not_applied(ctx: &Context, out: &mut Vec<Finding>) {
    let mut reported: Vec<(&str, &str)> = Vec::new();
    for i in &ctx.observations.installers {
        let (Some(node), Some(wanted), InstallerContext::UpgradeCommand) =
            (i.node.as_deref(), i.talos_version.as_deref(), i.context)
        else {
            continue;
        };
        let Some(Talos {
            version: runs,
            from: TalosFrom::Node(TalosVersionSource::TalosctlVersion),
        }) = ctx.talos_for(Some(node))
        else {
            continue;
        };
        if runs == wanted || reported.contains(&(node, wanted)) {
            continue;
        }
        reported.push((node, wanted));
        let image = i.image.as_ref().map_or_else(
            || format!("the plain installer {wanted}"),
            ToString::to_string,
        );
        let message = format!(
            "{node} runs Talos {runs} (its talosctl version), but talosctl upgrade --image {image} installs \
             {wanted}: the upgrade has not been applied (it failed, was rolled back, or has not run yet). Run it \
             again and watch its output until the node is back."
        );
        let mut spans = vec![i.span];
        spans.extend(
            ctx.observations
                .talos_versions
                .iter()
                .find(|t| {
                    t.node.as_deref() == Some(node)
                        && t.source == TalosVersionSource::TalosctlVersion
                })
                .map(|t| t.span),
        );
        let again = match &i.image {
            Some(image) => vec![fix::upgrade_fix(
                &[(Some(node), image.to_string())],
                format!("Run the upgrade of {node} again"),
            )],
            None => Vec::new(),
        };
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: Some(node.to_string()),
            extension: None,
            versions: vec![runs.clone(), wanted.to_string()],
            message,
            spans,
            fixes: again
                .into_iter()
                .chain([fix::verify_version(node)])
                .collect(),
        });
    }
}

/// The fixes: upgrade onto the node's installer when the input names one, else the ladder for the intended set.
fn fixes(
    ctx: &Context,
    node: Option<&str>,
    installers: &[&InstallerObservation],
    intended: &[&ExtensionObservation],
) -> Vec<Fix> {
    let talos = ctx.talos_for(node).map(|t| t.version);
    let image = installers.iter().find_map(|i| {
        let img = i.image.as_ref()?;
        if predicates::is_plain_installer(img) {
            return None;
        }
        let mut img = img.clone();
        if img.tag_str().is_none() && img.digest.is_none() {
            img.tag = Some(
                talos
                    .clone()
                    .unwrap_or_else(|| fix::TALOS_PLACEHOLDER.to_string()),
            );
        }
        Some(img.to_string())
    });
    let name = node.unwrap_or(fix::NODE_PLACEHOLDER);
    match image {
        Some(image) => vec![
            fix::upgrade_fix(
                &[(node, image)],
                format!("Upgrade {name} onto the installer the input names for it"),
            ),
            fix::verify(&[name]),
        ],
        None => {
            let plan = Plan {
                nodes: vec![planning::node_plan(ctx, node, intended)],
                config_patch: intended.iter().any(|e| e.origin == Origin::Configured),
                reset: false,
            };
            fix::ladder(&plan)
        }
    }
}

/// The node runs another schematic than its installer or its schematic names.
fn schematic_mismatch(
    ctx: &Context,
    state: &NodeState,
    installers: &[&InstallerObservation],
    out: &mut Vec<Finding>,
) {
    let node = state.node;
    // What the node runs: its schematic row, or, when its whole state is shown empty, no schematic at all.
    let (running_id, running_span) = match (state.running, state.empty) {
        (Some(r), _) => (Some(r.id.as_str()), r.span),
        (None, Some(empty)) => (None, empty.span),
        (None, None) => return,
    };
    let mut asked: Vec<(String, Span, String, bool)> = Vec::new();
    for i in installers {
        if let Some(id) = &i.schematic_id {
            let upgrade = i.context == InstallerContext::UpgradeCommand;
            let what = match (&i.image, upgrade) {
                (Some(img), true) => format!("talosctl upgrade --image {img} asks for schematic"),
                (Some(img), false) => format!("its installer {img} asks for schematic"),
                (None, _) => "its installer asks for schematic".to_string(),
            };
            asked.push((id.clone(), i.span, what, upgrade));
        }
    }
    for s in ctx.index.node_schematics(node) {
        asked.push((
            s.id.clone(),
            s.span,
            "the schematic configured for it is".to_string(),
            false,
        ));
    }
    let known = &ctx.known_schematics;
    let mut reported: Vec<&str> = Vec::new();
    for (id, span, what, upgrade) in &asked {
        let same = match running_id {
            Some(r) => r == id,
            // No schematic row and no extensions: what the empty schematic gives.
            None => id == EMPTY_SCHEMATIC,
        };
        if same || reported.contains(&id.as_str()) {
            continue;
        }
        reported.push(id);
        let runs = match running_id {
            Some(r) => format!("runs schematic {}", known.describe(r)),
            None => "runs no extensions and no schematic".to_string(),
        };
        let outcome = if *upgrade {
            "the upgrade did not apply, or the node was upgraded again onto another image since"
        } else {
            "the node has not been upgraded onto it"
        };
        let message = format!(
            "{} {runs}, but {what} {}: {outcome}.",
            node.unwrap_or("The node"),
            known.describe(id),
        );
        let intended = ctx.index.intended(node);
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: node.map(str::to_string),
            extension: None,
            versions: Vec::new(),
            message,
            spans: vec![running_span, *span],
            fixes: fixes(ctx, node, installers, &intended),
        });
    }
}

/// Where a wanted extension comes from.
struct Want<'a> {
    name: String,
    version: Option<&'a str>,
    span: Option<Span>,
    source: &'static str,
}

/// Missing, extra and other-version extensions.
fn set_mismatch(
    ctx: &Context,
    state: &NodeState,
    installers: &[&InstallerObservation],
    out: &mut Vec<Finding>,
) {
    let (node, running) = (state.node, state.running);
    let talos = ctx.talos_for(node).map(|t| t.version);
    let ignores_config = talos
        .as_deref()
        .and_then(talos_minor)
        .is_some_and(|m| m >= (1, 10));
    let intended: Vec<&ExtensionObservation> = ctx
        .index
        .intended(node)
        .into_iter()
        .filter(|e| !(ignores_config && e.origin == Origin::Configured))
        .collect();
    let mut wants: Vec<Want> = intended
        .iter()
        .map(|e| Want {
            name: e.name.clone(),
            version: e.version.as_deref(),
            span: e.spans.first().copied(),
            source: if e.origin == Origin::Configured {
                "its config"
            } else {
                "its schematic"
            },
        })
        .collect();
    let mut complete = !intended.is_empty() || installers.iter().any(|i| i.schematic_id.is_some());
    for i in installers {
        let Some(id) = &i.schematic_id else {
            // A plain installer carries nothing; an unknown one may carry anything.
            complete &= i.image.as_ref().is_some_and(predicates::is_plain_installer);
            continue;
        };
        match index::schematic_extensions(ctx, id) {
            Some(names) => wants.extend(names.into_iter().map(|name| Want {
                name,
                version: None,
                span: Some(i.span),
                source: "its installer's schematic",
            })),
            None => complete = false,
        }
    }
    if let Some(r) = running {
        complete &= index::schematic_extensions(ctx, &r.id).is_some();
    }
    // A patch alone does not say what the whole config lists.
    let configured_docs: Vec<_> = intended
        .iter()
        .filter(|e| e.origin == Origin::Configured)
        .map(|e| e.document)
        .collect();
    if !configured_docs.is_empty()
        && !configured_docs
            .iter()
            .any(|d| ctx.index.config_kind(*d) == ConfigKind::MachineConfig)
    {
        complete = false;
    }
    if wants.is_empty() && !complete {
        return;
    }
    let installed = ctx.index.installed(node);
    let mut done: Vec<&str> = Vec::new();
    for w in &wants {
        if done.contains(&w.name.as_str()) {
            continue;
        }
        let on: Vec<&ExtensionObservation> = installed
            .iter()
            .copied()
            .filter(|e| e.name == w.name)
            .collect();
        let same_name: Vec<&Want> = wants.iter().filter(|o| o.name == w.name).collect();
        let mut spans: Vec<Span> = same_name.iter().filter_map(|o| o.span).collect();
        spans.extend(on.iter().flat_map(|e| e.spans.iter().copied()));
        if installed.is_empty() {
            // Where the input shows the node empty.
            spans.extend(state.empty.map(|e| e.span));
        }
        let message = if on.is_empty() {
            let runs = if installed.is_empty() {
                "the node runs no extensions at all"
            } else {
                "the node does not run it"
            };
            format!(
                "{} is asked for by {} {}, but {runs}: extensions change only when a node is installed or \
                 upgraded, so it has not been upgraded onto what {} asks for.",
                w.name,
                w.source,
                on_node(node).replacen("on ", "for ", 1),
                w.source,
            )
        } else {
            let asked: Vec<&str> = same_name.iter().filter_map(|o| o.version).collect();
            let runs: Vec<String> = planning::versions_of(&on);
            if asked.is_empty()
                || runs.is_empty()
                || asked.iter().any(|a| runs.iter().any(|r| r == a))
            {
                continue;
            }
            format!(
                "{} {} is asked for by {} {}, but the node runs {}.",
                w.name,
                fix::join_names(&asked),
                w.source,
                on_node(node).replacen("on ", "for ", 1),
                phrasing::version_list(&runs)
            )
        };
        done.push(&w.name);
        let mut versions: Vec<String> = same_name
            .iter()
            .filter_map(|o| o.version.map(str::to_string))
            .collect();
        versions.extend(planning::versions_of(&on));
        crate::sort::sort_dedup(&mut versions);
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: node.map(str::to_string),
            extension: Some(w.name.clone()),
            versions,
            message,
            spans,
            fixes: fixes(ctx, node, installers, &intended),
        });
    }
    if !complete {
        return;
    }
    let mut extra_done: Vec<&str> = Vec::new();
    for e in &installed {
        if wants.iter().any(|w| w.name == e.name) || extra_done.contains(&e.name.as_str()) {
            continue;
        }
        extra_done.push(&e.name);
        let on: Vec<&ExtensionObservation> = installed
            .iter()
            .copied()
            .filter(|o| o.name == e.name)
            .collect();
        let versions = planning::versions_of(&on);
        let message = format!(
            "{} runs {} {}, which none of its config, schematic or installer asks for.",
            node.unwrap_or("The node"),
            e.name,
            phrasing::version_list(&versions)
        );
        let mut f = fixes(ctx, node, installers, &intended);
        f.insert(
            0,
            fix::note(
                format!(
                    "If {} should run {}, add it to its config or schematic",
                    node.unwrap_or("the node"),
                    e.name
                ),
                "Otherwise the upgrade below removes it.",
            ),
        );
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: node.map(str::to_string),
            extension: Some(e.name.clone()),
            versions,
            message,
            spans: on.iter().flat_map(|o| o.spans.iter().copied()).collect(),
            fixes: f,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    const A: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";
    const B: &str = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";

    #[test]
    fn node_on_schematic_a_while_installer_asks_for_b() {
        let mut o = Obs::new();
        o.installed_with_id(Some("10.0.0.2"), "iscsi-tools", "v0.1.6", "0");
        o.installed_with_id(Some("10.0.0.2"), "util-linux-tools", "2.40.2", "1");
        o.running(Some("10.0.0.2"), A);
        o.installer(
            Some("10.0.0.2"),
            Some(&format!("factory.talos.dev/installer/{B}:v1.9.2")),
            InstallerContext::MachineConfig,
        );
        let f = check_with(&o.build(), None, check);
        // Both IDs are named from what the node runs and from iscsi-tools alone: the installer's schematic does
        // not carry util-linux-tools, which the node runs.
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(
            f[0].message,
            "10.0.0.2 runs schematic 613e1592b2da… (iscsi-tools and util-linux-tools), but its installer \
             factory.talos.dev/installer/c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac:v1.9.2 \
             asks for schematic c9078f941996… (iscsi-tools): the node has not been upgraded onto it."
        );
        assert_eq!(f[1].extension.as_deref(), Some("util-linux-tools"));
        assert_eq!(f[0].spans.len(), 2);
        assert_eq!(
            f[0].fixes.first().map(|x| x.content.as_str()),
            Some(
                format!(
                    "talosctl upgrade -n 10.0.0.2 --image factory.talos.dev/installer/{B}:v1.9.2\n"
                )
                .as_str()
            )
        );
    }

    #[test]
    fn installer_schematic_known_names_what_is_missing() {
        let mut o = Obs::new();
        o.running(Some("n"), EMPTY_SCHEMATIC);
        let d = o.doc();
        o.schematic(d, None, B, &["iscsi-tools"], None);
        o.installer(
            Some("n"),
            Some(&format!("factory.talos.dev/installer/{B}:v1.9.2")),
            InstallerContext::UpgradeCommand,
        );
        let f = check_with(&o.build(), None, check);
        let rules: Vec<_> = f.iter().map(|x| x.extension.as_deref()).collect();
        assert_eq!(rules, vec![None, Some("iscsi-tools")], "{f:#?}");
        assert!(f[0].message.contains("(iscsi-tools)"), "{}", f[0].message);
        assert!(
            f[1].message.contains("runs no extensions at all"),
            "{}",
            f[1].message
        );
    }

    #[test]
    fn empty_installer_schematic_on_a_bare_node_is_fine() {
        let mut o = Obs::new();
        o.running(Some("n"), EMPTY_SCHEMATIC);
        o.installer(
            Some("n"),
            Some(&format!(
                "factory.talos.dev/installer/{EMPTY_SCHEMATIC}:v1.9.2"
            )),
            InstallerContext::MachineConfig,
        );
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn config_version_differs_from_node() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.1");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "iscsi-tools v0.1.4 is asked for by its config for n, but the node runs v0.1.1."
        );
        assert_eq!(f[0].versions, vec!["v0.1.1", "v0.1.4"]);
    }

    #[test]
    fn extra_extension_when_config_is_complete() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        o.installed(Some("n"), "gvisor", "v1");
        let d = o.doc();
        o.config(d, Some("n"), ConfigKind::MachineConfig, true);
        o.configured(d, Some("n"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.starts_with("n runs gvisor v1, which none"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_patch_alone_says_nothing_about_extras() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        o.installed(Some("n"), "gvisor", "v1");
        let d = o.doc();
        o.config(d, Some("n"), ConfigKind::StrategicPatch, true);
        o.configured(d, Some("n"), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn configs_of_other_nodes_are_not_compared() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.1");
        o.installed(Some("b"), "iscsi-tools", "v0.1.1");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/gvisor:v1");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn control_plane_and_worker_schematics_are_not_guessed_onto_a_node() {
        use crate::observation::Role;
        let mut o = Obs::new();
        o.installed_with_id(Some("10.0.0.2"), "iscsi-tools", "v0.1.6", "0");
        let (cp, worker) = (o.doc(), o.doc());
        o.schematic(
            cp,
            None,
            A,
            &["iscsi-tools", "util-linux-tools"],
            Some(Role::ControlPlane),
        );
        o.schematic(worker, None, B, &["iscsi-tools"], Some(Role::Worker));
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn talos_1_10_ignores_install_extensions() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.2.0");
        o.talos(Some("n"), "v1.10.3", TalosVersionSource::TalosctlVersion);
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/gvisor:v1");
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
