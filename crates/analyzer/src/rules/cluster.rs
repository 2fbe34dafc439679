//! Cross-input reasoning shared by the rules: which nodes the input shows, which config, schematic or installer
//! belongs to which node, which version of an extension to keep, and the fix plan for a node.
//!
//! Joining is deliberately cautious: a config, schematic or installer joins a node when the input names that node
//! for it, or when the whole input holds exactly one node and exactly one such unattributed document (a node's
//! `get extensions` table pasted with "its" machine config). Anything else stays apart rather than be guessed.

use crate::fix::{NodePlan, Plan, Wanted};
use crate::groups::Groups;
use crate::hash::Map;
use crate::image_ref::ImageRef;
use crate::observation::{
    ConfigKind, DocumentId, EmptyStateObservation, ExtensionObservation, InstallerContext,
    InstallerObservation, Observations, Origin, Role, SchematicObservation, SchematicOrigin,
};
use crate::rules::{is_pseudo, Context};
use crate::version;

/// Kinds of "what should be on a node" documents, joined separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntentKind {
    Config,
    Schematic,
    Installer,
}

/// A node that shows state, with what it shows of its schematic: looked up once for every rule.
#[derive(Debug, Clone, Copy)]
pub struct NodeState<'a> {
    pub node: Option<&'a str>,
    /// Its `schematic` row (the first counts).
    pub running: Option<&'a SchematicObservation>,
    /// Where the input shows it running no extensions at all.
    pub empty: Option<&'a EmptyStateObservation>,
}

/// What the joins need, computed once per analysis so that rules stay linear in the number of nodes (support
/// bundles and `-n` lists can hold thousands).
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Nodes that show state, in order of first appearance.
    nodes: Vec<Option<&'a str>>,
    /// The same nodes with their schematic rows and empty states.
    states: Vec<NodeState<'a>>,
    installed: Groups<Option<&'a str>, &'a ExtensionObservation>,
    /// Running schematics by node (the first counts).
    running: Groups<Option<&'a str>, &'a SchematicObservation>,
    /// Nodes shown without extensions.
    empty: Groups<Option<&'a str>, &'a EmptyStateObservation>,
    /// Roles the input declares for named nodes (`.machine.type`, talhelper and Omni schematics), and those of
    /// configs that name no node.
    roles: Groups<&'a str, Role>,
    unattributed_roles: Vec<Role>,
    /// Configured and schematic extensions by the node their document names, with their position.
    intents: Groups<&'a str, (usize, &'a ExtensionObservation)>,
    unattributed_intents: Vec<(usize, &'a ExtensionObservation)>,
    /// Installers (not mere mentions) by node.
    installers: Groups<&'a str, &'a InstallerObservation>,
    unattributed_installers: Vec<&'a InstallerObservation>,
    /// Config documents' kinds (the first said counts).
    config_kinds: Groups<DocumentId, ConfigKind>,
    /// The whole machine configs (documents) naming each node (or none), each once: a strategic-merge patch joins
    /// its node's config when there is exactly one.
    config_bases: Groups<Option<&'a str>, DocumentId>,
    /// Computed schematics by ID (the first of each counts) and by the node they name.
    computed_by_id: Groups<&'a str, &'a SchematicObservation>,
    computed_by_node: Groups<&'a str, &'a SchematicObservation>,
    /// How many unattributed documents of each [`IntentKind`] the input holds.
    unattributed: [usize; 3],
}

