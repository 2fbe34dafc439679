#![doc = include_str!("unknown_extension.md")]

use crate::fix;
use crate::observation::{ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::cluster;
use crate::rules::{is_pseudo, Context, RuleInfo};

pub const INFO: RuleInfo = RuleInfo {
    id: "unknown-extension",
    severity: Severity::Warning,
    summary:
        "an official-looking extension the catalog does not know for that Talos release, or renamed",
    doc: include_str!("unknown_extension.md"),
};

/// A schematic entry or a `ghcr.io/siderolabs/<name>` image.
fn looks_official(e: &ExtensionObservation) -> bool {
    match &e.image {
        Some(image) => cluster::is_siderolabs_image(image),
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
        let release = talos.as_deref().and_then(|t| ctx.release(t));
        let known_here = talos
            .as_deref()
            .is_some_and(|t| release.is_some() && ctx.catalog.lookup(t, &e.name).is_some());
        if known_here {
            continue;
        }
        let in_schematic = e.origin == Origin::Schematic;
        let (severity, message, fixes) = if let Some(new) = ctx.catalog.renamed(&e.name) {
            (
                Severity::Warning,
                format!(
                    "{} was renamed to {new}: Image Factory still accepts the old name, but the node reports {new}.",
                    e.name
                ),
                vec![fix::note(
                    format!("Use siderolabs/{new}"),
                    format!("Replace siderolabs/{} with siderolabs/{new} in the schematic or config.", e.name),
                )],
            )
        } else if let (Some(t), Some(_)) = (&talos, release) {
            if ctx.catalog.is_official(&e.name) {
                (
                    if in_schematic { Severity::Error } else { Severity::Warning },
                    format!("{} is not in the catalog of Talos {t}: other releases ship it, this one does not.", what(e)),
                    vec![fix::note(
                        "Check which Talos releases ship it",
                        "See https://github.com/siderolabs/extensions for the releases that carry it, or remove it.",
                    )],
                )
            } else {
                unknown(e, in_schematic)
            }
        } else if !ctx.catalog.is_official(&e.name) {
            unknown(e, in_schematic)
        } else {
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
        assert!(
            f[0].message.starts_with("i915-ucode was renamed to i915"),
            "{}",
            f[0].message
        );
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
