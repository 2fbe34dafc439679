//! The cluster matrix: nodes × extensions with the versions each node runs, where a version differs from the
//! cluster's majority (drift) and where a node runs two versions at once (duplicate). Built from the report's
//! `nodes` alone (the installed extensions of named nodes; the pseudo-extensions `schematic` and `modules.dep` are
//! facts about the node, not extensions).

use talos_ext_analyzer::is_pseudo;
use talos_ext_analyzer::observation::Origin;
use talos_ext_analyzer::report::NodeReport;
use talos_ext_analyzer::{sort, Report};

/// One cell: the versions a node runs of one extension (empty: not installed there).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// Each version with whether it drifts from the cluster's majority.
    pub versions: Vec<(String, bool)>,
    /// The node runs the extension more than once.
    pub duplicate: bool,
}

/// One row: a node and its cells, in the order of [`Matrix::extensions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub node: String,
    pub cells: Vec<Cell>,
}

/// The matrix of a report: its columns and which rows are marked. A row's cells are made only when it is drawn
/// ([`Matrix::row`]): a 10,000-node cluster has 10,000 rows, of which 100 are drawn until "Show all", and making
/// every row's strings held the page for about 40 ms after such a paste.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    /// Extension names, sorted.
    pub extensions: Vec<String>,
    /// Per extension: the version most nodes run, when one leads alone.
    majority: Vec<Option<String>>,
    /// Per extension: whether the cluster runs more than one version (only then can a version drift).
    spread: Vec<bool>,
    /// The rows: the index of each node in the report's `nodes`, and whether its row is marked (drift or a
    /// duplicate).
    rows: Vec<(usize, bool)>,
    /// How many rows are of nodes that run no extension at all.
    empty_rows: usize,
}

/// The rows to draw when at most `limit` are shown, by whether each is marked: every marked row first (a problem
/// is never hidden behind the limit), then unmarked ones, all in their own order. Gives the rows' indices.
pub fn shown_rows(marked: &[bool], limit: usize) -> Vec<usize> {
    let marked_count = marked.iter().filter(|m| **m).count().min(limit);
    let mut room = limit - marked_count;
    let mut taken = 0;
    (0..marked.len())
        .filter(|&i| {
            if marked[i] {
                taken += 1;
                taken <= marked_count
            } else if room > 0 {
                room -= 1;
                true
            } else {
                false
            }
        })
        .collect()
}

/// The version text of an extension with no version.
const NO_VERSION: &str = "?";

/// The installed extensions of `node` as (index in `extensions`, version), sorted, into `out` (cleared first).
fn indexed<'r>(node: &'r NodeReport, extensions: &[String], out: &mut Vec<(usize, &'r str)>) {
    out.clear();
    out.extend(
        node.extensions
            .iter()
            .filter(|e| e.origin == Origin::Installed && !is_pseudo(&e.name))
            .filter_map(|e| {
                let i = extensions
                    .binary_search_by(|x| x.as_str().cmp(&e.name))
                    .ok()?;
                Some((i, e.version.as_deref().unwrap_or(NO_VERSION)))
            }),
    );
    if out.len() <= 16 {
        // A node's few extensions: an insertion sort, without the merge sort's two allocations per node.
        for k in 1..out.len() {
            let mut j = k;
            while j > 0 && out[j - 1] > out[j] {
                out.swap(j - 1, j);
                j -= 1;
            }
        }
    } else {
        sort::sort_by_key(out, |(i, v)| (*i, *v));
    }
}

/// Whether a node has a row: a name, and its state shown (installed extensions, or an output that shows it runs
/// none: a node without extensions is a row of empty cells, as telling as a row of versions).
fn has_row(node: &NodeReport) -> bool {
    node.node.is_some()
        && (node.shows_state
            || node
                .extensions
                .iter()
                .any(|e| e.origin == Origin::Installed && !is_pseudo(&e.name)))
}