impl<'a> Index<'a> {
    pub fn new(obs: &'a Observations) -> Index<'a> {
        let mut ix = Index::default();
        // Each node's position in `nodes` and `states`, so that its schematic row and empty state are set as they
        // are read, not looked up again for every node.
        let mut seen: Map<Option<&str>, usize> = Map::default();
        let mut add = |ix: &mut Index<'a>, n: Option<&'a str>| -> usize {
            *seen.entry(n).or_insert_with(|| {
                ix.nodes.push(n);
                ix.states.push(NodeState {
                    node: n,
                    running: None,
                    empty: None,
                });
                ix.nodes.len() - 1
            })
        };
        ix.config_kinds = Groups::new(obs.configs.iter().map(|c| (c.document, c.kind)).collect());
        let configured = obs
            .extensions
            .iter()
            .filter(|e| e.origin == Origin::Configured)
            .map(|e| (e.document, e.node.as_deref()));
        let config_kinds = &ix.config_kinds;
        // Each (node, document) once: a config listing thousands of extensions is still one base.
        let mut bases: Vec<(Option<&str>, DocumentId)> = configured
            .chain(obs.configs.iter().map(|c| (c.document, c.node.as_deref())))
            .filter(|(doc, _)| {
                config_kinds
                    .first(doc)
                    .is_none_or(|k| *k == ConfigKind::MachineConfig)
            })
            .map(|(doc, node)| (node, doc))
            .collect();
        crate::sort::sort_dedup(&mut bases);
        ix.config_bases = Groups::new(bases);
        let mut installed = Vec::new();
        let mut intents = Vec::new();
        for (i, e) in obs.extensions.iter().enumerate() {
            let node = e.node.as_deref();
            match e.origin {
                Origin::Installed => {
                    add(&mut ix, node);
                    if !is_pseudo(&e.name) {
                        installed.push((node, e));
                    }
                }
                _ if is_pseudo(&e.name) => {}
                _ => match node {
                    Some(n) => intents.push((n, (i, e))),
                    None => ix.unattributed_intents.push((i, e)),
                },
            }
        }
        ix.installed = Groups::new(installed);
        ix.intents = Groups::new(intents);
        let mut running = Vec::new();
        for s in obs
            .schematics
            .iter()
            .filter(|s| s.origin == SchematicOrigin::Running)
        {
            let at = add(&mut ix, s.node.as_deref());
            if let Some(state) = ix.states.get_mut(at) {
                state.running.get_or_insert(s);
            }
            running.push((s.node.as_deref(), s));
        }
        ix.running = Groups::new(running);
        for k in &obs.kernels {
            add(&mut ix, k.node.as_deref());
        }
        for e in &obs.empty_states {
            let at = add(&mut ix, e.node.as_deref());
            if let Some(state) = ix.states.get_mut(at) {
                state.empty.get_or_insert(e);
            }
        }
        let mut roles = Vec::new();
        for (node, role) in obs
            .configs
            .iter()
            .map(|c| (c.node.as_deref(), c.role))
            .chain(obs.schematics.iter().map(|s| (s.node.as_deref(), s.role)))
        {
            match (node, role) {
                (Some(n), Some(r)) => roles.push((n, r)),
                (None, Some(r)) => ix.unattributed_roles.push(r),
                _ => {}
            }
        }
        ix.roles = Groups::new(roles);
        ix.empty = Groups::new(
            obs.empty_states
                .iter()
                .map(|e| (e.node.as_deref(), e))
                .collect(),
        );
        let computed = || {
            obs.schematics
                .iter()
                .filter(|s| s.origin == SchematicOrigin::Computed)
        };
        ix.computed_by_id = Groups::new(computed().map(|s| (s.id.as_str(), s)).collect());
        ix.computed_by_node = Groups::new(
            computed()
                .filter_map(|s| Some((s.node.as_deref()?, s)))
                .collect(),
        );
        let mut installers = Vec::new();
        for i in obs
            .installers
            .iter()
            .filter(|i| i.context != InstallerContext::Mention)
        {
            match i.node.as_deref() {
                Some(n) => installers.push((n, i)),
                None => ix.unattributed_installers.push(i),
            }
        }
        ix.installers = Groups::new(installers);
        // Unattributed whole machine configs (patches go with their config), schematics, installer images.
        let kind_of = |d: DocumentId| {
            ix.config_kinds
                .first(&d)
                .copied()
                .unwrap_or(ConfigKind::MachineConfig)
        };
        // Counted through the crate's one compiled sort (collecting into a BTreeSet compiles a sort per type).
        let mut configs: Vec<DocumentId> = obs
            .extensions
            .iter()
            .filter(|e| e.origin == Origin::Configured && e.node.is_none())
            .map(|e| e.document)
            .chain(
                obs.configs
                    .iter()
                    .filter(|c| c.node.is_none())
                    .map(|c| c.document),
            )
            .filter(|d| kind_of(*d) == ConfigKind::MachineConfig)
            .collect();
        let mut schematics: Vec<DocumentId> = obs
            .extensions
            .iter()
            .filter(|e| e.origin == Origin::Schematic && e.node.is_none())
            .map(|e| e.document)
            .chain(
                obs.schematics
                    .iter()
                    .filter(|s| s.origin == SchematicOrigin::Computed && s.node.is_none())
                    .map(|s| s.document),
            )
            .collect();
        let mut images: Vec<Option<String>> = ix
            .unattributed_installers
            .iter()
            .map(|i| i.image.as_ref().map(ToString::to_string))
            .collect();
        crate::sort::sort_dedup(&mut configs);
        crate::sort::sort_dedup(&mut schematics);
        crate::sort::sort_dedup(&mut images);
        ix.unattributed = [configs.len(), schematics.len(), images.len()];
        ix
    }
}

fn kind_slot(kind: IntentKind) -> usize {
    match kind {
        IntentKind::Config => 0,
        IntentKind::Schematic => 1,
        IntentKind::Installer => 2,
    }
}

/// Nodes that show state (installed extensions, a running schematic, a kernel, an empty extension list), in order
/// of first appearance.
/// `None` is a node the input does not name (a table without the NODE column).
pub fn state_nodes<'a>(ctx: &Context<'a>) -> Vec<Option<&'a str>> {
    ctx.index.nodes.clone()
}

