//! Rules: each looks at the observations of the whole analysis and reports findings with fixes.

use crate::input::Options;
use crate::observation::Observations;
use crate::report::{Finding, Severity};

/// What every rule sees.
pub struct Context<'a> {
    pub observations: &'a Observations,
    /// The Talos version assumed for the cluster: the user's, else the one the input shows when unambiguous.
    pub talos_version: Option<String>,
}

impl<'a> Context<'a> {
    pub fn new(observations: &'a Observations, options: &Options) -> Context<'a> {
        let talos_version = options.talos_version.clone().or_else(|| {
            let mut versions: Vec<&str> = observations
                .talos_versions
                .iter()
                .map(|v| v.version.as_str())
                .collect();
            versions.sort_unstable();
            versions.dedup();
            match versions.as_slice() {
                [one] => Some(one.to_string()),
                _ => None,
            }
        });
        Context {
            observations,
            talos_version,
        }
    }
}

/// Runs every rule; findings are sorted by input position.
pub fn run(context: &Context) -> Vec<Finding> {
    let _ = context;
    Vec::new()
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

/// Every rule, in a stable order.
pub fn all() -> &'static [RuleInfo] {
    &[]
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleInfo> {
    all().iter().find(|r| r.id == id)
}