impl Matrix {
    /// The matrix of a report, or `None` when fewer than two nodes show their state or none runs an extension
    /// (nothing to compare).
    pub fn of(report: &Report) -> Option<Matrix> {
        let nodes: Vec<usize> = (0..report.nodes.len())
            .filter(|&i| has_row(&report.nodes[i]))
            .collect();
        if nodes.len() < 2 {
            return None;
        }
        // The analysis crate's sorting (compiled once: page size); names repeat on every node, so they are
        // looked up among the distinct ones rather than all sorted.
        let extensions: Vec<String> = sort::distinct(nodes.iter().flat_map(|&n| {
            report.nodes[n]
                .extensions
                .iter()
                .filter(|e| e.origin == Origin::Installed && !is_pseudo(&e.name))
                .map(|e| e.name.as_str())
        }))
        .into_iter()
        .map(str::to_owned)
        .collect();
        if extensions.is_empty() {
            return None;
        }

        // How many nodes run each version of each extension (a node running one version twice counts once). One
        // pass over the nodes by extension index, whatever the number of extensions.
        let mut counts: Vec<Vec<(&str, usize)>> = vec![Vec::new(); extensions.len()];
        // Every node's indexed extensions, one after the other, and where each node's end.
        let mut all: Vec<(usize, &str)> = Vec::new();
        let mut ends: Vec<usize> = Vec::with_capacity(nodes.len());
        let mut exts = Vec::new();
        for &n in &nodes {
            indexed(&report.nodes[n], &extensions, &mut exts);
            all.extend_from_slice(&exts);
            ends.push(all.len());
            for (k, &(i, v)) in exts.iter().enumerate() {
                if k > 0 && exts[k - 1] == (i, v) {
                    continue;
                }
                match counts[i].iter_mut().find(|(c, _)| *c == v) {
                    Some((_, count)) => *count += 1,
                    None => counts[i].push((v, 1)),
                }
            }
        }
        // A tie: no version is the cluster's, every version differs from the others.
        let majority: Vec<Option<&str>> = counts
            .iter()
            .map(|counts| {
                let top = counts.iter().map(|(_, n)| *n).max()?;
                let mut leaders = counts.iter().filter(|(_, n)| *n == top);
                let first = leaders.next().map(|(v, _)| *v);
                if leaders.next().is_some() {
                    None
                } else {
                    first
                }
            })
            .collect();
        let spread: Vec<bool> = counts.iter().map(|c| c.len() > 1).collect();
        let mut empty_rows = 0;

        let rows = nodes
            .iter()
            .zip(&ends)
            .scan(0, |start, (&n, &end)| {
                let exts = &all[*start..end];
                *start = end;
                empty_rows += usize::from(exts.is_empty());
                let marked = exts.iter().enumerate().any(|(k, &(i, v))| {
                    (k > 0 && exts[k - 1].0 == i) || (spread[i] && majority[i] != Some(v))
                });
                Some((n, marked))
            })
            .collect();
        Some(Matrix {
            extensions,
            majority: majority.iter().map(|m| m.map(str::to_owned)).collect(),
            spread,
            rows,
            empty_rows,
        })
    }

    /// How many rows are of nodes that run no extension at all.
    pub fn empty_rows(&self) -> usize {
        self.empty_rows
    }

    /// The number of rows (nodes).
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Whether each row is marked, in row order.
    pub fn marked(&self) -> Vec<bool> {
        self.rows.iter().map(|(_, m)| *m).collect()
    }

    /// Whether any cell drifts or duplicates (the legend then explains the marks).
    pub fn has_marks(&self) -> bool {
        self.rows.iter().any(|(_, m)| *m)
    }

    /// Row `row`, with its cells; `report` is the report the matrix is of.
    pub fn row(&self, report: &Report, row: usize) -> Option<Row> {
        let &(n, _) = self.rows.get(row)?;
        let node = report.nodes.get(n)?;
        let mut exts = Vec::new();
        indexed(node, &self.extensions, &mut exts);
        let mut cells = vec![Cell::default(); self.extensions.len()];
        for (k, &(i, v)) in exts.iter().enumerate() {
            let cell = &mut cells[i];
            if k > 0 && exts[k - 1].0 == i {
                // The node runs this extension more than once (the same version twice included).
                cell.duplicate = true;
                if exts[k - 1].1 == v {
                    continue;
                }
            }
            let drift = self.spread[i] && self.majority[i].as_deref() != Some(v);
            cell.versions.push((v.to_owned(), drift));
        }
        Some(Row {
            node: node.node.clone().unwrap_or_default(),
            cells,
        })
    }

