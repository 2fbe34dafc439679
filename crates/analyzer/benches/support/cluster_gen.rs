//! Generated clusters for benchmarks: `talosctl get extensions` of N nodes as a table and as an `-o yaml` stream,
//! the way talosctl prints them (shared by the reading benchmark and, through the same shapes, the browser scripts).

use std::fmt::Write;

const EXTENSIONS: [(&str, &str); 4] = [
    ("iscsi-tools", "v0.1.6"),
    ("util-linux-tools", "2.40.2"),
    ("qemu-guest-agent", "9.2.0"),
    ("drbd", "9.2.12-v1.9.2"),
];

fn node_address(i: usize) -> String {
    format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256)
}

/// One table with a header and every node's rows.
pub fn table(nodes: usize) -> String {
    let mut out = String::from(
        "NODE         NAMESPACE   TYPE              ID   VERSION   NAME               VERSION\n",
    );
    for i in 0..nodes {
        node_rows(&mut out, &node_address(i));
    }
    out
}

/// A node's rows: every extension, then its schematic.
fn node_rows(out: &mut String, node: &str) {
    for (id, (name, version)) in EXTENSIONS.iter().enumerate() {
        let _ = writeln!(
            out,
            "{node:<12} runtime     ExtensionStatus   {id:<4} 1         {name:<18} {version}"
        );
    }
    let _ = writeln!(
        out,
        "{node:<12} runtime     ExtensionStatus   {:<4} 1         schematic          613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245",
        EXTENSIONS.len()
    );
}

/// `talosctl -n <every node> get extensions` and its table, with empty nodes mixed in: every tenth node runs only
/// the empty schematic, every tenth (offset by five) has no row at all (it runs nothing). The absence rules judge
/// such nodes; their reading must stay linear.
pub fn table_with_empty(nodes: usize) -> String {
    let names: Vec<String> = (0..nodes).map(node_address).collect();
    let mut out = format!("$ talosctl -n {} get extensions\n", names.join(","));
    out.push_str(
        "NODE         NAMESPACE   TYPE              ID   VERSION   NAME               VERSION\n",
    );
    for (i, node) in names.iter().enumerate() {
        match i % 10 {
            0 => {
                let _ = writeln!(
                    out,
                    "{node:<12} runtime     ExtensionStatus   0    1         schematic          376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
                );
            }
            5 => {}
            _ => node_rows(&mut out, node),
        }
    }
    out
}

/// An `-o yaml` stream: one document per resource.
pub fn yaml(nodes: usize) -> String {
    let mut out = String::new();
    for i in 0..nodes {
        let node = node_address(i);
        for (id, (name, version)) in EXTENSIONS.iter().enumerate() {
            let _ = write!(
                out,
                "node: {node}\nmetadata:\n    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n    id: {id}\n    version: 1\n    owner: runtime.ExtensionStatusController\n    phase: running\n    created: 2025-01-20T10:00:00Z\n    updated: 2025-01-20T10:00:00Z\nspec:\n    image: {id}.sqsh\n    metadata:\n        name: {name}\n        version: {version}\n        author: Sidero Labs\n        description: |\n            This system extension provides {name}.\n        compatibility:\n            talos:\n                version: '>= v1.9.0'\n---\n"
            );
        }
    }
    out
}
