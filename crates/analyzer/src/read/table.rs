//! `talosctl get extensions` tables: header `[NODE [*]] NAMESPACE TYPE ID VERSION NAME VERSION`, rows split on
//! runs of whitespace (pasted rows rarely line up with the header), grouped by node.
//!
//! The pseudo rows `schematic` (VERSION: the running schematic ID) and `modules.dep` (VERSION: the kernel) become
//! [`SchematicObservation`]s and [`KernelObservation`]s, never extensions.

use super::words::{is_schematic_id, words, Word};
use super::Sink;
use crate::hash::Map;
use crate::image_ref::ImageRef;
use crate::model::Format;
use crate::observation::{
    DocumentId, ExtensionObservation, KernelObservation, Origin, SchematicObservation,
    SchematicOrigin,
};
use crate::text::{self, span_in_line, CleanLine};

/// What columns a table header has before NAMESPACE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub node: bool,
    /// `--watch` output: a `*` column after NODE.
    pub watch: bool,
}

const COLUMNS: [&str; 6] = ["NAMESPACE", "TYPE", "ID", "VERSION", "NAME", "VERSION"];

/// Reads a header line.
pub fn header(text: &str) -> Option<Header> {
    // Word by word, without collecting: asked of every row of a table and every key line of a YAML block. The first
    // word is `NODE`, `*` or `NAMESPACE`: its first byte turns away most lines.
    if !matches!(text::trim_start(text).as_bytes().first(), Some(b'N' | b'*')) {
        return None;
    }
    let mut words = text.split_whitespace();
    let mut word = words.next();
    let node = word == Some("NODE");
    if node {
        word = words.next();
    }
    let watch = word == Some("*");
    if watch {
        word = words.next();
    }
    for column in COLUMNS {
        if word != Some(column) {
            return None;
        }
        word = words.next();
    }
    word.is_none().then_some(Header { node, watch })
}

/// Does this line look like a row of an extensions table (so that it continues one)?
pub fn row_like(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w == "runtime" || w.starts_with("ExtensionStatus"))
}

/// Is this a `WARNING:` line talosctl prints to stderr (e.g. a client/server version mismatch)?
pub fn is_warning(text: &str) -> bool {
    text::trim_start(text).starts_with("WARNING:")
}

/// The node a `WARNING: <node>: …` line names (`WARNING: 10.0.0.2: server version 1.8.3 is older than client
/// version 1.9.2`), if it names one.
pub fn warned_node(text: &str) -> Option<&str> {
    let rest = text::trim_start(text).strip_prefix("WARNING:")?;
    let (node, _) = rest.trim_start().split_once(':')?;
    let looks_like_node =
        !node.is_empty() && !node.contains(char::is_whitespace) && !node.starts_with(['-', '/']);
    looks_like_node.then_some(node)
}

/// Where a table ends: the index after its last row (`start` is the header). Rows continue across `WARNING:`
/// lines and across blank lines followed by more rows.
pub fn end(lines: &[CleanLine], start: usize) -> usize {
    text::block_end(lines, start, is_gap, is_row)
}

/// A line a table's rows continue across.
fn is_gap(text: &str) -> bool {
    text.trim().is_empty() || is_warning(text)
}

/// A row of the table (not the header of another).
fn is_row(text: &str) -> bool {
    row_like(text) && header(text).is_none()
}

/// Reads a table (`lines[0]` is the header) into the sink and records its fragment.
pub fn read(sink: &mut Sink, lines: &[CleanLine], hint: Option<&str>) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    let Some(head) = header(&first.text) else {
        return;
    };
    sink.fragment(Format::TalosctlTable, first.line, last.line);
    let mut documents: Map<Option<String>, DocumentId> = Map::default();
    for line in &lines[1..] {
        if line.text.trim().is_empty() || is_warning(&line.text) {
            continue;
        }
        if let Err((index, message)) = read_row(sink, line, head, hint, &mut documents) {
            let column = line.column(index);
            sink.error(line.line, column, message);
        }
    }
}

