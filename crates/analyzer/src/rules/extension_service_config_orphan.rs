#![doc = include_str!("extension_service_config_orphan.md")]

use crate::fix;
use crate::observation::is_pseudo;
use crate::observation::{ExtensionServiceConfigObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::{Context, RuleInfo};

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::extension_service_config_orphan,
    severity: Severity::Warning,
    summary: "an ExtensionServiceConfig for an extension that no input shows installed or configured on that node",
    doc: include_str!("extension_service_config_orphan.md"),
};

/// Could an observation about `node` be about the ESC's node?
fn same_node(esc: &ExtensionServiceConfigObservation, node: Option<&str>) -> bool {
    esc.node.is_none() || node.is_none() || esc.node.as_deref() == node
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let obs = ctx.observations;
    for esc in &obs.extension_service_configs {
        let name = esc.name.as_str();
        let renamed = ctx.catalog.renamed(name);
        let matches = |n: &str| n == name || Some(n) == renamed;
        let shown = obs
            .extensions
            .iter()
            .any(|e| matches(&e.name) && same_node(esc, e.node.as_deref()))
            || obs.schematics.iter().any(|s| {
                // A running or installer schematic counts when its ID names the extension.
                same_node(esc, s.node.as_deref())
                    && ctx
                        .known_schematics
                        .names(&s.id)
                        .is_some_and(|names| names.iter().any(|x| matches(x)))
            });
        if shown {
            continue;
        }
        // Does the input show what this node has at all?
        let knows_node = obs.extensions.iter().any(|e| {
            !is_pseudo(&e.name)
                && same_node(esc, e.node.as_deref())
                && e.origin == Origin::Installed
        }) || obs.schematics.iter().any(|s| {
            same_node(esc, s.node.as_deref())
                && s.origin != crate::observation::SchematicOrigin::Installer
        });
        let where_ = match &esc.node {
            Some(n) => format!("on {n}"),
            None => "on any node".to_string(),
        };
        let (severity, message) = if knows_node {
            (
                Severity::Warning,
                format!(
                    "ExtensionServiceConfig {name} configures an extension that is not installed or configured \
                     {where_}: its service will not run."
                ),
            )
        } else {
            (
                Severity::Info,
                format!(
                    "ExtensionServiceConfig {name}: the input does not show {name} installed or configured {where_}; \
                     it only takes effect where the extension is installed."
                ),
            )
        };
        let official = ctx.catalog.is_official(name);
        let advice = if official {
            format!(
                "Add siderolabs/{name} to the node's schematic and upgrade onto its installer, or remove the \
                 ExtensionServiceConfig document."
            )
        } else {
            format!(
                "Check that `name: {name}` is the extension's service name (`talosctl get extensions` lists what is \
                 installed), install the extension, or remove the document."
            )
        };
        out.push(Finding {
            rule: INFO.id,
            severity,
            node: esc.node.clone(),
            extension: Some(name.to_string()),
            versions: Vec::new(),
            message,
            spans: vec![esc.span],
            fixes: vec![fix::note(
                format!("Install {name} or drop its service config"),
                advice,
            )],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn config_for_an_extension_the_node_lacks() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.2"), "iscsi-tools", "v0.1.6");
        o.service_config(Some("10.0.0.2"), "nut-client");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(
            f[0].message,
            "ExtensionServiceConfig nut-client configures an extension that is not installed or configured on \
             10.0.0.2: its service will not run."
        );
    }

    #[test]
    fn installed_configured_or_in_a_schematic_is_fine() {
        let mut o = Obs::new();
        o.installed(Some("a"), "nut-client", "v2.8.2");
        o.service_config(Some("a"), "nut-client");
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/tailscale:v1.76.6");
        o.service_config(None, "tailscale");
        let s = o.doc();
        o.schematic(s, None, "x", &["cloudflared"], None);
        o.service_config(None, "cloudflared");
        assert!(check_with(&o.build(), None, check).is_empty());
    }

    #[test]
    fn other_nodes_extension_does_not_count() {
        let mut o = Obs::new();
        o.installed(Some("a"), "nut-client", "v2.8.2");
        o.installed(Some("b"), "iscsi-tools", "v0.1.6");
        o.service_config(Some("b"), "nut-client");
        assert_eq!(check_with(&o.build(), None, check).len(), 1);
    }

    #[test]
    fn only_advice_without_any_node_state() {
        let mut o = Obs::new();
        o.service_config(None, "nut-client");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
    }
}
