#![doc = include_str!("node_did_not_answer.md")]

use crate::fix;
use crate::hash::Set;

use crate::observation::{NodeErrorObservation, Origin};
use crate::report::{Finding, Fix, FixKind, Safety, Severity};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::node_did_not_answer,
    severity: Severity::Warning,
    summary: "a node that talosctl could not read: its extensions are unknown and left out of every comparison",
    doc: include_str!("node_did_not_answer.md"),
};

/// Why a node gives this gRPC code, in a few words.
fn reason(code: &str) -> &'static str {
    match code {
        "Unavailable" => {
            "the node is down or rebooting, or its API (port 50000) is not reachable from where talosctl ran"
        }
        "DeadlineExceeded" => "the node did not answer in time",
        "PermissionDenied" | "Unauthenticated" => {
            "the talosconfig's certificate has no role on this node, or belongs to another cluster"
        }
        "Unimplemented" => "the node runs a Talos release too old for this request",
        _ => "see the error",
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let obs = ctx.observations;
    if obs.node_errors.is_empty() {
        return;
    }
    // Any row of a node's state (its `schematic` row too) means it answered at some point.
    let mut answered: Set<&str> = Set::default();
    for e in &obs.extensions {
        if let (Origin::Installed, Some(node)) = (e.origin, e.node.as_deref()) {
            answered.insert(node);
        }
    }
    // One finding per node, with the span of each of its error lines: the lines sorted by node (stably, so a
    // node's first line leads its group), then grouped. Scanning every line per node was quadratic: a paste of
    // 100,000 error lines took 143 s. (Findings are sorted by position afterwards, so this order is not shown.)
    let mut errors: Vec<&NodeErrorObservation> = obs
        .node_errors
        .iter()
        .filter(|e| !answered.contains(e.node.as_str()))
        .collect();
    crate::sort::sort_by(&mut errors, |a, b| a.node.cmp(&b.node));
    for group in errors.chunk_by(|a, b| a.node == b.node) {
        let error = group[0];
        let spans: Vec<Span> = group.iter().map(|e| e.span).collect();
        let node = error.node.as_str();
        let mut message = format!(
            "{node} did not answer talosctl ({}): its extensions are unknown, so it is left out of every comparison.",
            error.code
        );
        if !error.description.is_empty() {
            message.push_str(" The error: ");
            message.push_str(&error.description);
        }
        out.push(Finding {
            rule: INFO.id,
            severity: INFO.severity,
            node: Some(node.to_owned()),
            extension: None,
            versions: Vec::new(),
            message,
            spans,
            fixes: vec![
                fix::note(
                    format!("Make {node} answer"),
                    format!("{}: {}.", error.code, reason(&error.code)),
                ),
                Fix {
                    kind: FixKind::Command,
                    safety: Safety::Safe,
                    title: "Then read its extensions and paste them beside the rest".to_owned(),
                    content: format!("talosctl -n {node} get extensions\n"),
                    schematic_id: None,
                },
            ],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_with, Obs};

    #[test]
    fn a_node_that_did_not_answer_is_reported_once() {
        let mut o = Obs::new();
        o.installed(Some("10.0.0.1"), "iscsi-tools", "v0.1.6");
        o.node_error("10.0.0.3", "Unavailable", "connection refused");
        o.node_error("10.0.0.3", "Unavailable", "connection refused");
        let f = check_with(&o.build(), None, check);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].node.as_deref(), Some("10.0.0.3"));
        assert_eq!(f[0].spans.len(), 2);
        assert_eq!(
            f[0].message,
            "10.0.0.3 did not answer talosctl (Unavailable): its extensions are unknown, so it is left out of every \
             comparison. The error: connection refused"
        );
        assert_eq!(
            f[0].fixes[1].content,
            "talosctl -n 10.0.0.3 get extensions\n"
        );
        assert!(f[0].fixes[0].content.contains("port 50000"));
    }

    #[test]
    fn a_node_whose_extensions_are_shown_elsewhere_is_fine() {
        let mut o = Obs::new();
        o.node_error("10.0.0.3", "DeadlineExceeded", "");
        o.installed(Some("10.0.0.3"), "iscsi-tools", "v0.1.6");
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
