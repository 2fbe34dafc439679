#![doc = include_str!("unknown_extension.md")]

use crate::fix;
use crate::observation::is_pseudo;
use crate::observation::{ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::predicates;
use crate::rules::{Context, RuleInfo};
use crate::version;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::unknown_extension,
    severity: Severity::Warning,
    summary:
        "an official-looking extension the node's Talos release does not ship: unknown, renamed, dropped or not yet shipped",
    doc: include_str!("unknown_extension.md"),
};

/// A schematic entry or a `ghcr.io/siderolabs/<name>` image.
fn looks_official(e: &ExtensionObservation) -> bool {
    match &e.image {
        Some(image) => predicates::is_siderolabs_image(image),
        None => e.origin == Origin::Schematic,
    }
}

fn what(e: &ExtensionObservation) -> String {
    match (&e.image, e.origin) {
        (Some(image), _) => image.to_string(),
        (None, _) => format!("siderolabs/{}", e.name),
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut seen: Vec<(&str, Option<&str>, Origin)> = Vec::new();
    for e in &ctx.observations.extensions {
        if is_pseudo(&e.name) || e.name.is_empty() || !looks_official(e) {
            continue;
        }
        let key = (e.name.as_str(), e.node.as_deref(), e.origin);
        if seen.contains(&key) {
            continue;
        }
        let node = e.node.as_deref();
        let talos = e
            .talos_version
            .clone()
            .or_else(|| ctx.talos_for(node).map(|t| t.version));
        // A name is judged against the node's release: `nvidia-container-toolkit` is known on Talos v1.7 and gone
        // from v1.8. A prerelease counts as the release it builds towards (`Catalog::ships`).
        if talos
            .as_deref()
            .is_some_and(|t| ctx.catalog.ships(t, &e.name))
        {
            continue;
        }
        let in_schematic = e.origin == Origin::Schematic;
        let newer_than_catalog = talos
            .as_deref()
            .is_some_and(|t| ctx.catalog.is_newer_than_catalog(t));
        let judged = if ctx.catalog.is_official(&e.name) {
            history(ctx, e, talos.as_deref(), in_schematic)
        } else if newer_than_catalog {
            // A release the catalog has not seen may bring the name: a typo or a new extension.
            Some(maybe_new(ctx, e, talos.as_deref().unwrap_or_default()))
        } else {
            Some(unknown(e, in_schematic))
        };
        let Some((severity, message, fixes)) = judged else {
            continue;
        };
        seen.push(key);
        out.push(Finding {
            rule: INFO.id,
            severity,
            node: node.map(str::to_string),
            extension: Some(e.name.clone()),
            versions: e.version.iter().cloned().collect(),
            message,
            spans: e.spans.clone(),
            fixes,
        });
    }
}

type Judged = (Severity, String, Vec<crate::report::Fix>);

/// An official name the node's release does not ship: when it was shipped, against the node's release (`talos`, the
/// node's Talos version, where known). `None` when nothing can be said: the release is unknown and the name was not
/// renamed, or the catalog does not know the node's minor and the name was shipped around it.
fn history(
    ctx: &Context,
    e: &ExtensionObservation,
    talos: Option<&str>,
    in_schematic: bool,
) -> Option<Judged> {
    let name = e.name.as_str();
    let (first, last) = ctx.catalog.shipped_from_to(name)?;
    // Shipped by the catalog's newest release, on a node newer than the catalog: whether the node's release still
    // ships it is exactly what the catalog cannot know (catalog-out-of-date says so).
    if talos.is_some_and(|t| ctx.catalog.is_newer_than_catalog(t))
        && ctx.catalog.newest_release() == Some(last)
    {
        return None;
    }
    let up_to = if ctx.catalog.is_last_of_minor(last) {
        // `v1.7.7` → `v1.7`: the whole minor shipped it.
        last.rsplit_once('.').map_or(last, |(minor, _)| minor)
    } else {
        last
    };
    let missing = if in_schematic {
        Severity::Error
    } else {
        Severity::Warning
    };
    let release = talos.and_then(|t| ctx.release(t));
    // The release it is judged as: the catalog's, else (a minor the catalog does not know) its own.
    let judged_as = talos.and_then(|t| {
        release
            .map(str::to_string)
            .or_else(|| version::talos_release(t))
    });
    let (Some(talos), Some(at)) = (talos, judged_as) else {
        // Without a release, a renamed name may still be right (an old node); say what it became, as advice.
        let new = ctx.catalog.renamed(name)?;
        return Some((
            Severity::Info,
            format!("{name} was an official extension up to Talos {up_to}; later releases ship it as {new}."),
            vec![use_name(name, new)],
        ));
    };
    // What the node's release ships; "later releases" where the catalog does not know it (a newer minor).
    let (ships, does_not_ship) = match release {
        Some(_) => (
            format!("Talos {talos} ships"),
            format!("Talos {talos} no longer ships"),
        ),
        None => (
            "later releases ship".to_string(),
            "later releases do not ship".to_string(),
        ),
    };
    if version::compare(&at, last).is_gt() {
        let new = ctx
            .catalog
            .renamed(name)
            .filter(|new| release.is_none_or(|_| ctx.catalog.ships(talos, new)));
        return Some(match new {
            Some(new) => (
                Severity::Warning,
                format!("{name} was an official extension up to Talos {up_to}; {ships} it as {new}."),
                vec![use_name(name, new)],
            ),
            None => (
                missing,
                format!("{name} was an official extension up to Talos {up_to}; {does_not_ship} it."),
                vec![fix::note(
                    "Remove it",
                    format!(
                        "No Talos release after {last} ships siderolabs/{name}: remove it from the schematic or \
                         config, or look for a replacement at https://github.com/siderolabs/extensions."
                    ),
                )],
            ),
        });
    }
    // Before it was shipped, or in a minor the catalog does not know: nothing sure to say.
    let release = release?;
    if version::compare(&at, first).is_lt() {
        let old = ctx
            .catalog
            .renamed_from(name)
            .filter(|old| ctx.catalog.ships(release, old));
        return Some(match old {
            Some(old) => (
                Severity::Warning,
                format!("{name} is an official extension from Talos {first} on; Talos {talos} ships it as {old}."),
                vec![use_name(name, old)],
            ),
            None => (
                missing,
                format!("{name} is an official extension from Talos {first} on; Talos {talos} does not ship it yet."),
                vec![fix::note(
                    "Upgrade Talos or remove it",
                    format!("Upgrade to Talos {first} or later to use siderolabs/{name}, or remove it."),
                )],
            ),
        });
    }
    Some((
        missing,
        format!(
            "{} is not in the catalog of Talos {talos}: other releases ship it, this one does not.",
            what(e)
        ),
        vec![fix::note(
            "Check which Talos releases ship it",
            "See https://github.com/siderolabs/extensions for the releases that carry it, or remove it.",
        )],
    ))
}

fn use_name(name: &str, instead: &str) -> crate::report::Fix {
    fix::note(
        format!("Use siderolabs/{instead}"),
        format!("Replace siderolabs/{name} with siderolabs/{instead} in the schematic or config."),
    )
}

/// A name no release of the catalog ships, on a node whose release is newer than the catalog.
fn maybe_new(ctx: &Context, e: &ExtensionObservation, talos: &str) -> Judged {
    (
        Severity::Info,
        format!(
            "No Talos release up to {} ships an official extension named {}; Talos {talos} is newer than the \
             catalog, so it may be new in that release, or a typo.",
            ctx.catalog.newest_release().unwrap_or("none"),
            e.name
        ),
        vec![fix::note(
            "Check the name",
            format!(
                "Compare {} with the list at https://github.com/siderolabs/extensions (or `crane export \
                 ghcr.io/siderolabs/extensions:{talos} | tar x -O image-digests`).",
                what(e)
            ),
        )],
    )
}

fn unknown(
    e: &ExtensionObservation,
    in_schematic: bool,
) -> (Severity, String, Vec<crate::report::Fix>) {
    let consequence = if in_schematic {
        "Image Factory rejects the schematic"
    } else {
        "the image cannot be pulled"
    };
    (
        if in_schematic { Severity::Error } else { Severity::Warning },
        format!("No Talos release ships an official extension named {}: {consequence}.", e.name),
        vec![fix::note(
            "Check the name",
            format!(
                "Compare {} with the list at https://github.com/siderolabs/extensions; an extension of your own needs \
                 its own registry path and cannot go into an Image Factory schematic.",
                what(e)
            ),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn typo_in_schematic_is_an_error() {
        let mut o = Obs::new();
        let d = o.doc();
        o.schematic(d, None, "x", &["iscsi-tool"], None);
        let f = check_with(&o.build(), Some("v1.9.2"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].message.contains("iscsi-tool:") || f[0].message.contains("iscsi-tool"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn renamed_extension() {
        let mut o = Obs::new();
        let d = o.doc();
        o.schematic(d, None, "x", &["i915-ucode"], None);
        let f = check_with(&o.build(), Some("v1.9.2"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "i915-ucode was an official extension up to Talos v1.8; Talos v1.9.2 ships it as i915."
        );
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].fixes[0].title, "Use siderolabs/i915");
    }

    /// One message per case, for a name in a schematic on `talos` (`None`: no finding).
    fn judged(name: &str, talos: Option<&str>) -> Option<(Severity, String)> {
        let mut o = Obs::new();
        let d = o.doc();
        o.schematic(d, None, "x", &[name], None);
        let f = check_with(&o.build(), talos, check);
        assert!(f.len() <= 1, "{f:#?}");
        f.first().map(|f| (f.severity, f.message.clone()))
    }

    #[test]
    fn old_names_are_known_on_their_releases() {
        for (name, talos) in [
            ("nvidia-container-toolkit", "v1.7.5"),
            ("nvidia-open-gpu-kernel-modules", "v1.2.0"),
            ("nonfree-kmod-nvidia", "v1.7.7"),
            ("i915-ucode", "v1.8.4"),
            ("gasket", "v1.7.1"),
            ("mellanox-ofed", "v1.10.9"),
            // A patch release newer than the catalog's: the minor's newest ships it.
            ("nvidia-fabricmanager", "v1.7.9"),
        ] {
            assert_eq!(judged(name, Some(talos)), None, "{name} on {talos}");
        }
    }

    #[test]
    fn old_names_on_later_releases_say_when_they_stopped() {
        let warn = |m: &str| Some((Severity::Warning, m.to_string()));
        assert_eq!(
            judged("nvidia-container-toolkit", Some("v1.8.0")),
            warn(
                "nvidia-container-toolkit was an official extension up to Talos v1.7; Talos v1.8.0 ships it as \
                 nvidia-container-toolkit-lts."
            )
        );
        // Renamed within a minor: the last patch release that shipped it.
        assert_eq!(
            judged("gasket", Some("v1.7.5")),
            warn("gasket was an official extension up to Talos v1.7.1; Talos v1.7.5 ships it as gasket-driver.")
        );
        // Dropped: in a schematic, Image Factory has nothing to build.
        assert_eq!(
            judged("mellanox-ofed", Some("v1.11.0")),
            Some((
                Severity::Error,
                "mellanox-ofed was an official extension up to Talos v1.10; Talos v1.11.0 no longer ships it."
                    .to_string()
            ))
        );
        // Newer than the catalog: what it is known to have become.
        assert_eq!(
            judged("i915-ucode", Some("v1.14.0")),
            warn("i915-ucode was an official extension up to Talos v1.8; later releases ship it as i915.")
        );
    }

    #[test]
    fn names_on_a_release_newer_than_the_catalog_are_not_called_missing() {
        let newer = "v99.0.0";
        // Shipped by the catalog's newest release: nothing to say about a release it has not seen.
        assert_eq!(judged("iscsi-tools", Some(newer)), None);
        assert_eq!(judged("drbd", Some(newer)), None);
        // No known release ships it: possibly new, said as advice.
        let (severity, message) = judged("brand-new-ext", Some(newer)).expect("a finding");
        assert_eq!(severity, Severity::Info);
        assert!(message.contains("may be new in that release"), "{message}");
        // On a known release it is still unknown.
        assert_eq!(
            judged("brand-new-ext", Some("v1.9.2")).map(|f| f.0),
            Some(Severity::Error)
        );
    }

    #[test]
    fn new_names_on_earlier_releases_say_when_they_start() {
        assert_eq!(
            judged("i915", Some("v1.8.3")),
            Some((
                Severity::Warning,
                "i915 is an official extension from Talos v1.9.0 on; Talos v1.8.3 ships it as i915-ucode.".into()
            ))
        );
        assert_eq!(
            judged("amazon-ena", Some("v1.9.2")),
            Some((
                Severity::Error,
                "amazon-ena is an official extension from Talos v1.10.0 on; Talos v1.9.2 does not ship it yet."
                    .into()
            ))
        );
        // A minor the catalog does not know, inside the years the name was shipped: nothing sure to say.
        assert_eq!(judged("nvidia-container-toolkit", Some("v1.1.3")), None);
    }

    #[test]
    fn prereleases_are_judged_as_the_release_they_build_towards() {
        assert_eq!(
            judged("nvidia-container-toolkit", Some("v1.7.0-beta.0")),
            None
        );
        assert_eq!(
            judged(
                "nvidia-open-gpu-kernel-modules-lts",
                Some("v1.9.0-alpha.1-9-gaf706ee")
            ),
            None
        );
        assert_eq!(
            judged(
                "nvidia-open-gpu-kernel-modules",
                Some("v1.9.0-alpha.1-9-gaf706ee")
            ),
            Some((
                Severity::Warning,
                "nvidia-open-gpu-kernel-modules was an official extension up to Talos v1.7; Talos \
                 v1.9.0-alpha.1-9-gaf706ee ships it as nvidia-open-gpu-kernel-modules-lts."
                    .into()
            ))
        );
    }

    #[test]
    fn without_a_release_a_renamed_name_is_advice() {
        assert_eq!(
            judged("nvidia-container-toolkit", None),
            Some((
                Severity::Info,
                "nvidia-container-toolkit was an official extension up to Talos v1.7; later releases ship it as \
                 nvidia-container-toolkit-lts."
                    .into()
            ))
        );
        assert_eq!(
            judged("i915-ucode", Some("latest")).map(|f| f.0),
            Some(Severity::Info)
        );
        // Dropped names and names shipped today say nothing without a release.
        assert_eq!(judged("mellanox-ofed", None), None);
        assert_eq!(judged("i915", None), None);
    }

    #[test]
    fn known_and_custom_extensions_are_quiet() {
        let mut o = Obs::new();
        let d = o.doc();
        o.schematic(d, None, "x", &["iscsi-tools"], None);
        let c = o.doc();
        o.configured(c, None, "registry.example.com/me/my-ext:v1");
        o.installed_with_id(Some("n"), "my-ext", "v1", "0");
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
    }
}
