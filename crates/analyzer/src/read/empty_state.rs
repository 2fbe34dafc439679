//! Empty state as evidence: a node whose `talosctl get extensions` output is shown and holds nothing runs no
//! extensions, and that is a fact the rules need as much as a row ("I added the extension and it is not there").
//!
//! The segmenter remembers a `get extensions` command ([`Awaiting`]) until its output: a table (even one with only
//! its header), a YAML or JSON stream. Every node the command targets that the output does not show is empty. An
//! `-o yaml`/`-o json` request prints nothing at all for such nodes, so one followed directly by another command or
//! by the end of the text is the same evidence. After every input is read, [`settle`] drops what other evidence
//! contradicts (the node did not answer, or shows rows elsewhere) and names an unnamed empty node when the paste
//! talks about exactly one node.

use crate::hash::Set;
use crate::observation::{EmptyStateObservation, Observations, Origin, SchematicOrigin};
use crate::span::Span;

/// A `get extensions` command whose output has not been read yet.
#[derive(Debug, Clone)]
pub struct Awaiting {
    /// The nodes it targets (`-n`, else the one endpoint); empty when it names none.
    pub targets: Vec<String>,
    /// The command line.
    pub span: Span,
    /// `-o yaml`/`-o json`: prints nothing for a node without extensions.
    pub prints_nothing_when_empty: bool,
}

/// How many state observations there were before a block was read (see [`nodes_since`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    extensions: usize,
    schematics: usize,
    kernels: usize,
}

/// Marks the observations read so far.
pub fn mark(obs: &Observations) -> Marks {
    Marks {
        extensions: obs.extensions.len(),
        schematics: obs.schematics.len(),
        kernels: obs.kernels.len(),
    }
}

/// The nodes whose state (installed rows, a running schematic, a kernel) was read after `marks`; `None` stands for
/// rows that name no node.
fn nodes_since(obs: &Observations, marks: Marks) -> Set<Option<&str>> {
    // A node's rows come one after the other: each run is hashed once, not each row.
    let mut set: Set<Option<&str>> = Set::default();
    let mut last: Option<Option<&str>> = None;
    let installed = obs.extensions[marks.extensions.min(obs.extensions.len())..]
        .iter()
        .filter(|e| e.origin == Origin::Installed)
        .map(|e| e.node.as_deref());
    let running = obs.schematics[marks.schematics.min(obs.schematics.len())..]
        .iter()
        .filter(|s| s.origin == SchematicOrigin::Running)
        .map(|s| s.node.as_deref());
    let kernels = obs.kernels[marks.kernels.min(obs.kernels.len())..]
        .iter()
        .map(|k| k.node.as_deref());
    for node in installed.chain(running).chain(kernels) {
        if last != Some(node) {
            last = Some(node);
            set.insert(node);
        }
    }
    set
}

/// Records the empty nodes of an extensions output read after `marks`: each target it does not show, or, when
/// the command named no node (or there was no command), the one node of an output that shows nothing. `hint` is
/// the node the surrounding text names for the output; `span` is where to point (a table's header).
pub fn after_output(
    obs: &mut Observations,
    marks: Marks,
    targets: &[String],
    hint: Option<&str>,
    span: Span,
) {
    let seen = nodes_since(obs, marks);
    let empty: Vec<Option<String>> = if targets.is_empty() {
        if seen.is_empty() {
            vec![hint.map(str::to_string)]
        } else {
            Vec::new()
        }
    } else {
        targets
            .iter()
            .filter(|t| !seen.contains(&Some(t.as_str())))
            .map(|t| Some(t.clone()))
            .collect()
    };
    for node in empty {
        obs.empty_states.push(EmptyStateObservation { node, span });
    }
}

/// Records every target of an `-o yaml`/`-o json` command that printed nothing.
pub fn nothing_printed(obs: &mut Observations, awaiting: &Awaiting) {
    if !awaiting.prints_nothing_when_empty {
        return;
    }
    // No hint: an output that printed nothing shows no node, and with no target the command named none either.
    after_output(obs, mark(obs), &awaiting.targets, None, awaiting.span);
}

/// After every input is read: drops an empty state that other evidence contradicts (the node did not answer, or
/// shows rows elsewhere in the input), keeps one per node, and names an unnamed empty node after the only node the
/// input talks about.
pub fn settle(obs: &mut Observations) {
    if obs.empty_states.is_empty() {
        return;
    }
    let shown: Set<Option<&str>> = obs
        .extensions
        .iter()
        .filter(|e| e.origin == Origin::Installed)
        .map(|e| e.node.as_deref())
        .chain(
            obs.schematics
                .iter()
                .filter(|s| s.origin == SchematicOrigin::Running)
                .map(|s| s.node.as_deref()),
        )
        .chain(obs.kernels.iter().map(|k| k.node.as_deref()))
        .collect();
    let failed: Set<&str> = obs.node_errors.iter().map(|e| e.node.as_str()).collect();
    let only_named = only_named_node(obs);
    if shown.is_empty() {
        for state in obs.empty_states.iter_mut().filter(|s| s.node.is_none()) {
            state.node.clone_from(&only_named);
        }
    }
    // Which to keep, decided over borrowed names (a set type the analysis has already: page weight).
    let mut seen: Set<Option<&str>> = Set::default();
    let keep: Vec<bool> = obs
        .empty_states
        .iter()
        .map(|state| {
            let node = state.node.as_deref();
            !shown.contains(&node) && !node.is_some_and(|n| failed.contains(n)) && seen.insert(node)
        })
        .collect();
    let mut keep = keep.into_iter();
    obs.empty_states.retain(|_| keep.next().unwrap_or(false));
}

