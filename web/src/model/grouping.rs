//! Findings grouped by node or by rule, for the findings list. Groups come most severe first; within a group the
//! findings keep the report's order, most severe first.

use std::cmp::Reverse;

use talos_ext_analyzer::report::{Finding, Severity};
use talos_ext_analyzer::{all_rules, sort};

use crate::model::session::GroupBy;

/// What a group is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    /// A node as the report names it; `None`: findings about no one node (drift, configs, schematics).
    Node(Option<String>),
    Rule(&'static str),
}

/// One group: its key and the indices of its findings in `report.findings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: GroupKey,
    pub findings: Vec<usize>,
    /// The most severe finding's severity.
    pub severity: Severity,
}

/// Groups `findings` as asked.
pub fn group(findings: &[Finding], by: GroupBy) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let key = match by {
            GroupBy::Node => GroupKey::Node(f.node.clone()),
            GroupBy::Rule => GroupKey::Rule(f.rule),
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => {
                g.findings.push(i);
                g.severity = g.severity.max(f.severity);
            }
            None => groups.push(Group {
                key,
                findings: vec![i],
                severity: f.severity,
            }),
        }
    }
    // The analysis crate's sorts (one compiled sort for every element type, not one per type: page size).
    for g in &mut groups {
        sort::sort_by_key(&mut g.findings, |i| {
            Reverse(findings.get(*i).map(|f| f.severity))
        });
    }
    // Most severe group first; then nodes by name with "no node" last, rules in the registry's order.
    sort::sort_by(&mut groups, |a, b| {
        Reverse(a.severity)
            .cmp(&Reverse(b.severity))
            .then_with(|| order(&a.key).cmp(&order(&b.key)))
    });
    groups
}

/// The order of groups of one severity.
fn order(key: &GroupKey) -> (usize, Option<&str>) {
    match key {
        GroupKey::Node(Some(node)) => (0, Some(node)),
        GroupKey::Node(None) => (1, None),
        GroupKey::Rule(id) => (
            all_rules()
                .iter()
                .position(|r| r.id == *id)
                .unwrap_or(usize::MAX),
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, severity: Severity, node: Option<&str>) -> Finding {
        Finding {
            rule,
            severity,
            node: node.map(str::to_owned),
            extension: None,
            versions: vec![],
            message: String::new(),
            spans: vec![],
            fixes: vec![],
        }
    }

    #[test]
    fn by_node_most_severe_first_then_by_name_with_no_node_last() {
        let findings = [
            finding("version-drift", Severity::Warning, None),
            finding("catalog-version-mismatch", Severity::Warning, Some("b")),
            finding("duplicate-extension", Severity::Error, Some("c")),
            finding("catalog-version-mismatch", Severity::Warning, Some("a")),
            finding("unknown-extension", Severity::Info, Some("c")),
        ];
        let groups = group(&findings, GroupBy::Node);
        let keys: Vec<_> = groups.iter().map(|g| g.key.clone()).collect();
        assert_eq!(
            keys,
            [
                GroupKey::Node(Some("c".into())),
                GroupKey::Node(Some("a".into())),
                GroupKey::Node(Some("b".into())),
                GroupKey::Node(None),
            ]
        );
        assert_eq!(groups[0].findings, [2, 4]);
        assert_eq!(groups[0].severity, Severity::Error);
    }

    #[test]
    fn by_rule_in_registry_order_within_a_severity() {
        let findings = [
            finding("unknown-extension", Severity::Warning, Some("a")),
            finding("version-drift", Severity::Warning, None),
            finding("duplicate-extension", Severity::Error, Some("a")),
            finding("unknown-extension", Severity::Warning, Some("b")),
        ];
        let groups = group(&findings, GroupBy::Rule);
        let keys: Vec<_> = groups.iter().map(|g| g.key.clone()).collect();
        assert_eq!(
            keys,
            [
                GroupKey::Rule("duplicate-extension"),
                GroupKey::Rule("version-drift"),
                GroupKey::Rule("unknown-extension"),
            ]
        );
        assert_eq!(groups[2].findings, [0, 3]);
        assert!(group(&[], GroupBy::Rule).is_empty());
    }
}
