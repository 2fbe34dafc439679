//! Rules: each looks at the observations of the whole analysis and reports findings with fixes.
//!
//! One rule per file, each with its doc beside it (`<rule>.md`, shared by rustdoc, `talos-ext explain` and the web
//! app's rule pages). The cross-input reasoning every rule needs (which node a config belongs to, which Talos
//! release a node runs, which version of an extension to keep) lives in [`cluster`] and [`Context`].

pub mod catalog_out_of_date;
pub mod catalog_version_mismatch;
pub mod cluster;
pub mod config_state_mismatch;
pub mod deprecated_install_extensions;
pub mod duplicate_extension;
pub mod extension_service_config_orphan;
pub mod invalid_image_reference;
pub mod kmod_talos_mismatch;
pub mod known_schematics;
pub mod no_extensions;
pub mod node_did_not_answer;
pub mod schematic_drift;
pub mod unknown_extension;
pub mod upgrade_without_image;
pub mod version_drift;

#[cfg(test)]
pub(crate) mod test_support;

use crate::catalog::Catalog;
use crate::input::Options;

use crate::observation::{Observations, TalosVersionObservation, TalosVersionSource};
use crate::report::{Finding, Severity};
use crate::version;

/// What every rule sees.
pub struct Context<'a> {
    pub observations: &'a Observations,
    /// The Talos version assumed for the cluster: the user's, else the one the input shows when unambiguous.
    pub talos_version: Option<String>,
    /// The Talos version the user gave (normalised to `vX.Y.Z` where it is one); wins over anything detected.
    pub user_talos_version: Option<String>,
    /// The embedded catalog of official extensions.
    pub catalog: &'static Catalog,
    /// The joins, computed once.
    pub(crate) index: cluster::Index<'a>,
    /// Schematic IDs the analysis can name.
    pub known_schematics: known_schematics::KnownSchematics,
    /// The first Talos version observation of each kind (by [`source_rank`]) for each node: `talos_for` is asked
    /// once per finding, so it must not scan every observation of a node (a long paste repeats one node).
    talos_by_node: crate::hash::Map<&'a str, [Option<&'a TalosVersionObservation>; 3]>,
    /// The cluster's version judged without one kind of evidence (by [`source_rank`] of the excluded kind).
    cluster_excluding: [Option<String>; 3],
}

/// Where a node's Talos version comes from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TalosFrom {
    /// The user said so (`--talos-version`, the web app's field).
    User,
    /// An observation about this node.
    Node(TalosVersionSource),
    /// The one version the whole input shows.
    Cluster,
}

/// A Talos version and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talos {
    pub version: String,
    pub from: TalosFrom,
}

impl<'a> Context<'a> {
    pub fn new(observations: &'a Observations, options: &Options) -> Context<'a> {
        let user_talos_version = options
            .talos_version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| version::normalize_talos(v).unwrap_or_else(|| v.to_string()));
        let talos_version = user_talos_version
            .clone()
            .or_else(|| detected_cluster_version(observations));
        let mut talos_by_node: crate::hash::Map<&str, [Option<&TalosVersionObservation>; 3]> =
            crate::hash::Map::default();
        for t in &observations.talos_versions {
            if let Some(node) = t.node.as_deref() {
                let firsts = talos_by_node.entry(node).or_default();
                if let Some(slot @ None) = firsts.get_mut(usize::from(source_rank(t.source))) {
                    *slot = Some(t);
                }
            }
        }
        let cluster_excluding = [
            TalosVersionSource::TalosctlVersion,
            TalosVersionSource::Config,
            TalosVersionSource::KmodSuffix,
        ]
        .map(|source| detected_cluster_version_excluding(observations, Some(source)));
        Context {
            observations,
            talos_version,
            user_talos_version,
            catalog: Catalog::embedded(),
            index: cluster::Index::new(observations),
            known_schematics: known_schematics::KnownSchematics::new(
                observations,
                Catalog::embedded(),
            ),
            talos_by_node,
            cluster_excluding,
        }
    }

