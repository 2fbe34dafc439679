//! Rules: each looks at the observations of the whole analysis and reports findings with fixes.
//!
//! One rule per file, each with its doc beside it (`<rule>.md`, shared by rustdoc, `talos-ext explain` and the web
//! app's rule pages). The cross-input reasoning every rule needs (which node a config belongs to, which Talos
//! release a node runs, which version of an extension to keep) lives in [`index`] (the joins), [`planning`] (which
//! version to keep, the fix plan), [`predicates`] and [`phrasing`] (shared wording); what every rule sees is the
//! [`Context`]. Each rule is declared once, by its line in [`crate::rule_id`]'s `every_rule!`.

pub mod context;
pub mod index;
pub mod known_schematics;
pub mod phrasing;
pub mod planning;
pub mod predicates;

#[cfg(test)]
pub(crate) mod test_support;

pub use context::{Context, Talos, TalosFrom};

use crate::report::{Finding, Severity};

/// Runs every rule; findings are sorted by (input, line, column, rule).
///
/// A rule writes its findings as `Finding { rule: INFO.id, .. }` literals, its id the typed constant of
/// [`crate::rule_id`]. Builders were tried and measured: each moved the whole `Finding` per step (or per struct
/// update), 3.5 KB more of the page's wasm over the rules' 22 findings, over the page's budget. Instead the debug
/// builds (every native test) check here that a rule reports under its own id only.
pub fn run(context: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (check, _info) in CHECKS.iter().zip(INFOS) {
        #[cfg(debug_assertions)]
        let from = findings.len();
        check(context, &mut findings);
        #[cfg(debug_assertions)]
        if let Some(f) = findings[from..].iter().find(|f| f.rule != _info.id) {
            panic!("rule {} reported a finding as {}", _info.id, f.rule);
        }
    }
    crate::sort::sort_by(&mut findings, |a, b| sort_key(a).cmp(&sort_key(b)));
    findings
}

fn sort_key(f: &Finding) -> (usize, u32, u32, &'static str, Option<&str>, Option<&str>) {
    let (input, line, column) = f
        .spans
        .first()
        .map_or((usize::MAX, u32::MAX, u32::MAX), |s| {
            (s.input, s.line, s.column)
        });
    (
        input,
        line,
        column,
        f.rule,
        f.node.as_deref(),
        f.extension.as_deref(),
    )
}

/// What the CLI (`talos-ext rules`, `talos-ext explain`) and the web app's rule pages show of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id (`duplicate-extension`).
    pub id: &'static str,
    /// The severity its findings usually carry.
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The rule's doc (Markdown): what it finds, why it matters, an example, how to fix.
    pub doc: &'static str,
}

/// A rule's check.
type Check = fn(&Context, &mut Vec<Finding>);

/// Declares every rule of `crate::rule_id::every_rule!` once: its module, its check and its info, in one order.
macro_rules! rules {
    ($($module:ident => $id:literal,)*) => {
        $(pub mod $module;)*

        const CHECKS: &[Check] = &[$($module::check),*];

        static INFOS: &[RuleInfo] = &[$($module::INFO),*];
    };
}
crate::rule_id::every_rule!(rules);

/// Every rule, in a stable order.
pub fn all() -> &'static [RuleInfo] {
    INFOS
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    all().iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::test_support::Obs;
    use super::*;
    use crate::input::Options;

    #[test]
    fn each_rule_info_carries_the_id_of_its_line_in_every_rule() {
        let ids: Vec<&str> = all().iter().map(|r| r.id).collect();
        assert_eq!(ids, crate::rule_id::ALL);
    }

    #[test]
    fn every_rule_is_listed_once_with_a_doc() {
        assert_eq!(all().len(), CHECKS.len());
        assert_eq!(all().len(), crate::rule_id::ALL.len());
        for (id, info) in crate::rule_id::ALL.iter().zip(all()) {
            assert_eq!(*id, info.id);
            assert!(info.doc.starts_with("# "), "{} doc has no title", info.id);
            assert!(
                info.doc.contains(info.id),
                "{} doc does not name its id",
                info.id
            );
            assert_eq!(all().iter().filter(|r| r.id == info.id).count(), 1);
        }
        assert_eq!(find("version-drift").map(|r| r.id), Some("version-drift"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn findings_are_sorted_by_position_then_rule() {
        let mut o = Obs::new();
        // A duplicate in a config (line 1, 2) and an untagged image (line 3) in the same document.
        let d = o.doc();
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        o.configured(d, None, "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
        o.configured(d, None, "ghcr.io/siderolabs/gvisor");
        let obs = o.build();
        let findings = run(&Context::new(&obs, &Options::default()));
        let keys: Vec<_> = findings.iter().map(sort_key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(findings.iter().any(|f| f.rule == "duplicate-extension"));
        assert!(findings.iter().any(|f| f.rule == "invalid-image-reference"));
    }
}

#[cfg(test)]
mod no_panic {
    use super::test_support::Obs;
    use super::*;
    use crate::input::Options;
    use crate::observation::{ConfigKind, InstallerContext, TalosVersionSource};
    use proptest::prelude::*;

    fn pick<'a>(options: &[&'a str], i: usize) -> &'a str {
        options.get(i % options.len()).copied().unwrap_or_default()
    }

    proptest! {
        /// Rules never panic, whatever the observations say (odd names, versions, unicode, empty strings).
        #[test]
        fn rules_never_panic(
            facts in proptest::collection::vec((0usize..9, 0usize..64, ".{0,12}", ".{0,12}"), 0..24),
            talos in proptest::option::of(".{0,8}"),
        ) {
            let nodes = [Some("a"), Some("b"), None];
            let names = ["iscsi-tools", "drbd", "schematic", "modules.dep", "", "é", "gvisor"];
            let kinds = [ConfigKind::MachineConfig, ConfigKind::StrategicPatch, ConfigKind::JsonPatch];
            let mut o = Obs::new();
            let docs = [o.doc(), o.doc()];
            for (kind, i, x, y) in &facts {
                let node = nodes[i % nodes.len()];
                let name = pick(&names, *i);
                let doc = docs[i % docs.len()];
                match kind {
                    0 => { o.installed(node, name, x); }
                    1 => { o.installed_with_id(node, name, x, y); }
                    2 => { o.configured(doc, node, &format!("ghcr.io/siderolabs/{name}:{x}")); }
                    3 => { o.configured(doc, node, x); }
                    4 => o.schematic(doc, node, x, &[name, name], None),
                    5 => o.running(node, x),
                    6 => o.installer(node, (i % 2 == 0).then_some(x.as_str()), InstallerContext::UpgradeCommand),
                    7 => o.talos(node, x, TalosVersionSource::KmodSuffix),
                    8 if i % 3 == 0 => o.empty(node),
                    _ => {
                        o.config(doc, node, kinds[i % kinds.len()], true);
                        o.service_config(node, y);
                    }
                }
            }
            let obs = o.build();
            let options = Options { talos_version: talos };
            let findings = run(&Context::new(&obs, &options));
            for f in &findings {
                prop_assert!(find(f.rule).is_some());
            }
        }
    }
}
