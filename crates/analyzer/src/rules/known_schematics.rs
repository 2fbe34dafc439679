//! Naming a schematic ID from its hash. A running or installer schematic ID is a SHA-256, but the schematic behind
//! it is usually one the paste implies: the extensions a node runs, what a config or schematic asks for, or one
//! official extension alone. The IDs of those candidates are computed and matched, so that a finding can say
//! "613e1592… = iscsi-tools, util-linux-tools" instead of an opaque hash, and judge what a node runs or an
//! installer carries.
//!
//! Candidates are computed only when an ID needs naming (a paste of configs alone pays nothing), each once.

use crate::catalog::Catalog;
use crate::hash::Map;
use crate::observation::{Observations, Origin, SchematicOrigin};
use crate::schematic::Schematic;

/// The ID of the empty schematic (no customization).
pub const EMPTY_SCHEMATIC: &str =
    "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

/// Schematic IDs and the official extensions (names without `siderolabs/`) they carry.
#[derive(Debug, Default)]
pub struct KnownSchematics {
    by_id: Map<String, Vec<String>>,
}

impl KnownSchematics {
    pub fn new(obs: &Observations, catalog: &Catalog) -> KnownSchematics {
        let mut known = KnownSchematics::default();
        known.by_id.insert(EMPTY_SCHEMATIC.to_string(), Vec::new());
        for s in obs
            .schematics
            .iter()
            .filter(|s| s.origin == SchematicOrigin::Computed)
        {
            known.by_id.entry(s.id.clone()).or_insert_with(|| {
                s.official_extensions
                    .iter()
                    .map(|e| official_name(e).to_string())
                    .collect()
            });
        }
        let unnamed = obs
            .schematics
            .iter()
            .any(|s| !known.by_id.contains_key(s.id.as_str()));
        if unnamed {
            known.add_candidates(obs, catalog);
        }
        known
    }

    /// The official extensions of the schematic with this ID (empty for the empty schematic), when known.
    pub fn names(&self, id: &str) -> Option<&[String]> {
        self.by_id.get(id).map(Vec::as_slice)
    }

    /// `613e1592b2da… (iscsi-tools, util-linux-tools)`, `376567988ad3… (no extensions)`, or the short ID alone
    /// when the schematic cannot be named.
    pub fn describe(&self, id: &str) -> String {
        let short = short_id(id);
        match self.names(id) {
            Some([]) => format!("{short} (no extensions)"),
            Some(names) => {
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                format!("{short} ({})", crate::fix::join_names(&refs))
            }
            None => short,
        }
    }

    /// The schematics the paste implies: each node's official extensions, each document's (config or schematic),
    /// in their order and sorted (as a generated schematic lists them), and each official extension alone.
    fn add_candidates(&mut self, obs: &Observations, catalog: &Catalog) {
        // A node's or a document's extensions are read one after the other: a run of one (origin, node or
        // document) is one set. No map of its own (page weight): an interleaved paste only tries more sets.
        let mut sets: Vec<Vec<&str>> = Vec::new();
        let mut last: Option<(Origin, Option<&str>, u32)> = None;
        for e in &obs.extensions {
            let key = match e.origin {
                Origin::Installed => (e.origin, e.node.as_deref(), 0),
                _ => (e.origin, None, e.document.0),
            };
            if last != Some(key) {
                last = Some(key);
                // Nodes one after the other run the same set: one set, not one per node.
                if let [.., before, last] = sets.as_slice() {
                    if before == last {
                        sets.pop();
                    }
                }
                sets.push(Vec::new());
            }
            if let Some(set) = sets.last_mut() {
                if !set.contains(&e.name.as_str()) {
                    set.push(&e.name);
                }
            }
        }
        // The lists tried, joined (a map type the analysis has already: page weight).
        let mut tried: Map<String, u32> = Map::default();
        for mut set in sets {
            // Only official extensions go into a schematic.
            set.retain(|name| catalog.is_official(name));
            let mut sorted = set.clone();
            crate::sort::sort_dedup(&mut sorted);
            if set != sorted {
                self.try_set(&set, &mut tried);
            }
            self.try_set(&sorted, &mut tried);
        }
        for name in catalog.names() {
            self.try_set(&[name], &mut tried);
        }
    }

    /// Computes the ID of a schematic listing exactly `names` in this order, once per list: a thousand nodes
    /// running one set cost one hash.
    fn try_set(&mut self, names: &[&str], tried: &mut Map<String, u32>) {
        // No list is skipped for being empty: the empty schematic is known already, and its ID is computed once.
        if tried.insert(names.join(","), 0).is_some() {
            return;
        }
        let schematic = Schematic {
            official_extensions: names.iter().map(|n| format!("siderolabs/{n}")).collect(),
            ..Schematic::default()
        };
        self.by_id
            .entry(schematic.id())
            .or_insert_with(|| names.iter().map(|n| (*n).to_string()).collect());
    }
}