/// The one node the input names anywhere (configs, schematics, installers, versions, errors), if exactly one.
fn only_named_node(obs: &Observations) -> Option<String> {
    // One loop per kind, not one iterator type per chain: page weight.
    let mut names: Vec<&str> = Vec::new();
    for e in &obs.extensions {
        names.extend(e.node.as_deref());
    }
    for s in &obs.schematics {
        names.extend(s.node.as_deref());
    }
    for i in &obs.installers {
        names.extend(i.node.as_deref());
    }
    for t in &obs.talos_versions {
        names.extend(t.node.as_deref());
    }
    for c in &obs.configs {
        names.extend(c.node.as_deref());
    }
    for e in &obs.node_errors {
        names.push(e.node.as_str());
    }
    for e in &obs.empty_states {
        names.extend(e.node.as_deref());
    }
    let first = *names.first()?;
    names.iter().all(|n| *n == first).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::{
        DocumentId, ExtensionObservation, NodeErrorObservation, SchematicObservation,
    };

    fn span(line: u32) -> Span {
        Span {
            input: 0,
            line,
            column: 1,
            end_line: line,
            end_column: 2,
        }
    }

    fn installed(node: &str) -> ExtensionObservation {
        ExtensionObservation {
            node: Some(node.into()),
            name: "iscsi-tools".into(),
            version: Some("v0.1.6".into()),
            image: None,
            id: Some("0".into()),
            origin: Origin::Installed,
            talos_version: None,
            document: DocumentId(1),
            spans: vec![span(2)],
        }
    }

    fn nodes(obs: &Observations) -> Vec<Option<&str>> {
        obs.empty_states.iter().map(|e| e.node.as_deref()).collect()
    }

    #[test]
    fn targets_without_rows_are_empty() {
        let mut obs = Observations::default();
        let marks = mark(&obs);
        obs.extensions.push(installed("a"));
        let targets = ["a".to_string(), "b".to_string(), "c".to_string()];
        after_output(&mut obs, marks, &targets, None, span(1));
        assert_eq!(nodes(&obs), [Some("b"), Some("c")]);
    }

    /// A node whose output shows its running schematic (the `schematic` row) is not empty; a schematic only named
    /// (an installer in the same text) shows nothing of the node.
    #[test]
    fn a_running_schematic_shows_the_node() {
        let mut obs = Observations::default();
        let marks = mark(&obs);
        for (node, origin) in [
            ("a", SchematicOrigin::Running),
            ("b", SchematicOrigin::Installer),
        ] {
            obs.schematics.push(SchematicObservation {
                node: Some(node.into()),
                id: "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba".into(),
                official_extensions: Vec::new(),
                origin,
                role: None,
                document: DocumentId(1),
                span: span(2),
            });
        }
        let targets = ["a".to_string(), "b".to_string()];
        after_output(&mut obs, marks, &targets, None, span(1));
        assert_eq!(nodes(&obs), [Some("b")]);
    }

    #[test]
    fn an_output_with_rows_and_no_targets_names_no_empty_node() {
        let mut obs = Observations::default();
        let marks = mark(&obs);
        obs.extensions.push(installed("a"));
        after_output(&mut obs, marks, &[], Some("a"), span(1));
        assert!(obs.empty_states.is_empty());
        // Rows read before the mark do not count for this output.
        let marks = mark(&obs);
        after_output(&mut obs, marks, &[], Some("x"), span(3));
        assert_eq!(nodes(&obs), [Some("x")]);
    }

    #[test]
    fn nothing_printed_only_for_structured_output() {
        let mut obs = Observations::default();
        let mut awaiting = Awaiting {
            targets: vec!["a".into(), "b".into()],
            span: span(1),
            prints_nothing_when_empty: false,
        };
        nothing_printed(&mut obs, &awaiting);
        assert!(obs.empty_states.is_empty());
        awaiting.prints_nothing_when_empty = true;
        nothing_printed(&mut obs, &awaiting);
        assert_eq!(nodes(&obs), [Some("a"), Some("b")]);
    }

    #[test]
    fn settle_drops_contradicted_and_repeated_states() {
        let mut obs = Observations::default();
        for node in ["a", "b", "c", "b"] {
            obs.empty_states.push(EmptyStateObservation {
                node: Some(node.into()),
                span: span(1),
            });
        }
        obs.extensions.push(installed("a"));
        obs.node_errors.push(NodeErrorObservation {
            node: "c".into(),
            code: "Unavailable".into(),
            description: "connection refused".into(),
            span: span(4),
        });
        settle(&mut obs);
        assert_eq!(nodes(&obs), [Some("b")]);
    }

    #[test]
    fn settle_names_an_unnamed_node_after_the_only_node_named() {
        let mut obs = Observations::default();
        obs.empty_states.push(EmptyStateObservation {
            node: None,
            span: span(1),
        });
        let mut configured = installed("10.0.0.2");
        configured.origin = Origin::Configured;
        obs.extensions.push(configured.clone());
        settle(&mut obs);
        assert_eq!(nodes(&obs), [Some("10.0.0.2")]);

        // Two named nodes: the empty one stays unnamed.
        let mut obs = Observations::default();
        obs.empty_states.push(EmptyStateObservation {
            node: None,
            span: span(1),
        });
        obs.extensions.push(configured.clone());
        configured.node = Some("10.0.0.3".into());
        obs.extensions.push(configured);
        settle(&mut obs);
        assert_eq!(nodes(&obs), [None]);
    }
}
