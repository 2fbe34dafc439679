//! Builds the report from what was read and found.

use crate::hash::Map;

use crate::observation::Origin;
use crate::read::Sink;
use crate::report::{
    ExtensionReport, Finding, NodeReport, Report, SchematicReport, REPORT_VERSION,
};
use crate::rules::known_schematics::KnownSchematics;

/// `known` names the schematics the input shows only by ID (a running or installer schematic), where it can.
pub(crate) fn report(
    sink: Sink,
    talos_version: Option<String>,
    findings: Vec<Finding>,
    known: &KnownSchematics,
) -> Report {
    let obs = &sink.observations;
    let mut nodes: Vec<NodeReport> = Vec::new();
    // Node name → index in `nodes`: a 10,000-node paste must not make this quadratic.
    let mut index: Map<Option<String>, usize> = Map::default();
    let mut node_index = |nodes: &mut Vec<NodeReport>, node: &Option<String>| -> usize {
        *index.entry(node.clone()).or_insert_with(|| {
            nodes.push(NodeReport {
                node: node.clone(),
                talos_version: None,
                running_schematic: None,
                kernel_version: None,
                shows_state: false,
                extensions: Vec::new(),
            });
            nodes.len() - 1
        })
    };
    for e in &obs.extensions {
        let i = node_index(&mut nodes, &e.node);
        nodes[i].shows_state |= e.origin == Origin::Installed;
        let Some(&span) = e.spans.first() else {
            continue;
        };
        nodes[i].extensions.push(ExtensionReport {
            name: e.name.clone(),
            version: e.version.clone(),
            image: e.image.as_ref().map(ToString::to_string),
            id: e.id.clone(),
            origin: e.origin,
            span,
            spans: e.spans.clone(),
        });
    }
    for v in &obs.talos_versions {
        if v.node.is_some() {
            let i = node_index(&mut nodes, &v.node);
            nodes[i]
                .talos_version
                .get_or_insert_with(|| v.version.clone());
        }
    }
    for k in &obs.kernels {
        let i = node_index(&mut nodes, &k.node);
        nodes[i].shows_state = true;
        nodes[i]
            .kernel_version
            .get_or_insert_with(|| k.kernel_version.clone());
    }
    for s in &obs.schematics {
        if s.origin == crate::observation::SchematicOrigin::Running {
            let i = node_index(&mut nodes, &s.node);
            nodes[i].shows_state = true;
            nodes[i]
                .running_schematic
                .get_or_insert_with(|| s.id.clone());
        }
    }
    for e in &obs.empty_states {
        let i = node_index(&mut nodes, &e.node);
        nodes[i].shows_state = true;
    }
    let schematics = obs
        .schematics
        .iter()
        .map(|s| SchematicReport {
            id: s.id.clone(),
            official_extensions: match (s.official_extensions.is_empty(), known.names(&s.id)) {
                (true, Some(names)) => names.iter().map(|n| format!("siderolabs/{n}")).collect(),
                _ => s.official_extensions.clone(),
            },
            origin: s.origin,
            node: s.node.clone(),
            span: s.span,
        })
        .collect();
    Report {
        report_version: REPORT_VERSION,
        inputs: sink.inputs,
        talos_version,
        nodes,
        schematics,
        findings,
        errors: sink.errors,
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Input, Options};

    /// Does the report say the input shows what the node runs? The page tells "not installed" from "not shown" by it.
    fn shows_state(text: &str) -> Vec<(Option<String>, bool)> {
        let report = analyze(&[Input::text("paste", text)], &Options::default());
        report
            .nodes
            .into_iter()
            .map(|n| (n.node, n.shows_state))
            .collect()
    }

    #[test]
    fn installed_extensions_alone_show_a_node_s_state_and_a_config_does_not() {
        let table = "NODE       NAMESPACE   TYPE              ID                                          VERSION   NAME          VERSION\n\
                     10.0.0.2   runtime     ExtensionStatus   000.ghcr.io-siderolabs-iscsi-tools-v0.1.4   1         iscsi-tools   v0.1.4\n";
        assert_eq!(shows_state(table), [(Some("10.0.0.2".into()), true)]);
        let config = "machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4\n";
        assert_eq!(
            shows_state(config)
                .into_iter()
                .map(|(_, shows)| shows)
                .collect::<Vec<_>>(),
            [false]
        );
    }

    #[test]
    fn a_running_schematic_is_reported_with_what_it_carries() {
        // The table's `schematic` row names only an ID; the report names the node's schematic and its extensions
        // (found from the rows the node shows), which the page and the JSON report show.
        let table = "NODE        NAMESPACE   TYPE              ID   VERSION   NAME               VERSION\n\
                     10.5.0.21   runtime     ExtensionStatus   0    1         iscsi-tools        v0.1.6\n\
                     10.5.0.21   runtime     ExtensionStatus   1    1         util-linux-tools   2.40.4\n\
                     10.5.0.21   runtime     ExtensionStatus   2    1         schematic          613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245\n";
        let report = analyze(&[Input::text("paste", table)], &Options::default());
        let id = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";
        assert_eq!(report.nodes.len(), 1);
        assert_eq!(report.nodes[0].running_schematic.as_deref(), Some(id));
        assert_eq!(report.schematics.len(), 1);
        assert_eq!(
            report.schematics[0].official_extensions,
            ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"]
        );
    }
}
