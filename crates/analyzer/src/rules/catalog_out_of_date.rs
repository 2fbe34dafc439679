#![doc = include_str!("catalog_out_of_date.md")]

use crate::fix;
use crate::observation::TalosVersionSource;
use crate::report::{Finding, Severity};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::catalog_out_of_date,
    severity: Severity::Info,
    summary: "a node runs a Talos release newer than the catalog of official extensions: its version checks are skipped",
    doc: include_str!("catalog_out_of_date.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(newest) = ctx.catalog.newest_release() else {
        return;
    };
    // The user's version is every node's: one finding says it.
    if let Some(talos) = &ctx.user_talos_version {
        if ctx.catalog.is_newer_than_catalog(talos) {
            out.push(finding(
                None,
                talos,
                format!("You gave Talos {talos}"),
                newest,
                Vec::new(),
            ));
        }
        return;
    }
    // One finding per node and version, spanning every place that version was seen; only the version the rules
    // use for that node (`talosctl version` wins over a config's installer tag).
    let mut found: Vec<(Option<&str>, &str, TalosVersionSource, Vec<Span>)> = Vec::new();
    for t in &ctx.observations.talos_versions {
        if !ctx.catalog.is_newer_than_catalog(&t.version) {
            continue;
        }
        let node = t.node.as_deref();
        if node.is_some()
            && ctx.talos_for(node).map(|used| used.version).as_deref() != Some(t.version.as_str())
        {
            continue;
        }
        match found.iter_mut().find(|f| f.0 == node && f.1 == t.version) {
            Some(f) => f.3.push(t.span),
            None => found.push((node, &t.version, t.source, vec![t.span])),
        }
    }
    for (node, talos, source, spans) in found {
        let who = match (node, source) {
            (Some(n), TalosVersionSource::Config) => format!("{n} is configured for Talos {talos}"),
            (Some(n), _) => format!("{n} runs Talos {talos}"),
            (None, _) => format!("The input shows Talos {talos}"),
        };
        out.push(finding(node, talos, who, newest, spans));
    }
}

fn finding(
    node: Option<&str>,
    talos: &str,
    who: String,
    newest: &str,
    spans: Vec<Span>,
) -> Finding {
    // The words for a node; for the user's or an unnamed config's release, the release itself.
    let skipped = if node.is_some() {
        "version checks for this node are skipped"
    } else {
        "version checks against it are skipped"
    };
    Finding {
        rule: INFO.id,
        severity: Severity::Info,
        node: node.map(str::to_string),
        extension: None,
        versions: vec![talos.to_string()],
        message: format!(
            "{who}, newer than the catalog of official extensions: the catalog knows releases up to {newest}; \
             {skipped}."
        ),
        spans,
        fixes: vec![fix::note(
            "Use a newer catalog",
            format!(
                "Use a newer talos-ext or page, or refresh the catalog for Talos {talos} (the README's \"Refreshing \
                 the catalog\"). Until then, compare versions with `crane export ghcr.io/siderolabs/extensions:{talos} \
                 | tar x -O image-digests`."
            ),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::TalosVersionSource as Src;
    use crate::rules::test_support::{check_with, Obs};

    fn newest() -> &'static str {
        crate::catalog::Catalog::embedded()
            .newest_release()
            .expect("a release")
    }

    #[test]
    fn one_finding_per_node_on_a_newer_release() {
        let mut o = Obs::new();
        o.talos(Some("a"), "v99.1.0", Src::TalosctlVersion);
        o.talos(Some("a"), "v99.1.0", Src::TalosctlVersion);
        o.talos(Some("b"), "v99.1.0", Src::Config);
        // The node's talosctl version wins over its config; the config's newer tag is not what c is judged by.
        o.talos(Some("c"), "v1.9.2", Src::TalosctlVersion);
        o.talos(Some("c"), "v99.1.0", Src::Config);
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].node.as_deref(), Some("a"));
        assert_eq!(f[0].spans.len(), 2);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(
            f[0].message,
            format!(
                "a runs Talos v99.1.0, newer than the catalog of official extensions: the catalog knows releases \
                 up to {}; version checks for this node are skipped.",
                newest()
            )
        );
        assert!(f[1]
            .message
            .starts_with("b is configured for Talos v99.1.0,"));
    }

    #[test]
    fn the_user_s_version_is_one_finding() {
        let mut o = Obs::new();
        o.talos(Some("a"), "v99.1.0", Src::TalosctlVersion);
        let f = check_with(&o.build(), Some("v99.2.0"), check);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].node, None);
        assert!(f[0].message.starts_with("You gave Talos v99.2.0,"));
        assert!(f[0]
            .message
            .ends_with("; version checks against it are skipped."));
        // The user's known release wins over the node's newer one.
        assert!(check_with(&o.build(), Some("v1.9.2"), check).is_empty());
    }

    #[test]
    fn known_releases_and_older_patches_are_quiet() {
        let mut o = Obs::new();
        o.talos(Some("a"), newest(), Src::TalosctlVersion);
        o.talos(Some("b"), "v1.9.7", Src::TalosctlVersion);
        o.talos(Some("c"), "latest", Src::Config);
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
