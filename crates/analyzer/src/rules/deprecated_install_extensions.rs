#![doc = include_str!("deprecated_install_extensions.md")]

use crate::hash::Set;

use crate::fix::{self, Plan};
use crate::observation::{DocumentId, ExtensionObservation, Origin};
use crate::report::{Finding, Severity};
use crate::rules::{index, planning};
use crate::rules::{Context, RuleInfo};
use crate::span::Span;
use crate::version::talos_minor;

pub const INFO: RuleInfo = RuleInfo {
    id: crate::rule_id::deprecated_install_extensions,
    severity: Severity::Warning,
    summary:
        ".machine.install.extensions in use (deprecated from Talos v1.5/v1.6, ignored from v1.10)",
    doc: include_str!("deprecated_install_extensions.md"),
};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // The configured extensions of each document, indexed once so that the rule stays linear in the number of
    // documents (a 50 MB paste holds thousands of configs).
    let by_doc = index::by_document(ctx, Origin::Configured);
    // Every document that lists extensions, with the span of its `install.extensions` key where known, in input
    // order (configs first).
    let mut seen: Set<DocumentId> = Set::default();
    let mut docs: Vec<(DocumentId, Option<&str>, Option<Span>)> = Vec::new();
    for c in &ctx.observations.configs {
        if c.install_extensions.is_some() && seen.insert(c.document) {
            docs.push((c.document, c.node.as_deref(), c.install_extensions));
        }
    }
    for e in ctx
        .observations
        .extensions
        .iter()
        .filter(|e| e.origin == Origin::Configured)
    {
        if seen.insert(e.document) {
            docs.push((e.document, e.node.as_deref(), None));
        }
    }
    for (doc, named, key) in docs {
        let node = ctx.index.config_node(named);
        let listed: &[&ExtensionObservation] = by_doc.get(&doc);
        if listed.is_empty() {
            // `op: remove` of the list, or an empty list: that is the fix, not the problem.
            continue;
        }
        let talos = ctx.talos_for(node).map(|t| t.version);
        let minor = talos.as_deref().and_then(talos_minor);
        if minor.is_some_and(|m| m < (1, 5)) {
            continue;
        }
        let ignored = minor.is_some_and(|m| m >= (1, 10));
        let mut names: Vec<&str> = listed.iter().map(|e| e.name.as_str()).collect();
        names.dedup();
        let which = fix::join_names(&names);
        let message = match (&talos, ignored) {
            (Some(t), true) => format!(
                "This config lists {which} in .machine.install.extensions, which Talos {t} ignores: they will not \
                 be installed. Use an Image Factory installer."
            ),
            (Some(t), false) => format!(
                "This config lists {which} in .machine.install.extensions, deprecated in Talos {t} and ignored \
                 from v1.10. Use an Image Factory installer."
            ),
            (None, _) => format!(
                "This config lists {which} in .machine.install.extensions, deprecated since Talos v1.5 and ignored \
                 from v1.10. Use an Image Factory installer."
            ),
        };
        let mut spans: Vec<Span> = key.into_iter().collect();
        let mut seen_spans: Set<Span> = Set::default();
        seen_spans.extend(spans.iter().copied());
        for s in listed.iter().flat_map(|e| e.spans.iter()) {
            if seen_spans.insert(*s) {
                spans.push(*s);
            }
        }
        let plan = Plan {
            nodes: vec![planning::node_plan(ctx, node, listed)],
            config_patch: true,
            reset: false,
        };
        let mut fixes = fix::ladder(&plan);
        if ignored {
            fixes.retain(|f| !f.title.starts_with("Or keep"));
        }
        out.push(Finding {
            rule: INFO.id,
            severity: if ignored {
                Severity::Error
            } else {
                Severity::Warning
            },
            node: node.map(str::to_string),
            extension: match names.as_slice() {
                [one] => Some((*one).to_string()),
                _ => None,
            },
            versions: {
                // In the order listed (they are versions of different extensions).
                let mut seen_versions: Set<&str> = Set::default();
                listed
                    .iter()
                    .filter_map(|e| e.version.as_deref())
                    .filter(|v| seen_versions.insert(v))
                    .map(str::to_string)
                    .collect()
            },
            message,
            spans,
            fixes,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::ConfigKind;
    use crate::report::FixKind;
    use crate::rules::test_support::{check_with, Obs};

    fn config(o: &mut Obs) {
        let d = o.doc();
        o.config(d, None, ConfigKind::MachineConfig, true);
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.6");
    }

    #[test]
    fn warns_before_1_10() {
        let mut o = Obs::new();
        config(&mut o);
        let f = check_with(&o.build(), Some("v1.9.2"), check);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].message.contains("deprecated in Talos v1.9.2"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].spans.len(), 2);
        assert!(f[0]
            .fixes
            .iter()
            .any(|x| x.kind == FixKind::ConfigPatch && x.content.contains("op: remove")));
    }

    #[test]
    fn error_from_1_10() {
        let mut o = Obs::new();
        config(&mut o);
        let f = check_with(&o.build(), Some("v1.10.0"), check);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].message.contains("Talos v1.10.0 ignores"),
            "{}",
            f[0].message
        );
        assert!(!f[0].fixes.iter().any(|x| x.title.starts_with("Or keep")));
    }

    #[test]
    fn silent_before_1_5_and_without_extensions() {
        let mut o = Obs::new();
        config(&mut o);
        assert!(check_with(&o.build(), Some("v1.4.8"), check).is_empty());
        let mut o = Obs::new();
        let d = o.doc();
        o.config(d, None, ConfigKind::JsonPatch, true);
        assert!(check_with(&o.build(), None, check).is_empty());
    }
}
