//! One node, one name: a talhelper config names its nodes by `hostname`, while `talosctl -n <ip> get extensions`
//! prints the address it was given in its NODE column. Without a join the config's `worker-1` and the table's
//! `10.0.0.11` are two nodes, and a node that lacks what its schematic asks for goes unnoticed.
//!
//! Where a node's address ([`NodeAddress`]) is itself a node name in what was read, every observation of the
//! hostname is renamed to the address: the address is what the fix commands (`talosctl -n …`) need, and what the
//! user's other pastes already call the node. A hostname whose address appears nowhere keeps its name.

use crate::hash::Set;

use crate::observation::Observations;

/// Renames the nodes known by an address seen elsewhere (see the module's doc). Runs before [`super::merge`], so
/// that one fact read under both names is merged.
pub fn join(observations: &mut Observations) {
    if observations.node_addresses.is_empty() {
        return;
    }
    let addresses = std::mem::take(&mut observations.node_addresses);
    let node_errors = std::mem::take(&mut observations.node_errors);
    let mut nodes = node_names(observations);
    // A set and a list: types the analysis instantiates anyway.
    // The list holds the hostnames found under their address: a talconfig's nodes at most.
    let renames: Vec<(&str, &str)> = {
        let mut seen: Set<&str> = Set::default();
        for node in nodes.iter().filter_map(|n| n.as_deref()) {
            seen.insert(node);
        }
        // A node that did not answer is named as talosctl was asked: by its address.
        for e in &node_errors {
            seen.insert(e.node.as_str());
        }
        addresses
            .iter()
            .filter(|a| a.node != a.address && seen.contains(a.address.as_str()))
            .map(|a| (a.node.as_str(), a.address.as_str()))
            .collect()
    };
    for node in &mut nodes {
        let Some(name) = node.as_deref() else {
            continue;
        };
        if let Some((_, address)) = renames.iter().find(|(hostname, _)| *hostname == name) {
            **node = Some((*address).to_owned());
        }
    }
    drop(nodes);
    observations.node_addresses = addresses;
    observations.node_errors = node_errors;
}

/// The node of every observation, in one list (one loop each, not one iterator type per chain: page weight).
fn node_names(o: &mut Observations) -> Vec<&mut Option<String>> {
    let mut nodes = Vec::new();
    for e in &mut o.extensions {
        nodes.push(&mut e.node);
    }
    for s in &mut o.schematics {
        nodes.push(&mut s.node);
    }
    for i in &mut o.installers {
        nodes.push(&mut i.node);
    }
    for t in &mut o.talos_versions {
        nodes.push(&mut t.node);
    }
    for c in &mut o.configs {
        nodes.push(&mut c.node);
    }
    for c in &mut o.extension_service_configs {
        nodes.push(&mut c.node);
    }
    for k in &mut o.kernels {
        nodes.push(&mut k.node);
    }
    for e in &mut o.empty_states {
        nodes.push(&mut e.node);
    }
    nodes
}

#[cfg(test)]
mod tests {
    use crate::input::Input;
    use crate::read::read_all;

    const TALCONFIG: &str = "clusterName: c\ntalosVersion: v1.9.2\nnodes:\n  - hostname: cp-1\n    ipAddress: 10.0.0.1\n    controlPlane: true\n  - hostname: worker-1\n    ipAddress: 10.0.0.2\n  - hostname: worker-2\n    ipAddress: ${W2_IP}\nworker:\n  schematic:\n    customization:\n      systemExtensions:\n        officialExtensions: [siderolabs/iscsi-tools]\n";
    const TABLE: &str = "NODE       NAMESPACE   TYPE              ID   VERSION   NAME          VERSION\n10.0.0.2   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.6\n";

    fn nodes(inputs: &[Input]) -> Vec<Option<String>> {
        let sink = read_all(inputs);
        let o = &sink.observations;
        o.extensions
            .iter()
            .map(|e| e.node.clone())
            .chain(o.schematics.iter().map(|s| s.node.clone()))
            .collect()
    }

    #[test]
    fn a_hostname_becomes_the_address_the_table_shows() {
        let all = nodes(&[
            Input::text("talconfig.yaml", TALCONFIG),
            Input::text("t", TABLE),
        ]);
        let ip = Some("10.0.0.2".to_owned());
        assert!(all.contains(&ip));
        assert!(!all.contains(&Some("worker-1".to_owned())), "{all:?}");
        // Addresses not seen elsewhere (and unresolved `${…}` ones) leave their hostnames alone.
        assert!(all.contains(&Some("worker-2".to_owned())), "{all:?}");
    }

    #[test]
    fn without_the_address_elsewhere_hostnames_stay() {
        let all = nodes(&[Input::text("talconfig.yaml", TALCONFIG)]);
        assert!(all.contains(&Some("worker-1".to_owned())), "{all:?}");
        assert!(!all.contains(&Some("10.0.0.2".to_owned())), "{all:?}");
    }
}
