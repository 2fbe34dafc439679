#![doc = include_str!("catalog_version_mismatch.md")]

use crate::catalog::CatalogEntry;
use crate::hash::Map;

use crate::fix::{self, Plan};
use crate::observation::{DocumentId, ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::phrasing::on_node;
use crate::rules::{index, planning, predicates};

use crate::observation::is_pseudo;
use crate::rules::{Context, RuleInfo};
use crate::version;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::catalog_version_mismatch,
    severity: Severity::Warning,
    summary: "an official extension's version is not the one its Talos release ships",
    doc: include_str!("catalog_version_mismatch.md"),
};

/// Where an extension stands, for telling whether it is there in more than one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place<'a> {
    /// Installed on a node.
    Installed(Option<&'a str>),
    /// In one document (configured or schematic).
    Document(Origin, DocumentId),
    /// Configured or schematic for a named node.
    Node(Origin, &'a str),
    /// In one config and the strategic-merge patches that append to it.
    MergeUnit(DocumentId),
}

/// The places of `e`.
fn places<'a>(ctx: &Context, e: &'a ExtensionObservation) -> Vec<Place<'a>> {
    if e.origin == Origin::Installed {
        return vec![Place::Installed(e.node.as_deref())];
    }
    let mut places = vec![Place::Document(e.origin, e.document)];
    if let Some(node) = e.node.as_deref() {
        places.push(Place::Node(e.origin, node));
    }
    if e.origin == Origin::Configured {
        places.push(Place::MergeUnit(ctx.index.merge_unit(e)));
    }
    places
}

/// The distinct versions of each extension name at each place, computed once (rather than comparing every
/// extension with every other one: a paste can hold 100,000 rows).
/// Per place and name: the first version seen, and whether another one was seen too.
struct Versions<'a>(Map<(Place<'a>, &'a str), (Option<&'a str>, bool)>);

impl<'a> Versions<'a> {
    fn new(ctx: &Context<'a>) -> Versions<'a> {
        let mut map: Map<(Place, &str), (Option<&str>, bool)> =
            Map::with_capacity_and_hasher(ctx.observations.extensions.len(), Default::default());
        for e in &ctx.observations.extensions {
            if e.origin == Origin::Installed && is_pseudo(&e.name) {
                continue;
            }
            for place in places(ctx, e) {
                let version = e.version.as_deref();
                map.entry((place, e.name.as_str()))
                    .and_modify(|(first, several)| *several |= *first != version)
                    .or_insert((version, false));
            }
        }
        Versions(map)
    }

    /// More than one version of `e`'s extension where `e` stands: `duplicate-extension` already names the one to
    /// keep.
    fn duplicated(&self, ctx: &Context, e: &ExtensionObservation) -> bool {
        places(ctx, e).into_iter().any(|place| {
            self.0
                .get(&(place, e.name.as_str()))
                .is_some_and(|&(_, several)| several)
        })
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let versions = Versions::new(ctx);
    // The configured extensions of each document, and the plan for each node, once.
    let by_doc = index::by_document(ctx, Origin::Configured);
    let mut node_plans: Map<Option<&str>, Plan> = Map::default();
    for e in &ctx.observations.extensions {
        if e.origin == Origin::Schematic || is_pseudo(&e.name) || !predicates::is_official(ctx, e) {
            continue;
        }
        let Some(v) = e.version.as_deref() else {
            continue;
        };
        let node = match e.origin {
            Origin::Configured => ctx.index.config_node(e.node.as_deref()),
            _ => e.node.as_deref(),
        };
        let Some(talos) = e
            .talos_version
            .clone()
            .or_else(|| ctx.talos_for(node).map(|t| t.version))
        else {
            continue;
        };
        let Some(entry) = ctx.catalog.lookup(&talos, &e.name) else {
            continue;
        };
        if entry.version == v {
            if let Some(finding) = other_build(e, node, &talos, &entry) {
                out.push(finding);
            }
            continue;
        }
        // A kernel-module build for another release is kmod-talos-mismatch's finding.
        if version::talos_suffix(v)
            .is_some_and(|s| version::normalize_talos(s).as_deref() != Some(talos.as_str()))
        {
            continue;
        }
        if versions.duplicated(ctx, e) {
            continue;
        }
        let (message, plan) = match e.origin {
            Origin::Installed => (
                format!(
                    "{} {v} runs {}, but Talos {talos} ships {} {}.",
                    e.name,
                    on_node(node),
                    e.name,
                    entry.version
                ),
                node_plans
                    .entry(node)
                    .or_insert_with(|| planning::plan_for_nodes(ctx, &[node], false))
                    .clone(),
            ),
            _ => {
                let doc: &[&ExtensionObservation] = by_doc.get(&e.document);
                (
                    format!(
                        "The config pins {} {v}, but Talos {talos} ships {} {}.",
                        e.name, e.name, entry.version
                    ),
                    Plan {
                        nodes: vec![planning::node_plan(ctx, node, doc)],
                        config_patch: true,
                        reset: false,
                    },
                )
            }
        };
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Warning,
            node: node.map(str::to_string),
            extension: Some(e.name.clone()),
            versions: vec![v.to_string(), entry.version.to_string()],
            message,
            spans: e.spans.clone(),
            fixes: fix::ladder(&plan),
        });
    }
}

