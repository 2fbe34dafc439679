//! One node, one name: a talhelper config names its nodes by `hostname`, while `talosctl -n <ip> get extensions`
//! prints the address it was given in its NODE column. Without a join the config's `worker-1` and the table's
//! `10.0.0.11` are two nodes, and a node that lacks what its schematic asks for goes unnoticed.
//!
//! Where a node's address ([`NodeAddress`]) is itself a node name in what was read, every observation of the
//! hostname is renamed to the address: the address is what the fix commands (`talosctl -n …`) need, and what the
//! user's other pastes already call the node. A hostname whose address appears nowhere keeps its name.

use crate::hash::{Map, Set};
use crate::observation::Observations;

/// Renames the nodes known by an address seen elsewhere (see the module's doc). Runs before [`super::merge`], so
/// that one fact read under both names is merged.
pub fn join(observations: &mut Observations) {
    if observations.node_addresses.is_empty() {
        return;
    }
    let mut seen: Set<&str> = Set::default();
    {
        let o = &*observations;
        let nodes = o
            .extensions
            .iter()
            .map(|e| &e.node)
            .chain(o.schematics.iter().map(|s| &s.node))
            .chain(o.installers.iter().map(|i| &i.node))
            .chain(o.talos_versions.iter().map(|t| &t.node))
            .chain(o.configs.iter().map(|c| &c.node))
            .chain(o.extension_service_configs.iter().map(|c| &c.node))
            .chain(o.kernels.iter().map(|k| &k.node));
        seen.extend(nodes.flatten().map(String::as_str));
    }
    let renames: Map<String, String> = observations
        .node_addresses
        .iter()
        .filter(|a| a.node != a.address && seen.contains(a.address.as_str()))
        .map(|a| (a.node.clone(), a.address.clone()))
        .collect();
    if renames.is_empty() {
        return;
    }
    let rename = |node: &mut Option<String>| {
        if let Some(address) = node.as_deref().and_then(|n| renames.get(n)) {
            *node = Some(address.clone());
        }
    };
    let o = observations;
    o.extensions.iter_mut().for_each(|e| rename(&mut e.node));
    o.schematics.iter_mut().for_each(|s| rename(&mut s.node));
    o.installers.iter_mut().for_each(|i| rename(&mut i.node));
    o.talos_versions
        .iter_mut()
        .for_each(|t| rename(&mut t.node));
    o.configs.iter_mut().for_each(|c| rename(&mut c.node));
    o.extension_service_configs
        .iter_mut()
        .for_each(|c| rename(&mut c.node));
    o.kernels.iter_mut().for_each(|k| rename(&mut k.node));
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