    /// The Talos version of `node`: the user's, else the node's own observations (talosctl version > config or
    /// installer tag > kernel-module suffix), else the cluster's when unambiguous.
    pub fn talos_for(&self, node: Option<&str>) -> Option<Talos> {
        self.talos_for_excluding(node, None)
    }

    /// As [`Context::talos_for`], ignoring one kind of evidence (the kernel-module rule must not judge a module by
    /// its own suffix).
    pub fn talos_for_excluding(
        &self,
        node: Option<&str>,
        excluded: Option<TalosVersionSource>,
    ) -> Option<Talos> {
        if let Some(v) = &self.user_talos_version {
            return Some(Talos {
                version: v.clone(),
                from: TalosFrom::User,
            });
        }
        if let Some(node) = node {
            // The most trusted kind of evidence, the first observation of that kind.
            let best = self
                .talos_by_node
                .get(node)
                .into_iter()
                .flatten()
                .flatten()
                .find(|t| Some(t.source) != excluded);
            if let Some(t) = best {
                return Some(Talos {
                    version: t.version.clone(),
                    from: TalosFrom::Node(t.source),
                });
            }
        }
        let cluster = match excluded {
            None => self.talos_version.clone(),
            Some(source) => self
                .cluster_excluding
                .get(usize::from(source_rank(source)))
                .cloned()
                .flatten(),
        };
        cluster.map(|version| Talos {
            version,
            from: TalosFrom::Cluster,
        })
    }

    /// The catalog release for a Talos version (`None` when the catalog does not know its minor).
    pub fn release(&self, talos: &str) -> Option<&'static str> {
        self.catalog.release_for(talos)
    }
}

fn source_rank(source: TalosVersionSource) -> u8 {
    match source {
        TalosVersionSource::TalosctlVersion => 0,
        TalosVersionSource::Config => 1,
        TalosVersionSource::KmodSuffix => 2,
    }
}

/// The one Talos version the input shows, judged by its most trusted kind of evidence.
fn detected_cluster_version(observations: &Observations) -> Option<String> {
    detected_cluster_version_excluding(observations, None)
}

fn detected_cluster_version_excluding(
    observations: &Observations,
    excluded: Option<TalosVersionSource>,
) -> Option<String> {
    let best_rank = observations
        .talos_versions
        .iter()
        .filter(|t| Some(t.source) != excluded)
        .map(|t| source_rank(t.source))
        .min()?;
    let mut versions: Vec<&str> = observations
        .talos_versions
        .iter()
        .filter(|t| Some(t.source) != excluded && source_rank(t.source) == best_rank)
        .map(|t| t.version.as_str())
        .collect();
    crate::sort::sort_dedup(&mut versions);
    match versions.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}

/// Is this one of the pseudo-extensions that are facts about the node, never user extensions?
pub fn is_pseudo(name: &str) -> bool {
    matches!(name, "schematic" | "modules.dep")
}

/// `(major, minor)` of a Talos version (`v1.9.2` → `(1, 9)`).
pub fn talos_minor(version: &str) -> Option<(u64, u64)> {
    let v = version.trim().trim_start_matches('v');
    let mut parts = v.split(['.', '-', '+']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Runs every rule; findings are sorted by (input, line, column, rule).
pub fn run(context: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        (rule.1)(context, &mut findings);
    }
    crate::sort::sort_by(&mut findings, |a, b| sort_key(a).cmp(&sort_key(b)));
    findings
}

fn sort_key(f: &Finding) -> (usize, u32, u32, &'static str, Option<&str>, Option<&str>) {
    let (input, line, column) = f
        .spans
        .first()
        .map_or((usize::MAX, u32::MAX, u32::MAX), |s| {
            (s.input, s.line, s.column)
        });
    (
        input,
        line,
        column,
        f.rule,
        f.node.as_deref(),
        f.extension.as_deref(),
    )
}

/// What the CLI (`talos-ext rules`, `talos-ext explain`) and the web app's rule pages show of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id (`duplicate-extension`).
    pub id: &'static str,
    /// The severity its findings usually carry.
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The rule's doc (Markdown): what it finds, why it matters, an example, how to fix.
    pub doc: &'static str,
}

