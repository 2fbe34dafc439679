//! The examples menu's content: real pastes from `fixtures/`, each showing what its name says.

use std::rc::Rc;

use crate::model::session::{Session, SessionContent, SessionInput, PASTE};

/// One example: the menu's value, its label, and its inputs (name, text; the first is the paste).
pub struct Example {
    pub value: &'static str,
    pub label: &'static str,
    pub inputs: &'static [(&'static str, &'static str)],
}

/// Every example, in menu order.
pub const EXAMPLES: &[Example] = &[
    Example {
        value: "seed",
        label: "Duplicate iscsi-tools on a control plane (siderolabs/talos#10404)",
        inputs: &[(
            PASTE,
            include_str!("../../../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt"),
        )],
    },
    Example {
        value: "cluster-drift",
        label: "Two workers on different iscsi-tools versions",
        inputs: &[(
            PASTE,
            include_str!("../../../fixtures/rules/version-drift--fires--two-nodes.txt"),
        )],
    },
    Example {
        value: "config-mismatch",
        label: "Machine config installer vs the schematic the node runs",
        inputs: &[
            (
                PASTE,
                include_str!(
                    "../../../fixtures/rules/config-state-mismatch--fires--schematic-a-installer-b/state.txt"
                ),
            ),
            (
                "controlplane.yaml",
                include_str!(
                    "../../../fixtures/rules/config-state-mismatch--fires--schematic-a-installer-b/controlplane.yaml"
                ),
            ),
        ],
    },
    Example {
        value: "chat-paste",
        label: "A chat thread: NVIDIA modules built for another Talos release",
        inputs: &[(
            PASTE,
            include_str!("../../../fixtures/read/mixed-05-discord-everything.txt"),
        )],
    },
];

/// The example with this menu value.
pub fn find(value: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.value == value)
}

impl Example {
    /// A session holding this example's inputs, keeping `current`'s view settings (the Talos version is cleared:
    /// the example's own is detected).
    pub fn session(&self, current: &Session) -> Session {
        Session {
            inputs: self
                .inputs
                .iter()
                .map(|(name, text)| SessionInput {
                    name: (*name).to_owned(),
                    content: SessionContent::Text(Rc::from(*text)),
                })
                .collect(),
            talos_version: String::new(),
            view: current.view,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each example shows what its name says: the rule it is about fires.
    #[test]
    fn each_example_shows_its_rule() {
        for (value, rule) in [
            ("seed", "duplicate-extension"),
            ("cluster-drift", "version-drift"),
            ("config-mismatch", "config-state-mismatch"),
            ("chat-paste", "kmod-talos-mismatch"),
        ] {
            let example = find(value).expect("listed");
            let report = example.session(&Session::default()).analyse();
            assert!(
                report.findings.iter().any(|f| f.rule == rule),
                "{value}: {rule} in {:?}",
                report.findings.iter().map(|f| f.rule).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn every_example_starts_with_the_paste() {
        for example in EXAMPLES {
            assert_eq!(
                example.inputs.first().map(|i| i.0),
                Some(PASTE),
                "{}",
                example.value
            );
        }
    }
}
