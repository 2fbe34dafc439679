#![doc = include_str!("invalid_image_reference.md")]

use crate::fix;
use crate::image_ref::ImageRef;
use crate::observation::is_pseudo;
use crate::observation::{ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::predicates;
use crate::rules::{Context, RuleInfo};

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::invalid_image_reference,
    severity: Severity::Error,
    summary:
        "an extension image reference that cannot work: empty or missing tag, malformed reference",
    doc: include_str!("invalid_image_reference.md"),
};

/// What is wrong with a reference, if anything.
fn problem(image: &ImageRef) -> Option<&'static str> {
    if image.repository.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("has upper-case letters in its path, which no registry accepts");
    }
    if image.digest.is_some() {
        return None;
    }
    match image.tag.as_deref() {
        None => {
            Some("has no tag: it pulls :latest, which siderolabs extension images do not publish")
        }
        Some("") => Some("has no tag after the colon"),
        _ => None,
    }
}

/// The reference with the tag it should have.
fn suggestion(ctx: &Context, e: &ExtensionObservation, image: &ImageRef) -> String {
    let talos = ctx.talos_for(e.node.as_deref()).map(|t| t.version);
    let version = talos
        .as_deref()
        .and_then(|t| ctx.catalog.lookup(t, image.name()))
        .filter(|_| predicates::is_siderolabs_image(image))
        .map_or_else(|| "<version>".to_string(), |c| c.version.to_string());
    let mut fixed = image.clone();
    fixed.repository = fixed.repository.to_ascii_lowercase();
    if fixed.tag_str().is_none() {
        fixed.tag = Some(version);
    }
    fixed.to_string()
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for e in &ctx.observations.extensions {
        if is_pseudo(&e.name) || e.origin == Origin::Schematic {
            continue;
        }
        let (message, fixes) = match &e.image {
            Some(image) => {
                let Some(problem) = problem(image) else { continue };
                let fixed = suggestion(ctx, e, image);
                (
                    format!("The extension image {image} {problem}."),
                    vec![fix::note(
                        format!("Use {fixed}"),
                        format!(
                            "Replace {image} with {fixed} (the version the node's Talos release ships), or move the \
                             extension to an Image Factory schematic."
                        ),
                    )],
                )
            }
            None if e.origin == Origin::Configured => (
                "An entry of .machine.install.extensions has no usable image reference.".to_string(),
                vec![fix::note(
                    "Give the entry an image",
                    "Each entry needs `image: <registry>/<path>:<tag>`, e.g. ghcr.io/siderolabs/iscsi-tools:v0.1.6.",
                )],
            ),
            None => continue,
        };
        out.push(Finding {
            rule: INFO.id,
            severity: Severity::Error,
            node: e.node.clone(),
            extension: (!e.name.is_empty()).then(|| e.name.clone()),
            versions: e.version.iter().cloned().collect(),
            message,
            spans: e.spans.clone(),
            fixes,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn missing_and_empty_tags() {
        let mut o = Obs::new();
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/gvisor");
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:");
        o.configured(d, None, "ghcr.io/Siderolabs/zfs:v1");
        let f = check_with(&o.build(), None, check);
        let messages: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "The extension image ghcr.io/siderolabs/gvisor has no tag: it pulls :latest, which siderolabs \
                 extension images do not publish.",
                "The extension image ghcr.io/siderolabs/iscsi-tools: has no tag after the colon.",
                "The extension image ghcr.io/Siderolabs/zfs:v1 has upper-case letters in its path, which no registry \
                 accepts.",
            ]
        );
        assert_eq!(
            f[0].fixes[0].title,
            "Use ghcr.io/siderolabs/gvisor:<version>"
        );
    }

    #[test]
    fn unparsable_config_entry() {
        let mut o = Obs::new();
        let d = o.doc();
        o.configured(d, None, "not an image");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].extension, None);
    }

    #[test]
    fn good_references_are_quiet() {
        let mut o = Obs::new();
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/gvisor:v1.0.0");
        o.configured(d, None, "ghcr.io/siderolabs/zfs@sha256:abc123");
        o.installed(Some("n"), "iscsi-tools", "v0.1.1");
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