/// The tag the release ships, pinned to a digest that is not the one the release publishes for it: another build
/// of the same tag (tags are rebuilt for each release; a digest copied from another release's catalog or from a
/// build that was replaced). Only where the catalog has the release's digests.
fn other_build(
    e: &ExtensionObservation,
    node: Option<&str>,
    talos: &str,
    entry: &CatalogEntry,
) -> Option<Finding> {
    let published = entry.digest_prefix?;
    let pinned = e.image.as_ref()?.digest.as_deref()?;
    let hex = pinned.strip_prefix("sha256:")?;
    if hex
        .get(..published.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(published))
    {
        return None;
    }
    let v = entry.version;
    let short = hex.get(..published.len()).unwrap_or(hex);
    Some(Finding {
        rule: INFO.id,
        severity: Severity::Warning,
        node: node.map(str::to_string),
        extension: Some(e.name.clone()),
        versions: vec![v.to_string()],
        message: format!(
            "{} {v} is pinned to digest sha256:{short}…, but Talos {talos} publishes {} {v} as sha256:{published}…: \
             another build of the same tag.",
            e.name, e.name
        ),
        spans: e.spans.clone(),
        fixes: vec![fix::note(
            "Pin the published digest",
            format!(
                "Use the digest ghcr.io/siderolabs/extensions:{talos} lists for {} (`crane export \
                 ghcr.io/siderolabs/extensions:{talos} | tar x -O image-digests | grep {}`), or an Image Factory \
                 installer, which picks it.",
                entry.image(),
                e.name
            ),
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    // These need the embedded catalog (iscsi-tools v0.1.6 on Talos 1.9.x).
    #[test]
    fn pinned_older_version() {
        let mut o = Obs::new();
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        let f = check_with(&o.build(), Some("v1.9.2"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "The config pins iscsi-tools v0.1.4, but Talos v1.9.2 ships iscsi-tools v0.1.6."
        );
        assert!(f[0]
            .fixes
            .iter()
            .any(|x| x.content.contains("ghcr.io/siderolabs/iscsi-tools:v0.1.6")));
    }

    #[test]
    fn shipped_version_custom_registry_and_duplicates_are_quiet() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.6");
        o.installed(Some("b"), "iscsi-tools", "v0.1.1");
        o.installed(Some("b"), "iscsi-tools", "v0.1.4");
        let d = o.doc();
        o.configured(
            d,
            None,
            "registry.example.com/siderolabs/iscsi-tools:v0.1.4",
        );
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
    }

    #[test]
    fn a_config_and_its_patch_are_duplicate_extension_s_finding() {
        use crate::observation::ConfigKind;
        let mut o = Obs::new();
        let (base, patch) = (o.doc(), o.doc());
        o.config(base, None, ConfigKind::MachineConfig, true);
        o.configured(base, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.config(patch, None, ConfigKind::StrategicPatch, true);
        o.configured(patch, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
    }

    #[test]
    fn prereleases_are_not_judged_by_the_release_s_versions() {
        // Image Factory builds the modules of a prerelease for it (`-v1.10.1-beta.0`); the catalog lists the
        // release's (`-v1.10.1`), and what else the prerelease shipped it does not know.
        for (talos, drbd) in [
            ("v1.10.1-beta.0", "9.2.13-v1.10.1-beta.0"),
            ("v1.10.0-alpha.1-9-gaf706ee", "9.2.13-v1.10.0-alpha.1"),
        ] {
            let mut o = Obs::new();
            o.installed(Some("a"), "drbd", drbd);
            o.installed(Some("a"), "iscsi-tools", "v0.1.6");
            assert!(
                check_with(&o.build(), Some(talos), check).is_empty(),
                "{talos}"
            );
        }
    }

    #[test]
    fn a_digest_the_release_does_not_publish_is_another_build() {
        use crate::catalog::{encode, Catalog};
        use crate::input::Options;
        let published = format!("sha256:{}", "ab".repeat(32));
        let source = serde_json::json!({"releases": {"v1.20.0": {"iscsi-tools": {
            "version": "v0.3.0", "talos_constraint": ">= v1.1.0",
            "image": "ghcr.io/siderolabs/iscsi-tools:v0.3.0", "digest": published}}}});
        let text: &'static str = Box::leak(encode(&source).expect("encodes").into_boxed_str());
        let catalog: &'static Catalog = Box::leak(Box::new(Catalog::decode(text)));
        let run = |image: &str| {
            let mut o = Obs::new();
            let d = o.doc();
            o.configured(d, None, image);
            let obs = o.build();
            let options = Options {
                talos_version: Some("v1.20.0".into()),
            };
            let mut ctx = Context::new(&obs, &options);
            ctx.catalog = catalog;
            let mut out = Vec::new();
            check(&ctx, &mut out);
            out
        };
        let other = format!("sha256:{}", "cd".repeat(32));
        let f = run(&format!("ghcr.io/siderolabs/iscsi-tools:v0.3.0@{other}"));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "iscsi-tools v0.3.0 is pinned to digest sha256:cdcdcdcdcdcdcdcd…, but Talos v1.20.0 publishes \
             iscsi-tools v0.3.0 as sha256:abababababababab…: another build of the same tag."
        );
        // The published digest, the tag alone, or a release without digests: nothing to say.
        assert!(run(&format!(
            "ghcr.io/siderolabs/iscsi-tools:v0.3.0@{published}"
        ))
        .is_empty());
        assert!(run("ghcr.io/siderolabs/iscsi-tools:v0.3.0").is_empty());
        let mut o = Obs::new();
        let d = o.doc();
        o.configured(
            d,
            None,
            &format!("ghcr.io/siderolabs/iscsi-tools:v0.1.6@{other}"),
        );
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
    }

    #[test]
    fn unknown_release_is_quiet() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.1");
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