/// The nodes of [`state_nodes`] with their schematic rows and empty states.
pub fn node_states<'a, 'c>(ctx: &'c Context<'a>) -> &'c [NodeState<'a>] {
    &ctx.index.states
}

/// The extensions of one origin grouped by the document they were read from (in key order, each document's in
/// input order).
pub fn by_document<'a>(
    ctx: &Context<'a>,
    origin: Origin,
) -> Groups<DocumentId, &'a ExtensionObservation> {
    Groups::new(
        ctx.observations
            .extensions
            .iter()
            .filter(|e| e.origin == origin)
            .map(|e| (e.document, e))
            .collect(),
    )
}

/// The user extensions a node runs (origin `installed`, pseudo-extensions left out).
pub fn installed<'a>(ctx: &Context<'a>, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
    ctx.index.installed.get(&node).to_vec()
}

/// Does the node run any user extension (without copying them: asked of every node)?
pub fn runs_extensions(ctx: &Context, node: Option<&str>) -> bool {
    !ctx.index.installed.get(&node).is_empty()
}

/// The schematic a node reports running.
pub fn running_schematic<'a>(
    ctx: &Context<'a>,
    node: Option<&str>,
) -> Option<&'a SchematicObservation> {
    ctx.index.running.first(&node).copied()
}

/// Where the input shows `node` running no extensions at all (an empty `get extensions` output), if it does.
pub fn empty_state<'a>(ctx: &Context<'a>, node: Option<&str>) -> Option<&'a EmptyStateObservation> {
    ctx.index.empty.first(&node).copied()
}

/// The role the input declares for `node`: its own, else that of the one unattributed config joined to it.
pub fn role(ctx: &Context, node: Option<&str>) -> Option<Role> {
    if let Some(role) = node.and_then(|n| ctx.index.roles.first(&n)) {
        return Some(*role);
    }
    match ctx.index.unattributed_roles.as_slice() {
        [one] if belongs(ctx, IntentKind::Config, None, node) => Some(*one),
        _ => None,
    }
}

/// The kind of the config document `doc` (a whole machine config when the reader did not say).
pub fn config_kind(ctx: &Context, doc: DocumentId) -> ConfigKind {
    ctx.index
        .config_kinds
        .first(&doc)
        .copied()
        .unwrap_or(ConfigKind::MachineConfig)
}

/// The one whole machine config document naming `node` (or none), if there is exactly one.
pub fn only_config_base(ctx: &Context, node: Option<&str>) -> Option<DocumentId> {
    match ctx.index.config_bases.get(&node) {
        [one] => Some(*one),
        _ => None,
    }
}

/// Does a document of `kind` that names `intent_node` (or none) describe `node`?
pub fn belongs(
    ctx: &Context,
    kind: IntentKind,
    intent_node: Option<&str>,
    node: Option<&str>,
) -> bool {
    match intent_node {
        Some(n) => node == Some(n),
        None => {
            let nodes = &ctx.index.nodes;
            nodes.len() == 1
                && nodes.first() == Some(&node)
                && ctx.index.unattributed.get(kind_slot(kind)) == Some(&1)
        }
    }
}

/// The node a config document is for: the one it names, else the only node of the input when it is the only
/// config (see [`belongs`]).
pub fn config_node<'a>(ctx: &Context<'a>, named: Option<&'a str>) -> Option<&'a str> {
    if named.is_some() {
        return named;
    }
    match ctx.index.nodes.as_slice() {
        [Some(only)] if belongs(ctx, IntentKind::Config, None, Some(only)) => Some(only),
        _ => None,
    }
}