/// Reads one row; on failure, the character index to point at and what was expected.
fn read_row(
    sink: &mut Sink,
    line: &CleanLine,
    head: Header,
    hint: Option<&str>,
    documents: &mut Map<Option<String>, DocumentId>,
) -> Result<(), (usize, String)> {
    let cells = words(&line.text);
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Ok(());
    };
    let ns = cells
        .iter()
        .enumerate()
        .position(|(k, w)| {
            w.text == "runtime"
                || cells
                    .get(k + 1)
                    .is_some_and(|t| t.text.starts_with("ExtensionStatus"))
        })
        .ok_or((
            first.start,
            "expected a row of NAMESPACE `runtime` and TYPE `ExtensionStatus`".to_string(),
        ))?;
    let namespace = cells[ns];
    if namespace.text != "runtime" {
        return Err((
            namespace.start,
            format!(
                "expected the namespace `runtime`, found `{}`",
                namespace.text
            ),
        ));
    }
    match cells.get(ns + 1) {
        Some(t) if t.text == "ExtensionStatus" => {}
        Some(t) => {
            return Err((
                t.start,
                format!("expected the type `ExtensionStatus`, found `{}`", t.text),
            ))
        }
        None => {
            return Err((
                last.end,
                "expected the type `ExtensionStatus` after the namespace".to_string(),
            ))
        }
    }
    let rest = &cells[ns + 2..];
    if rest.len() < 4 {
        return Err((
            last.end,
            format!(
                "too few cells: expected ID, VERSION, NAME and VERSION after the type, found {}",
                rest.len()
            ),
        ));
    }
    if let Some(extra) = rest.get(4) {
        return Err((
            extra.start,
            format!(
                "unexpected cell `{}`: expected the row to end after the extension version",
                extra.text
            ),
        ));
    }
    let mut pre: &[Word] = &cells[..ns];
    let mut destroyed = false;
    if head.watch {
        if let Some(marker) = pre.last().filter(|w| matches!(w.text, "+" | "-")) {
            destroyed = marker.text == "-";
            pre = &pre[..pre.len() - 1];
        }
    }
    if pre.len() > 1 {
        return Err((
            pre[1].start,
            format!(
                "expected one NODE cell before the namespace, found `{}` too",
                pre[1].text
            ),
        ));
    }
    if destroyed {
        // `--watch` reports a destroyed resource: the node no longer has it.
        return Ok(());
    }
    let node = pre
        .first()
        .map(|w| w.text.to_string())
        .or_else(|| hint.map(str::to_string));
    let (id, name, version) = (rest[0].text, rest[2].text, rest[3].text);
    let span = span_in_line(sink.input, line, first.start, last.end);
    let document = match documents.get(&node) {
        Some(&d) => d,
        None => {
            let d = sink.new_document();
            documents.insert(node.clone(), d);
            d
        }
    };
    if name == "schematic" {
        if !is_schematic_id(version) {
            return Err((rest[3].start, format!("expected a 64-character schematic ID as the `schematic` VERSION, found `{version}`")));
        }
        sink.observations.schematics.push(SchematicObservation {
            node,
            id: version.to_string(),
            official_extensions: Vec::new(),
            origin: SchematicOrigin::Running,
            role: None,
            document,
            span,
        });
    } else if name == "modules.dep" || id == "modules.dep" {
        sink.observations.kernels.push(KernelObservation {
            node,
            kernel_version: version.to_string(),
            span,
        });
    } else {
        sink.observations.extensions.push(ExtensionObservation {
            node,
            name: name.to_string(),
            version: Some(version.to_string()),
            image: ImageRef::from_legacy_id(id, name),
            id: Some(id.to_string()),
            origin: Origin::Installed,
            talos_version: None,
            document,
            spans: vec![span],
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let full =
            "NODE         NAMESPACE   TYPE              ID     VERSION   NAME          VERSION";
        assert_eq!(
            header(full),
            Some(Header {
                node: true,
                watch: false
            })
        );
        assert_eq!(
            header("NAMESPACE TYPE ID VERSION NAME VERSION"),
            Some(Header {
                node: false,
                watch: false
            })
        );
        assert_eq!(
            header("NODE * NAMESPACE TYPE ID VERSION NAME VERSION"),
            Some(Header {
                node: true,
                watch: true
            })
        );
        assert_eq!(header("NODE NAMESPACE TYPE ID VERSION"), None);
        assert_eq!(
            header(" * NAMESPACE TYPE ID VERSION NAME VERSION "),
            Some(Header {
                node: false,
                watch: true
            })
        );
        for other in [
            "NODE NAMESPACE TYPE ID VERSION NAME VERSION EXTRA",
            "NODE NODE NAMESPACE TYPE ID VERSION NAME VERSION",
            "* NODE NAMESPACE TYPE ID VERSION NAME VERSION",
            "",
            "NODE",
        ] {
            assert_eq!(header(other), None, "{other:?}");
        }
    }

    #[test]
    fn table_end_skips_warnings_and_stops_at_prose() {
        let lines: Vec<CleanLine> = [
            "NODE NAMESPACE TYPE ID VERSION NAME VERSION",
            "a runtime ExtensionStatus 0 1 gvisor v1",
            "WARNING: a: server version 1.4.0 is older than client version 1.4.2",
            "",
            "b runtime ExtensionStatus 0 1 gvisor v1",
            "",
            "That is all.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| CleanLine::plain(*t, i as u32 + 1, 0))
        .collect();
        assert_eq!(end(&lines, 0), 5);
    }

    #[test]
    fn warning_lines_name_their_node() {
        assert_eq!(
            warned_node(
                "WARNING: 10.0.0.2: server version 1.8.3 is older than client version 1.9.2"
            ),
            Some("10.0.0.2")
        );
        assert_eq!(warned_node("  WARNING: cp-1:  x"), Some("cp-1"));
        assert_eq!(
            warned_node("WARNING: server is older than the client: x"),
            None
        );
        assert_eq!(warned_node("WARNING: no colon"), None);
        assert_eq!(warned_node("10.0.0.2: WARNING: x"), None);
    }
}
