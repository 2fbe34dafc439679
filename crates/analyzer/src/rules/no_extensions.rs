#![doc = include_str!("no_extensions.md")]

use crate::fix;
use crate::observation::is_pseudo;
use crate::report::{Finding, Severity};
use crate::rules::index::NodeState;
use crate::rules::known_schematics::EMPTY_SCHEMATIC;
use crate::rules::predicates;
use crate::rules::{Context, RuleInfo};

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::no_extensions,
    severity: Severity::Info,
    summary: "the nodes shown run no extensions at all, and nothing in the input asks them for any",
    doc: include_str!("no_extensions.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let obs = ctx.observations;
    // Only where nothing in the input runs or asks for an extension: otherwise the rules that compare speak.
    let asks = obs.extensions.iter().any(|e| !is_pseudo(&e.name))
        || obs.installers.iter().any(|i| {
            i.schematic_id
                .as_deref()
                .is_some_and(|id| id != EMPTY_SCHEMATIC)
        });
    if asks {
        return;
    }
    let empty: Vec<&NodeState> = ctx
        .index
        .node_states()
        .iter()
        .filter(|s| s.empty.is_some() || s.running.is_some_and(|r| r.id == EMPTY_SCHEMATIC))
        .collect();
    if empty.is_empty() {
        return;
    }
    let names: Vec<&str> = empty
        .iter()
        .map(|s| s.node.unwrap_or(fix::NODE_PLACEHOLDER))
        .collect();
    // An installer that carries nothing explains it.
    let carries_none = obs.installers.iter().filter(|i| {
        predicates::installs_plain(i) || i.schematic_id.as_deref() == Some(EMPTY_SCHEMATIC)
    });
    let why = match carries_none.filter_map(|i| i.image.as_ref()).next() {
        Some(image) => format!("The installer the input names, {image}, carries none."),
        None => {
            "If they should, they were never installed or a plain-installer upgrade dropped them."
                .to_string()
        }
    };
    out.push(Finding {
        rule: INFO.id,
        severity: Severity::Info,
        node: match empty.as_slice() {
            [one] => one.node.map(str::to_string),
            _ => None,
        },
        extension: None,
        versions: Vec::new(),
        message: format!(
            "No system extensions run on {}, and nothing in the input asks for any. {why}",
            fix::join_names(&names).replace(fix::NODE_PLACEHOLDER, "the node")
        ),
        spans: empty
            .iter()
            .filter_map(|s| s.empty.map(|e| e.span).or(s.running.map(|r| r.span)))
            .collect(),
        fixes: vec![fix::verify(&names)],
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::InstallerContext;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn nodes_shown_empty_with_nothing_asking_are_said_to_run_nothing() {
        let mut o = Obs::new();
        o.empty(Some("10.0.0.2"));
        o.running(Some("10.0.0.3"), EMPTY_SCHEMATIC);
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:#?}");
        // In the order the nodes first show state (the schematic rows, then the empty outputs).
        assert!(
            f[0].message
                .starts_with("No system extensions run on 10.0.0.3 and 10.0.0.2,"),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].fixes[0].content,
            "talosctl -n 10.0.0.3,10.0.0.2 get extensions\n"
        );
        assert_eq!(f[0].node, None);
        assert_eq!(f[0].spans.len(), 2);
    }

    #[test]
    fn quiet_when_a_node_runs_extensions_or_something_asks() {
        let mut o = Obs::new();
        o.empty(Some("a"));
        o.installed(Some("b"), "iscsi-tools", "v0.1.6");
        assert!(check_with(&o.build(), None, check).is_empty());

        let mut o = Obs::new();
        o.empty(Some("a"));
        o.installer(
            Some("a"),
            Some("factory.talos.dev/installer/c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac:v1.9.2"),
            InstallerContext::UpgradeCommand,
        );
        assert!(check_with(&o.build(), None, check).is_empty());

        // Nothing shown empty: nothing to say.
        assert!(check_with(&Obs::new().build(), None, check).is_empty());
    }
}