/// Configured and schematic extensions that belong to `node`, in input order.
pub fn intended<'a>(ctx: &Context<'a>, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
    let mut found: Vec<(usize, &ExtensionObservation)> = match node {
        Some(n) => ctx.index.intents.get(&n).to_vec(),
        None => Vec::new(),
    };
    let config = belongs(ctx, IntentKind::Config, None, node);
    let schematic = belongs(ctx, IntentKind::Schematic, None, node);
    if config || schematic {
        found.extend(ctx.index.unattributed_intents.iter().copied().filter(
            |(_, e)| match e.origin {
                Origin::Configured => config,
                Origin::Schematic => schematic,
                Origin::Installed => false,
            },
        ));
    }
    crate::sort::sort_by_key(&mut found, |(i, _)| *i);
    found.into_iter().map(|(_, e)| e).collect()
}

/// Computed schematics that name `node` (talhelper `nodes[].schematic`).
pub fn node_schematics<'a>(ctx: &Context<'a>, node: Option<&str>) -> Vec<&'a SchematicObservation> {
    match node {
        Some(n) => ctx.index.computed_by_node.get(&n).to_vec(),
        None => Vec::new(),
    }
}

/// Installers (config `install.image`, `talosctl upgrade --image`, talhelper) that belong to `node`.
pub fn installers<'a>(ctx: &Context<'a>, node: Option<&str>) -> Vec<&'a InstallerObservation> {
    let mut found: Vec<&InstallerObservation> = match node {
        Some(n) => ctx.index.installers.get(&n).to_vec(),
        None => Vec::new(),
    };
    if belongs(ctx, IntentKind::Installer, None, node) {
        found.extend(ctx.index.unattributed_installers.iter().copied());
    }
    found
}

/// The official extension names (without `siderolabs/`) of the schematic with this ID (`Some(vec![])` for the
/// empty schematic), when the analysis can name it ([`crate::rules::known_schematics::KnownSchematics`]).
pub fn schematic_extensions(ctx: &Context, id: &str) -> Option<Vec<String>> {
    ctx.known_schematics.names(id).map(<[String]>::to_vec)
}

/// Is this the plain installer (`ghcr.io/siderolabs/installer`), which carries no extensions?
pub fn is_plain_installer(image: &ImageRef) -> bool {
    image.registry.as_deref() == Some("ghcr.io") && image.repository == "siderolabs/installer"
}

/// Does this installer put the plain one on the node (an upgrade without `--image` falls back to it)? Mentions
/// in prose install nothing.
pub fn installs_plain(i: &InstallerObservation) -> bool {
    match &i.image {
        None => i.context == InstallerContext::UpgradeCommand,
        Some(image) => i.context != InstallerContext::Mention && is_plain_installer(image),
    }
}

/// An image from the official extension namespace (`ghcr.io/siderolabs/<name>`).
pub fn is_siderolabs_image(image: &ImageRef) -> bool {
    image.registry.as_deref() == Some("ghcr.io")
        && image
            .repository
            .strip_prefix("siderolabs/")
            .is_some_and(|r| !r.contains('/'))
}

/// Can this extension go into an Image Factory schematic?
pub fn is_official(ctx: &Context, e: &ExtensionObservation) -> bool {
    match &e.image {
        Some(image) => is_siderolabs_image(image),
        None => e.origin == Origin::Schematic || ctx.catalog.is_official(&e.name),
    }
}

/// A legacy extension ID (`000.ghcr.io-…`): the extension came from `.machine.install.extensions`.
pub fn is_legacy_id(id: &str) -> bool {
    id.split_once('.').is_some_and(|(n, rest)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()
    })
}

/// Which version of an extension to keep, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keep {
    pub version: Option<String>,
    /// The image to keep, where known.
    pub image: Option<String>,
    /// `Some(talos)` when the version is the one the catalog ships for that Talos release.
    pub shipped_by: Option<String>,
}