/// A rule's check, by rule id (in the order of [`all`]).
type Check = (&'static str, fn(&Context, &mut Vec<Finding>));

const RULES: [Check; 14] = [
    (duplicate_extension::INFO.id, duplicate_extension::check),
    (version_drift::INFO.id, version_drift::check),
    (config_state_mismatch::INFO.id, config_state_mismatch::check),
    (
        deprecated_install_extensions::INFO.id,
        deprecated_install_extensions::check,
    ),
    (
        catalog_version_mismatch::INFO.id,
        catalog_version_mismatch::check,
    ),
    (unknown_extension::INFO.id, unknown_extension::check),
    (
        invalid_image_reference::INFO.id,
        invalid_image_reference::check,
    ),
    (upgrade_without_image::INFO.id, upgrade_without_image::check),
    (kmod_talos_mismatch::INFO.id, kmod_talos_mismatch::check),
    (
        extension_service_config_orphan::INFO.id,
        extension_service_config_orphan::check,
    ),
    (node_did_not_answer::INFO.id, node_did_not_answer::check),
    (schematic_drift::INFO.id, schematic_drift::check),
    (catalog_out_of_date::INFO.id, catalog_out_of_date::check),
    (no_extensions::INFO.id, no_extensions::check),
];

static INFOS: [RuleInfo; 14] = [
    duplicate_extension::INFO,
    version_drift::INFO,
    config_state_mismatch::INFO,
    deprecated_install_extensions::INFO,
    catalog_version_mismatch::INFO,
    unknown_extension::INFO,
    invalid_image_reference::INFO,
    upgrade_without_image::INFO,
    kmod_talos_mismatch::INFO,
    extension_service_config_orphan::INFO,
    node_did_not_answer::INFO,
    schematic_drift::INFO,
    catalog_out_of_date::INFO,
    no_extensions::INFO,
];

/// Every rule, in a stable order.
pub fn all() -> &'static [RuleInfo] {
    &INFOS
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    all().iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::test_support::Obs;
    use super::*;
    use crate::observation::TalosVersionSource as Src;

    #[test]
    fn every_rule_is_listed_once_with_a_doc() {
        assert_eq!(all().len(), RULES.len());
        for (rule, info) in RULES.iter().zip(all()) {
            assert_eq!(rule.0, info.id);
            assert!(info.doc.starts_with("# "), "{} doc has no title", info.id);
            assert!(
                info.doc.contains(info.id),
                "{} doc does not name its id",
                info.id
            );
            assert_eq!(all().iter().filter(|r| r.id == info.id).count(), 1);
        }
        assert_eq!(find("version-drift").map(|r| r.id), Some("version-drift"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn talos_version_precedence() {
        let mut o = Obs::new();
        o.talos(Some("a"), "v1.9.3", Src::KmodSuffix);
        o.talos(Some("a"), "v1.9.2", Src::TalosctlVersion);
        o.talos(Some("a"), "v1.9.1", Src::Config);
        o.talos(Some("b"), "v1.8.0", Src::Config);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let a = ctx.talos_for(Some("a")).map(|t| (t.version, t.from));
        assert_eq!(
            a,
            Some(("v1.9.2".into(), TalosFrom::Node(Src::TalosctlVersion)))
        );
        let b = ctx.talos_for(Some("b")).map(|t| t.version);
        assert_eq!(b.as_deref(), Some("v1.8.0"));
        // The cluster's most trusted evidence names one version: v1.9.2.
        assert_eq!(
            ctx.talos_for(Some("c")).map(|t| t.from),
            Some(TalosFrom::Cluster)
        );
        assert_eq!(ctx.talos_version.as_deref(), Some("v1.9.2"));
        let excl = ctx
            .talos_for_excluding(Some("a"), Some(Src::TalosctlVersion))
            .map(|t| t.version);
        assert_eq!(excl.as_deref(), Some("v1.9.1"));

        let user = Options {
            talos_version: Some("v1.10.0".into()),
        };
        let ctx = Context::new(&obs, &user);
        assert_eq!(
            ctx.talos_for(Some("a")).map(|t| t.from),
            Some(TalosFrom::User)
        );
    }

    #[test]
    fn ambiguous_cluster_version_is_unknown() {
        let mut o = Obs::new();
        o.talos(Some("a"), "v1.9.2", Src::TalosctlVersion);
        o.talos(Some("b"), "v1.8.3", Src::TalosctlVersion);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        assert_eq!(ctx.talos_version, None);
        assert_eq!(ctx.talos_for(Some("c")), None);
    }

    #[test]
    fn minors() {
        assert_eq!(talos_minor("v1.10.3"), Some((1, 10)));
        assert_eq!(talos_minor("1.9.0-alpha.1"), Some((1, 9)));
        // A development build is judged as the minor it builds towards (deprecated-install-extensions' v1.10).
        assert_eq!(talos_minor("v1.10.0-alpha.1-9-gaf706ee"), Some((1, 10)));
        assert_eq!(talos_minor("latest"), None);
    }

    #[test]
    fn findings_are_sorted_by_position_then_rule() {
        let mut o = Obs::new();
        // A duplicate in a config (line 1, 2) and an untagged image (line 3) in the same document.
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        o.configured(d, None, "ghcr.io/siderolabs/gvisor");
        let obs = o.build();
        let findings = run(&Context::new(&obs, &Options::default()));
        let keys: Vec<_> = findings.iter().map(sort_key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(findings.iter().any(|f| f.rule == "duplicate-extension"));
        assert!(findings.iter().any(|f| f.rule == "invalid-image-reference"));
    }
}

#[cfg(test)]
mod no_panic {
    use super::test_support::Obs;
    use super::*;
    use crate::observation::{ConfigKind, InstallerContext, TalosVersionSource};
    use proptest::prelude::*;

    fn pick<'a>(options: &[&'a str], i: usize) -> &'a str {
        options.get(i % options.len()).copied().unwrap_or_default()
    }

    proptest! {
        /// Rules never panic, whatever the observations say (odd names, versions, unicode, empty strings).
        #[test]
        fn rules_never_panic(
            facts in proptest::collection::vec((0usize..9, 0usize..64, ".{0,12}", ".{0,12}"), 0..24),
            talos in proptest::option::of(".{0,8}"),
        ) {
            let nodes = [Some("a"), Some("b"), None];
            let names = ["iscsi-tools", "drbd", "schematic", "modules.dep", "", "é", "gvisor"];
            let kinds = [ConfigKind::MachineConfig, ConfigKind::StrategicPatch, ConfigKind::JsonPatch];
            let mut o = Obs::new();
            let docs = [o.doc(), o.doc()];
            for (kind, i, x, y) in &facts {
                let node = nodes[i % nodes.len()];
                let name = pick(&names, *i);
                let doc = docs[i % docs.len()];
                match kind {
                    0 => { o.installed(node, name, x); }
                    1 => { o.installed_with_id(node, name, x, y); }
                    2 => { o.configured(doc, node, &format!("ghcr.io/siderolabs/{name}:{x}")); }
                    3 => { o.configured(doc, node, x); }
                    4 => o.schematic(doc, node, x, &[name, name], None),
                    5 => o.running(node, x),
                    6 => o.installer(node, (i % 2 == 0).then_some(x.as_str()), InstallerContext::UpgradeCommand),
                    7 => o.talos(node, x, TalosVersionSource::KmodSuffix),
                    8 if i % 3 == 0 => o.empty(node),
                    _ => {
                        o.config(doc, node, kinds[i % kinds.len()], true);
                        o.service_config(node, y);
                    }
                }
            }
            let obs = o.build();
            let options = Options { talos_version: talos };
            let findings = run(&Context::new(&obs, &options));
            for f in &findings {
                prop_assert!(find(f.rule).is_some());
            }
        }
    }
}