    /// Every row, with its cells.
    #[cfg(test)]
    pub fn rows(&self, report: &Report) -> Vec<Row> {
        (0..self.row_count())
            .filter_map(|r| self.row(report, r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::{analyze, Input, Options};

    /// The matrix of `text` as its rows, with its extensions and whether it has marks.
    struct Made {
        extensions: Vec<String>,
        rows: Vec<Row>,
        marks: bool,
        empty: usize,
    }

    impl Made {
        fn has_marks(&self) -> bool {
            self.marks
        }
    }

    fn matrix(text: &str) -> Option<Made> {
        let report = analyze(&[Input::text("paste", text)], &Options::default());
        let m = Matrix::of(&report)?;
        let rows = m.rows(&report);
        // A row is marked exactly when one of its cells is.
        let marked: Vec<bool> = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .any(|c| c.duplicate || c.versions.iter().any(|v| v.1))
            })
            .collect();
        assert_eq!(m.marked(), marked);
        Some(Made {
            extensions: m.extensions.clone(),
            rows,
            marks: m.has_marks(),
            empty: m.empty_rows(),
        })
    }

    const HEADER: &str = "NODE NAMESPACE TYPE ID VERSION NAME VERSION\n";

    fn table(rows: &[(&str, &str, &str)]) -> String {
        let mut text = HEADER.to_owned();
        for (i, (node, name, version)) in rows.iter().enumerate() {
            text.push_str(&format!(
                "{node} runtime ExtensionStatus {i} 1 {name} {version}\n"
            ));
        }
        text
    }

    #[test]
    fn marks_the_minority_version_and_the_node_with_two() {
        let m = matrix(&table(&[
            ("10.0.0.1", "iscsi-tools", "v0.1.6"),
            ("10.0.0.1", "gvisor", "20250101.0"),
            ("10.0.0.2", "iscsi-tools", "v0.1.6"),
            ("10.0.0.3", "iscsi-tools", "v0.1.1"),
            ("10.0.0.3", "iscsi-tools", "v0.1.6"),
            ("10.0.0.3", "schematic", "abc"),
        ]))
        .expect("three nodes");
        assert_eq!(m.extensions, ["gvisor", "iscsi-tools"]);
        let nodes: Vec<_> = m.rows.iter().map(|r| r.node.as_str()).collect();
        assert_eq!(nodes, ["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
        assert_eq!(m.rows[0].cells[1].versions, [("v0.1.6".to_owned(), false)]);
        assert_eq!(m.rows[1].cells[0], Cell::default(), "gvisor absent");
        let third = &m.rows[2].cells[1];
        assert!(third.duplicate);
        assert_eq!(
            third.versions,
            [("v0.1.1".to_owned(), true), ("v0.1.6".to_owned(), false)]
        );
        assert!(m.has_marks());
    }

    /// The matrix as its definition reads, per extension and node, for comparing with [`Matrix::of`].
    fn naive(rows: &[(&str, &str, &str)]) -> Vec<(String, Vec<Cell>)> {
        let mut nodes: Vec<&str> = Vec::new();
        for (node, _, _) in rows {
            if !nodes.contains(node) {
                nodes.push(node);
            }
        }
        let mut extensions: Vec<&str> = rows.iter().map(|(_, name, _)| *name).collect();
        extensions.sort();
        extensions.dedup();
        let versions = |node: &str, ext: &str| -> Vec<&str> {
            rows.iter()
                .filter(|(n, e, _)| *n == node && *e == ext)
                .map(|(_, _, v)| *v)
                .collect()
        };
        let majority = |ext: &str| -> (Option<String>, bool) {
            let mut per_node: Vec<String> = Vec::new();
            for node in &nodes {
                let mut vs = versions(node, ext);
                vs.sort();
                vs.dedup();
                per_node.extend(vs.into_iter().map(str::to_owned));
            }
            let mut distinct = per_node.clone();
            distinct.sort();
            distinct.dedup();
            let count = |v: &String| per_node.iter().filter(|p| *p == v).count();
            let top = distinct.iter().map(count).max().unwrap_or(0);
            let leaders: Vec<&String> = distinct.iter().filter(|v| count(v) == top).collect();
            let major = (leaders.len() == 1).then(|| leaders[0].clone());
            (major, distinct.len() > 1)
        };
        nodes
            .iter()
            .map(|node| {
                let cells = extensions
                    .iter()
                    .map(|ext| {
                        let mut vs = versions(node, ext);
                        let duplicate = vs.len() > 1;
                        vs.sort();
                        vs.dedup();
                        let (major, spread) = majority(ext);
                        Cell {
                            versions: vs
                                .into_iter()
                                .map(|v| (v.to_owned(), spread && major.as_deref() != Some(v)))
                                .collect(),
                            duplicate,
                        }
                    })
                    .collect();
                ((*node).to_owned(), cells)
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_definition_on_many_small_clusters() {
        let nodes = ["a", "b", "c", "d"];
        let names = ["gvisor", "iscsi-tools", "zfs"];
        let versions = ["v1", "v2", "v3"];
        // A small deterministic generator (xorshift): 2,000 clusters of up to 12 rows, a tenth of them up to 80.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2_000 {
            // Now and then a cluster with more than 16 extensions on a node (the other sort of `indexed`).
            let len = if next(10) == 0 {
                40 + next(40)
            } else {
                1 + next(12)
            };
            let rows: Vec<(&str, &str, &str)> = (0..len)
                .map(|_| (nodes[next(4)], names[next(3)], versions[next(3)]))
                .collect();
            let expected = naive(&rows);
            let got = matrix(&table(&rows));
            if expected.len() < 2 {
                assert!(got.is_none(), "{rows:?}");
                continue;
            }
            let got = got.expect("two nodes or more");
            let got: Vec<(String, Vec<Cell>)> =
                got.rows.into_iter().map(|r| (r.node, r.cells)).collect();
            assert_eq!(got, expected, "{rows:?}");
        }
    }

    #[test]
    fn a_tie_marks_every_version() {
        let m = matrix(&table(&[
            ("a", "iscsi-tools", "v0.1.5"),
            ("b", "iscsi-tools", "v0.1.6"),
        ]))
        .expect("two nodes");
        assert_eq!(m.rows[0].cells[0].versions, [("v0.1.5".to_owned(), true)]);
        assert_eq!(m.rows[1].cells[0].versions, [("v0.1.6".to_owned(), true)]);
    }

    #[test]
    fn agreeing_nodes_have_no_marks_and_one_node_has_no_matrix() {
        let m = matrix(&table(&[
            ("a", "iscsi-tools", "v0.1.6"),
            ("b", "iscsi-tools", "v0.1.6"),
        ]))
        .expect("two nodes");
        assert!(!m.has_marks());
        assert!(matrix(&table(&[("a", "iscsi-tools", "v0.1.6")])).is_none());
        assert!(matrix("").is_none());
    }

    #[test]
    fn a_node_shown_without_extensions_is_a_row_of_empty_cells() {
        let m = matrix(
            "$ talosctl -n 10.5.0.21,10.5.0.22,10.5.0.23 get extensions\n\
             NODE NAMESPACE TYPE ID VERSION NAME VERSION\n\
             10.5.0.21 runtime ExtensionStatus 0 1 iscsi-tools v0.1.6\n\
             10.5.0.22 runtime ExtensionStatus 0 1 schematic \
             376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba\n",
        )
        .expect("three nodes");
        let nodes: Vec<_> = m.rows.iter().map(|r| r.node.as_str()).collect();
        // .22 runs only the empty schematic; .23 has no row at all in talosctl's output.
        assert_eq!(nodes, ["10.5.0.21", "10.5.0.22", "10.5.0.23"]);
        assert_eq!(m.rows[1].cells, [Cell::default()]);
        assert_eq!(m.rows[2].cells, [Cell::default()]);
        assert_eq!(m.empty, 2);
        // Nodes that all run nothing: nothing to compare.
        assert!(matrix(
            "$ talosctl -n a,b get extensions\nNODE NAMESPACE TYPE ID VERSION NAME VERSION\n"
        )
        .is_none());
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn marked_rows_are_never_cut_by_the_limit() {
        let marked: Vec<bool> = (0..10).map(|i| i >= 8).collect();
        assert_eq!(shown_rows(&marked, 4), [0, 1, 8, 9]);
        assert_eq!(shown_rows(&marked, 100).len(), 10);
        assert_eq!(shown_rows(&marked, 1), [8]);
    }
}
