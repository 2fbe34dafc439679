//! Fix planning shared by the rules: which version of an extension to keep, and the fix plan for a node.

use crate::fix::{NodePlan, Plan, Wanted};
use crate::observation::{ExtensionObservation, Origin};

use crate::rules::predicates::{is_legacy_id, is_official, is_siderolabs_image};
use crate::rules::Context;
use crate::version;

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
    ctx.index.installers(node).iter().find_map(|i| {
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
        let exts = ctx.index.installed(node);
        plan.config_patch |=
            uses_install_extensions(&exts) || !ctx.index.intended_configured(node).is_empty();
        plan.nodes.push(node_plan(ctx, node, &exts));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Options;
    use crate::observation::TalosVersionSource;

    use crate::observation::InstallerContext;
    use crate::report::FixKind;
    use crate::rules::phrasing::keep_sentence;
    use crate::rules::test_support::Obs;

    const ID: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";

    #[test]
    fn keep_highest_without_a_release() {
        let mut o = Obs::new();
        o.installed(Some("n"), "iscsi-tools", "v0.1.1");
        o.installed(Some("n"), "iscsi-tools", "v0.1.4");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let seen = ctx.index.installed(Some("n"));
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
        let plan = node_plan(&ctx, Some("n"), &ctx.index.installed(Some("n")));
        assert_eq!(plan.talos_version.as_deref(), Some("v1.9.2"));
    }

    #[test]
    fn a_release_the_catalog_lacks_the_extension_for_is_said_so() {
        let mut o = Obs::new();
        o.installed(Some("n"), "my-ext", "v1");
        o.installed(Some("n"), "my-ext", "v2");
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let keep = keep_version(
            &ctx,
            Some("v1.9.2"),
            "my-ext",
            &ctx.index.installed(Some("n")),
        );
        assert_eq!(
            keep_sentence(&ctx, "my-ext", &keep, Some("v1.9.2")),
            " The catalog has no my-ext for Talos v1.9.2, so the fix keeps the highest version, v2."
        );
    }

    #[test]
    fn the_fix_keeps_the_factory_installer_path_the_node_uses() {
        // The config names the factory's default path, the upgrade the SecureBoot one: a SecureBoot node must
        // stay on installer-secureboot.
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "0");
        let default = format!("factory.talos.dev/installer/{ID}:v1.9.5");
        let secureboot = format!("factory.talos.dev/installer-secureboot/{ID}:v1.9.5");
        o.installer(Some("n"), Some(&default), InstallerContext::MachineConfig);
        o.installer(
            Some("n"),
            Some(&secureboot),
            InstallerContext::UpgradeCommand,
        );
        o.talos(Some("n"), "v1.9.5", TalosVersionSource::TalosctlVersion);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let fixes = crate::fix::ladder(&plan_for_nodes(&ctx, &[Some("n")], false));
        let upgrade = fixes
            .iter()
            .find(|f| f.content.starts_with("talosctl upgrade"));
        assert!(
            upgrade.is_some_and(|f| f
                .content
                .contains("--image factory.talos.dev/installer-secureboot/")),
            "{fixes:#?}"
        );
    }

    #[test]
    fn only_official_extensions_go_into_the_schematic() {
        // A third-party extension a node runs (shown without an image) is left out of the schematic; one a
        // schematic lists is official even when the catalog does not know it yet.
        let mut o = Obs::new();
        o.installed_with_id(Some("n"), "my-ext", "v1", "0");
        o.installed_with_id(Some("n"), "iscsi-tools", "v0.1.6", "1");
        let d = o.doc();
        o.schematic(d, Some("n"), ID, &["brand-new-ext"], None);
        let obs = o.build();
        let ctx = Context::new(&obs, &Options::default());
        let fixes = crate::fix::ladder(&plan_for_nodes(&ctx, &[Some("n")], false));
        let schematic = fixes.iter().find(|f| f.kind == FixKind::Schematic);
        assert!(
            schematic
                .is_some_and(|f| f.content.contains("siderolabs/iscsi-tools")
                    && !f.content.contains("my-ext")),
            "{fixes:#?}"
        );
        assert!(fixes
            .iter()
            .any(|f| f.title.starts_with("my-ext is not an official extension")));
        let intended = node_plan(&ctx, Some("n"), &ctx.index.intended(Some("n")));
        assert_eq!(intended.extensions[0].name, "brand-new-ext");
        assert!(intended.extensions[0].official);
    }
}
