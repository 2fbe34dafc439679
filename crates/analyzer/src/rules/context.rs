//! What every rule sees: the observations, the catalog, the joins and the Talos version of each node.

use crate::catalog::Catalog;
use crate::input::Options;
use crate::observation::{Observations, TalosVersionObservation, TalosVersionSource};
use crate::rules::{index, known_schematics};
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
    pub(crate) index: index::Index<'a>,
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
            index: index::Index::new(observations),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::TalosVersionSource as Src;
    use crate::rules::test_support::Obs;

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
}
