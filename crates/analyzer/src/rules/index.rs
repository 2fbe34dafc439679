//! The cross-input joins every rule needs: which nodes the input shows, which config, schematic or installer
//! belongs to which node: the methods of [`Index`], computed once per analysis and reached as `ctx.index`.
//!
//! Joining is deliberately cautious: a config, schematic or installer joins a node when the input names that node
//! for it, or when the whole input holds exactly one node and exactly one such unattributed document (a node's
//! `get extensions` table pasted with "its" machine config). Anything else stays apart rather than be guessed.

use crate::groups::Groups;
use crate::hash::Map;
use crate::observation::is_pseudo;
use crate::observation::{
    ConfigKind, DocumentId, EmptyStateObservation, ExtensionObservation, InstallerContext,
    InstallerObservation, Observations, Origin, Role, SchematicObservation, SchematicOrigin,
};
use crate::rules::Context;

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
    /// Roles the input declares for named nodes (`.machine.type`, talhelper and Omni schematics).
    roles: Groups<&'a str, Role>,
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
        ix.roles = Groups::new(
            obs.configs
                .iter()
                .map(|c| (c.node.as_deref(), c.role))
                .chain(obs.schematics.iter().map(|s| (s.node.as_deref(), s.role)))
                .filter_map(|(node, role)| Some((node?, role?)))
                .collect(),
        );
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

    /// Nodes that show state (installed extensions, a running schematic, a kernel, an empty extension list), in order
    /// of first appearance.
    /// `None` is a node the input does not name (a table without the NODE column).
    pub fn state_nodes(&self) -> Vec<Option<&'a str>> {
        self.nodes.clone()
    }

    /// The nodes of [`Index::state_nodes`] with their schematic rows and empty states.
    pub fn node_states(&self) -> &[NodeState<'a>] {
        &self.states
    }

    /// The user extensions a node runs (origin `installed`, pseudo-extensions left out).
    pub fn installed(&self, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
        self.installed.get(&node).to_vec()
    }

    /// Does the node run any user extension (without copying them: asked of every node)?
    pub fn runs_extensions(&self, node: Option<&str>) -> bool {
        !self.installed.get(&node).is_empty()
    }

    /// The schematic a node reports running.
    pub fn running_schematic(&self, node: Option<&str>) -> Option<&'a SchematicObservation> {
        self.running.first(&node).copied()
    }

    /// Where the input shows `node` running no extensions at all (an empty `get extensions` output), if it does.
    pub fn empty_state(&self, node: Option<&str>) -> Option<&'a EmptyStateObservation> {
        self.empty.first(&node).copied()
    }

    /// The role the input declares for `node`. A config that names no node gives none: roles matter only when nodes
    /// are compared, and such a config joins a node only when the input shows one node.
    pub fn role(&self, node: Option<&str>) -> Option<Role> {
        node.and_then(|n| self.roles.first(&n)).copied()
    }

    /// The kind of the config document `doc` (a whole machine config when the reader did not say).
    pub fn config_kind(&self, doc: DocumentId) -> ConfigKind {
        self.config_kinds
            .first(&doc)
            .copied()
            .unwrap_or(ConfigKind::MachineConfig)
    }

    /// The one whole machine config document naming `node` (or none), if there is exactly one.
    pub fn only_config_base(&self, node: Option<&str>) -> Option<DocumentId> {
        match self.config_bases.get(&node) {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Does a document of `kind` that names no node describe `node`? Only when it is the one such document and
    /// `node` the one node the input shows.
    fn belongs(&self, kind: IntentKind, node: Option<&str>) -> bool {
        let nodes = &self.nodes;
        nodes.len() == 1
            && nodes.first() == Some(&node)
            && self.unattributed.get(kind_slot(kind)) == Some(&1)
    }

    /// The node a config document is for: the one it names, else the only node of the input when it is the only
    /// config (see [`Index::belongs`]).
    pub fn config_node(&self, named: Option<&'a str>) -> Option<&'a str> {
        if named.is_some() {
            return named;
        }
        match self.nodes.as_slice() {
            [Some(only)] if self.belongs(IntentKind::Config, Some(only)) => Some(only),
            _ => None,
        }
    }

    /// Configured and schematic extensions that belong to `node`, in input order.
    pub fn intended(&self, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
        let mut found: Vec<(usize, &ExtensionObservation)> = match node {
            Some(n) => self.intents.get(&n).to_vec(),
            None => Vec::new(),
        };
        let config = self.belongs(IntentKind::Config, node);
        let schematic = self.belongs(IntentKind::Schematic, node);
        if config || schematic {
            found.extend(self.unattributed_intents.iter().copied().filter(
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
    pub fn node_schematics(&self, node: Option<&str>) -> Vec<&'a SchematicObservation> {
        match node {
            Some(n) => self.computed_by_node.get(&n).to_vec(),
            None => Vec::new(),
        }
    }

    /// Installers (config `install.image`, `talosctl upgrade --image`, talhelper) that belong to `node`.
    pub fn installers(&self, node: Option<&str>) -> Vec<&'a InstallerObservation> {
        let mut found: Vec<&InstallerObservation> = match node {
            Some(n) => self.installers.get(&n).to_vec(),
            None => Vec::new(),
        };
        if self.belongs(IntentKind::Installer, node) {
            found.extend(self.unattributed_installers.iter().copied());
        }
        found
    }

    /// The configured extensions that belong to `node`.
    pub fn intended_configured(&self, node: Option<&str>) -> Vec<&'a ExtensionObservation> {
        self.intended(node)
            .into_iter()
            .filter(|e| e.origin == Origin::Configured)
            .collect()
    }

    /// The document a configured extension ends up in: a strategic-merge patch joins the one machine config of its
    /// node (patches append), anything else stays in its own document.
    pub fn merge_unit(&self, e: &ExtensionObservation) -> DocumentId {
        if self.config_kind(e.document) != ConfigKind::StrategicPatch {
            return e.document;
        }
        self.only_config_base(e.node.as_deref())
            .unwrap_or(e.document)
    }
}

fn kind_slot(kind: IntentKind) -> usize {
    match kind {
        IntentKind::Config => 0,
        IntentKind::Schematic => 1,
        IntentKind::Installer => 2,
    }
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

/// The official extension names (without `siderolabs/`) of the schematic with this ID (`Some(vec![])` for the
/// empty schematic), when the analysis can name it ([`crate::rules::known_schematics::KnownSchematics`]).
pub fn schematic_extensions(ctx: &Context, id: &str) -> Option<Vec<String>> {
    ctx.known_schematics.names(id).map(<[String]>::to_vec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Options;
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
        assert_eq!(ctx.index.intended(Some("10.0.0.2")).len(), 1);
    }

    #[test]
    fn an_unnamed_config_is_for_the_only_node() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(ctx.index.config_node(None), Some("10.0.0.2"));
        assert_eq!(ctx.index.config_node(Some("cp-1")), Some("cp-1"));
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
        assert!(ctx.index.intended(Some("10.0.0.2")).is_empty());
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
        assert!(ctx.index.intended(Some("10.0.0.2")).is_empty());
    }

    #[test]
    fn a_node_with_only_pseudo_rows_is_still_a_node() {
        let mut o = Obs::new();
        o.kernel(Some("a"), "6.12.43-talos");
        o.running(Some("b"), EMPTY_SCHEMATIC);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(ctx.index.state_nodes(), vec![Some("b"), Some("a")]);
    }

    #[test]
    fn pseudo_extensions_are_not_installed_extensions() {
        let mut o = Obs::new();
        o.installed(Some("n"), "schematic", EMPTY_SCHEMATIC);
        o.installed(Some("n"), "modules.dep", "6.12.43-talos");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert!(ctx.index.installed(Some("n")).is_empty());
    }
}
