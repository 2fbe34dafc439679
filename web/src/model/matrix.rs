//! The cluster matrix: nodes × extensions with the versions each node runs, where a version differs from the
//! cluster's majority (drift) and where a node runs two versions at once (duplicate). Built from the report's
//! `nodes` alone (the installed extensions of named nodes; the pseudo-extensions `schematic` and `modules.dep` are
//! facts about the node, not extensions).

use talos_ext_analyzer::observation::Origin;
use talos_ext_analyzer::rules::is_pseudo;
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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    /// Extension names, sorted.
    pub extensions: Vec<String>,
    pub rows: Vec<Row>,
}

impl Row {
    /// Whether any cell is marked (drift or a duplicate).
    pub fn is_marked(&self) -> bool {
        self.cells
            .iter()
            .any(|c| c.duplicate || c.versions.iter().any(|(_, drift)| *drift))
    }
}

/// The rows to draw when at most `limit` are shown: every marked row first (a problem is never hidden behind the
/// limit), then unmarked ones, all in their own order.
pub fn shown_rows(rows: &[Row], limit: usize) -> Vec<&Row> {
    let marked = rows.iter().filter(|r| r.is_marked()).count().min(limit);
    let mut room = limit - marked;
    let mut taken = 0;
    rows.iter()
        .filter(|r| {
            if r.is_marked() {
                taken += 1;
                taken <= marked
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

impl Matrix {
    /// The matrix of a report, or `None` when fewer than two nodes report installed extensions (nothing to compare).
    pub fn of(report: &Report) -> Option<Matrix> {
        let installed: Vec<(&str, Vec<(&str, &str)>)> = report
            .nodes
            .iter()
            .filter_map(|n| {
                let node = n.node.as_deref()?;
                let exts: Vec<(&str, &str)> = n
                    .extensions
                    .iter()
                    .filter(|e| e.origin == Origin::Installed && !is_pseudo(&e.name))
                    .map(|e| (e.name.as_str(), e.version.as_deref().unwrap_or(NO_VERSION)))
                    .collect();
                (!exts.is_empty()).then_some((node, exts))
            })
            .collect();
        if installed.len() < 2 {
            return None;
        }
        // The analysis crate's sorting (compiled once: page size); names repeat on every node, so they are
        // looked up among the distinct ones rather than all sorted.
        let extensions = sort::distinct(
            installed
                .iter()
                .flat_map(|(_, exts)| exts.iter().map(|(name, _)| *name)),
        );

        // The majority version of each extension: the one most nodes run, when one version leads alone.
        let majority: Vec<Option<&str>> = extensions
            .iter()
            .map(|ext| {
                let mut counts: Vec<(&str, usize)> = Vec::new();
                for (_, exts) in &installed {
                    let mut seen: Vec<&str> = exts
                        .iter()
                        .filter(|(n, _)| n == ext)
                        .map(|(_, v)| *v)
                        .collect();
                    sort::sort_dedup(&mut seen);
                    for v in seen {
                        match counts.iter_mut().find(|(c, _)| *c == v) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((v, 1)),
                        }
                    }
                }
                let top = counts.iter().map(|(_, n)| *n).max()?;
                let mut leaders = counts.iter().filter(|(_, n)| *n == top);
                let first = leaders.next().map(|(v, _)| *v);
                if leaders.next().is_some() {
                    // A tie: no version is the cluster's, every version differs from the others.
                    None
                } else {
                    first
                }
            })
            .collect();

        // Once per extension, not per cell: per cell it made a 10,000-node matrix quadratic (a minute of work).
        let spreads: Vec<bool> = extensions
            .iter()
            .map(|ext| majority_spread(&installed, ext))
            .collect();

        let rows = installed
            .iter()
            .map(|(node, exts)| {
                let cells = extensions
                    .iter()
                    .zip(majority.iter().zip(&spreads))
                    .map(|(ext, (major, &spread))| {
                        let mut versions: Vec<&str> = exts
                            .iter()
                            .filter(|(n, _)| n == ext)
                            .map(|(_, v)| *v)
                            .collect();
                        let duplicate = versions.len() > 1;
                        sort::sort_dedup(&mut versions);
                        Cell {
                            versions: versions
                                .into_iter()
                                .map(|v| (v.to_owned(), spread && *major != Some(v)))
                                .collect(),
                            duplicate,
                        }
                    })
                    .collect();
                Row {
                    node: (*node).to_owned(),
                    cells,
                }
            })
            .collect();
        Some(Matrix {
            extensions: extensions.into_iter().map(str::to_owned).collect(),
            rows,
        })
    }

    /// Whether any cell drifts or duplicates (the legend then explains the marks).
    pub fn has_marks(&self) -> bool {
        self.rows.iter().any(Row::is_marked)
    }
}

/// Whether the cluster runs more than one version of `ext` (only then can a version drift).
fn majority_spread(installed: &[(&str, Vec<(&str, &str)>)], ext: &str) -> bool {
    let mut first: Option<&str> = None;
    for (_, exts) in installed {
        for (n, v) in exts {
            if *n == ext {
                match first {
                    None => first = Some(v),
                    Some(f) if f != *v => return true,
                    Some(_) => {}
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::{analyze, Input, Options};

    fn matrix(text: &str) -> Option<Matrix> {
        let report = analyze(&[Input::text("paste", text)], &Options::default());
        Matrix::of(&report)
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
        assert_eq!(matrix(&table(&[("a", "iscsi-tools", "v0.1.6")])), None);
        assert_eq!(matrix(""), None);
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    fn row(node: &str, drift: bool) -> Row {
        Row {
            node: node.to_owned(),
            cells: vec![Cell {
                versions: vec![("v1".to_owned(), drift)],
                duplicate: false,
            }],
        }
    }

    #[test]
    fn marked_rows_are_never_cut_by_the_limit() {
        let rows: Vec<Row> = (0..10).map(|i| row(&i.to_string(), i >= 8)).collect();
        let shown: Vec<&str> = shown_rows(&rows, 4)
            .iter()
            .map(|r| r.node.as_str())
            .collect();
        assert_eq!(shown, ["0", "1", "8", "9"]);
        assert_eq!(shown_rows(&rows, 100).len(), 10);
        assert_eq!(shown_rows(&rows, 1).len(), 1);
        assert!(shown_rows(&rows, 1)[0].is_marked());
    }
}