/// The version to keep: the one the catalog ships for the node's Talos release; without a known release (or for
/// an extension the catalog does not ship), the highest seen.
pub fn keep_version(
    ctx: &Context,
    talos: Option<&str>,
    name: &str,
    seen: &[&ExtensionObservation],
) -> Keep {
    if let Some(talos) = talos {
        if let Some(entry) = ctx.catalog.lookup(talos, name) {
            let custom = seen
                .iter()
                .any(|e| e.image.as_ref().is_some_and(|i| !is_siderolabs_image(i)));
            if !custom {
                return Keep {
                    version: Some(entry.version.to_string()),
                    image: Some(entry.image()),
                    shipped_by: Some(talos.to_string()),
                };
            }
        }
    }
    let best = seen.iter().filter(|e| e.version.is_some()).max_by(|a, b| {
        version::compare(
            a.version.as_deref().unwrap_or(""),
            b.version.as_deref().unwrap_or(""),
        )
    });
    let best = best.or(seen.first());
    Keep {
        version: best.and_then(|e| e.version.clone()),
        image: best.and_then(|e| e.image.as_ref().map(ToString::to_string)),
        shipped_by: None,
    }
}

/// The distinct versions seen, ordered oldest first (by [`version::compare`]).
pub fn versions_of(seen: &[&ExtensionObservation]) -> Vec<String> {
    let mut versions: Vec<String> = seen.iter().filter_map(|e| e.version.clone()).collect();
    crate::sort::sort_by(&mut versions, |a, b| {
        version::compare(a, b).then_with(|| a.cmp(b))
    });
    versions.dedup();
    versions
}

/// The fix plan for one node: one entry per extension name among `extensions`, at the version to keep.
pub fn node_plan(
    ctx: &Context,
    node: Option<&str>,
    extensions: &[&ExtensionObservation],
) -> NodePlan {
    let talos = ctx.talos_for(node).map(|t| t.version);
    // By name (sorted stably, so each name's observations keep their order), in one pass: a node or a config can
    // list thousands of extensions.
    let mut by_name: Vec<&ExtensionObservation> = extensions.to_vec();
    crate::sort::sort_by(&mut by_name, |a, b| a.name.cmp(&b.name));
    let wanted = by_name
        .chunk_by(|a, b| a.name == b.name)
        .filter_map(|seen| {
            let name = seen.first()?.name.as_str();
            let keep = keep_version(ctx, talos.as_deref(), name, seen);
            Some(Wanted {
                name: name.to_string(),
                version: keep.version,
                image: keep.image,
                official: seen.iter().all(|e| is_official(ctx, e)),
            })
        })
        .collect();
    NodePlan {
        node: node.map(str::to_string),
        talos_version: talos,
        extensions: wanted,
        installer_path: factory_path(ctx, node),
    }
}

/// The Image Factory installer path the node's installer uses, when it is not the plain `installer`
/// (`installer-secureboot`, `metal-installer`, `metal-installer-secureboot`).
pub fn factory_path(ctx: &Context, node: Option<&str>) -> Option<String> {
    installers(ctx, node).iter().find_map(|i| {
        let image = i.image.as_ref()?;
        if image.registry.as_deref() != Some("factory.talos.dev") {
            return None;
        }
        let (path, _) = image.repository.split_once('/')?;
        (path != "installer" && path.contains("installer")).then(|| path.to_string())
    })
}

/// Does any of these come from `.machine.install.extensions` (configured, or installed under a legacy ID)?
pub fn uses_install_extensions(extensions: &[&ExtensionObservation]) -> bool {
    extensions
        .iter()
        .any(|e| e.origin == Origin::Configured || e.id.as_deref().is_some_and(is_legacy_id))
}

/// A plan for nodes with their full installed sets.
pub fn plan_for_nodes(ctx: &Context, nodes: &[Option<&str>], reset: bool) -> Plan {
    let mut plan = Plan {
        reset,
        ..Plan::default()
    };
    for &node in nodes {
        let exts = installed(ctx, node);
        plan.config_patch |=
            uses_install_extensions(&exts) || !intended_configured(ctx, node).is_empty();
        plan.nodes.push(node_plan(ctx, node, &exts));
    }
    plan
}

fn intended_configured<'a>(ctx: &Context<'a>, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
    intended(ctx, node)
        .into_iter()
        .filter(|e| e.origin == Origin::Configured)
        .collect()
}

/// "twice", "three times", "4 times".
pub fn times(n: usize) -> String {
    match n {
        2 => "twice".to_string(),
        3 => "three times".to_string(),
        _ => format!("{n} times"),
    }
}

/// `v0.1.1 and v0.1.4`; `(no version)` where none is known.
pub fn version_list(versions: &[String]) -> String {
    if versions.is_empty() {
        return "(no version)".to_string();
    }
    let refs: Vec<&str> = versions.iter().map(String::as_str).collect();
    crate::fix::join_names(&refs)
}