/// A schematic ID's first 12 characters and an ellipsis (`c9078f941996…`).
pub fn short_id(id: &str) -> String {
    match id.char_indices().nth(12) {
        Some((i, _)) => format!("{}…", &id[..i]),
        None => id.to_string(),
    }
}

/// `siderolabs/iscsi-tools` → `iscsi-tools`.
pub fn official_name(entry: &str) -> &str {
    entry.strip_prefix("siderolabs/").unwrap_or(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::Obs;

    const ISCSI_UTIL: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";
    const ISCSI: &str = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";

    /// The ID of a schematic listing these official extensions in this order (`fix::schematic_for` sorts them).
    fn id_listing(names: &[&str]) -> String {
        Schematic {
            official_extensions: names.iter().map(|n| format!("siderolabs/{n}")).collect(),
            ..Schematic::default()
        }
        .id()
    }

    #[test]
    fn a_running_id_is_named_by_the_extensions_a_node_runs() {
        let mut o = Obs::new();
        o.installed(Some("a"), "iscsi-tools", "v0.1.6");
        o.installed(Some("a"), "util-linux-tools", "2.40.4");
        o.running(Some("a"), ISCSI_UTIL);
        o.running(Some("b"), ISCSI);
        let obs = o.build();
        let known = KnownSchematics::new(&obs, Catalog::embedded());
        assert_eq!(
            known.names(ISCSI_UTIL),
            Some(&["iscsi-tools".to_string(), "util-linux-tools".to_string()][..])
        );
        // Named by one official extension alone, which no node of the paste runs.
        assert_eq!(known.names(ISCSI), Some(&["iscsi-tools".to_string()][..]));
        assert_eq!(known.names(EMPTY_SCHEMATIC), Some(&[][..]));
        assert_eq!(known.names(&"0".repeat(64)), None);
        assert_eq!(
            known.describe(ISCSI_UTIL),
            "613e1592b2da… (iscsi-tools and util-linux-tools)"
        );
        assert_eq!(
            known.describe(EMPTY_SCHEMATIC),
            "376567988ad3… (no extensions)"
        );
        assert_eq!(known.describe(&"0".repeat(64)), "000000000000…");
    }

    #[test]
    fn each_node_of_a_cluster_table_names_its_own_schematic() {
        // One `get extensions` table of three nodes (one document), each running its own set of two official
        // extensions: each node's schematic is named by its set, not by the table's rows together.
        let sets = [
            ("a", ["iscsi-tools", "util-linux-tools"]),
            ("b", ["drbd", "zfs"]),
            ("c", ["intel-ucode", "qemu-guest-agent"]),
        ];
        let mut o = Obs::new();
        for (node, names) in &sets {
            for name in names {
                o.installed_with_id(Some(node), name, "v1", "0");
            }
            o.running(Some(node), &id_listing(names));
        }
        let mut obs = o.build();
        let table = obs.extensions[0].document;
        for e in &mut obs.extensions {
            e.document = table;
        }
        let known = KnownSchematics::new(&obs, Catalog::embedded());
        for (node, names) in &sets {
            assert_eq!(
                known.names(&id_listing(names)),
                Some(&names.map(str::to_string)[..]),
                "{node}"
            );
        }
    }

    #[test]
    fn a_node_listing_its_extensions_unsorted_names_its_schematic() {
        // A schematic written by hand lists util-linux-tools first; the node shows them in that order, and the ID
        // of that order (not the sorted one) is what it runs.
        let mut o = Obs::new();
        o.installed_with_id(Some("a"), "util-linux-tools", "2.40.4", "0");
        o.installed_with_id(Some("a"), "iscsi-tools", "v0.1.6", "1");
        let id = id_listing(&["util-linux-tools", "iscsi-tools"]);
        assert_ne!(id, ISCSI_UTIL);
        o.running(Some("a"), &id);
        let known = KnownSchematics::new(&o.build(), Catalog::embedded());
        assert_eq!(
            known.names(&id),
            Some(&["util-linux-tools".to_string(), "iscsi-tools".to_string()][..])
        );
    }

    #[test]
    fn nothing_is_computed_when_every_id_is_named() {
        let mut o = Obs::new();
        o.running(Some("a"), EMPTY_SCHEMATIC);
        let obs = o.build();
        let known = KnownSchematics::new(&obs, Catalog::embedded());
        assert_eq!(known.by_id.len(), 1);
    }
}