/// "on <node>" or "on the node" where the input does not name it.
pub fn on_node(node: Option<&str>) -> String {
    match node {
        Some(n) => format!("on {n}"),
        None => "on the node".to_string(),
    }
}

/// The sentence that says which version to keep and why.
pub fn keep_sentence(ctx: &Context, name: &str, keep: &Keep, talos: Option<&str>) -> String {
    match (&keep.shipped_by, &keep.version, talos) {
        (Some(t), Some(v), _) => format!(" Talos {t} ships {name} {v}: keep that one."),
        // Not "the catalog has no {name}": that reads as if the release did not ship it.
        (None, Some(v), Some(t)) if ctx.catalog.is_newer_than_catalog(t) => format!(
            " Talos {t} is newer than the catalog (it knows releases up to {}), so the fix keeps the highest \
             version, {v}.",
            ctx.catalog.newest_release().unwrap_or("none")
        ),
        (None, Some(v), Some(t)) => {
            format!(" The catalog has no {name} for Talos {t}, so the fix keeps the highest version, {v}.")
        }
        (None, Some(v), None) => {
            format!(" The Talos release is unknown, so the fix keeps the highest version, {v}.")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Options;
    use crate::observation::TalosVersionSource;
    use crate::rules::known_schematics::EMPTY_SCHEMATIC;
    use crate::rules::test_support::Obs;

    #[test]
    fn single_node_and_single_config_join() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(intended(&ctx, Some("10.0.0.2")).len(), 1);
    }

    #[test]
    fn an_unnamed_config_is_for_the_only_node() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(config_node(&ctx, None), Some("10.0.0.2"));
        assert_eq!(config_node(&ctx, Some("cp-1")), Some("cp-1"));
    }

    #[test]
    fn two_nodes_and_an_unnamed_config_stay_apart() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        o.installed(Some("10.0.0.3"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert!(intended(&ctx, Some("10.0.0.2")).is_empty());
    }

    #[test]
    fn two_unnamed_configs_stay_apart() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let (a, b) = (o.doc(), o.doc());
        o.configured(a, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        o.configured(b, None, "ghcr.io/siderolabs/gvisor:v1.0.0");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert!(intended(&ctx, Some("10.0.0.2")).is_empty());
    }

    #[test]
    fn keep_highest_without_a_release() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.1");
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let seen = installed(&ctx, Some("n"));
        let keep = keep_version(&ctx, None, "iscsi-tools", &seen);
        assert_eq!(keep.version.as_deref(), Some("v0.1.4"));
        assert_eq!(keep.shipped_by, None);
        assert!(keep_sentence(&ctx, "iscsi-tools", &keep, None).contains("release is unknown"));
        // A release newer than the catalog is not said to lack the extension.
        let newer = keep_sentence(&ctx, "iscsi-tools", &keep, Some("v99.0.0"));
        assert!(newer.contains("newer than the catalog"), "{newer}");
        assert!(!newer.contains("has no"), "{newer}");
    }

    #[test]
    fn node_talos_version_feeds_the_plan() {
        let mut o = Obs::new();
        o.installed(Some("n"), "my-ext", "v2");
        o.talos(Some("n"), "v1.9.2", TalosVersionSource::TalosctlVersion);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let plan = node_plan(&ctx, Some("n"), &installed(&ctx, Some("n")));
        assert_eq!(plan.talos_version.as_deref(), Some("v1.9.2"));
    }

    #[test]
    fn a_node_with_only_pseudo_rows_is_still_a_node() {
        let mut o = Obs::new();
        o.kernel(Some("a"), "6.12.43-talos");
        o.running(Some("b"), EMPTY_SCHEMATIC);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(state_nodes(&ctx), vec![Some("b"), Some("a")]);
    }

    #[test]
    fn legacy_ids() {
        assert!(is_legacy_id("000.ghcr.io-siderolabs-iscsi-tools-v0.1.1"));
        assert!(!is_legacy_id("0"));
        assert!(!is_legacy_id("modules.dep"));
    }

    #[test]
    fn pseudo_extensions_are_not_installed_extensions() {
        let mut o = Obs::new();
        o.installed(Some("n"), "schematic", EMPTY_SCHEMATIC);
        o.installed(Some("n"), "modules.dep", "6.12.43-talos");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert!(installed(&ctx, Some("n")).is_empty());
    }
}
