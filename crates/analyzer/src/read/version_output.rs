//! `talosctl version` output (and a support bundle's `<node>/summary`, which holds the same text):
//!
//! ```text
//! Client:
//!         Tag:         v1.9.2
//! Server:
//!         NODE:        10.0.0.2
//!         Tag:         v1.9.2
//! ```
//!
//! The client's tag says nothing about nodes; each server `Tag:` is the Talos version of the `NODE:` above it.
//! A bundle's `summary` is only the server's entries (`Tag:`, `SHA:`, … with no section header and no `NODE:`):
//! its node is the bundle folder's, passed as the hint.

use super::words::talos_version;
use super::Sink;
use crate::model::Format;
use crate::observation::{TalosVersionObservation, TalosVersionSource};
use crate::text::{self, span_in_line, CleanLine};

fn is_section(text: &str) -> bool {
    matches!(text::trim(text), "Client:" | "Server:")
}

/// A `Key: value` line of a section (`Tag:`, `NODE:`, `Go version:`, `OS/Arch:` …): indented, or one of the keys
/// that say most.
fn is_entry(text: &str) -> bool {
    let t = text::trim_start(text);
    // `Talos v1.9.2`: the client part of `talosctl version --short`.
    if t.starts_with("NODE:") || t.starts_with("Tag:") || t.starts_with("Talos v") {
        return true;
    }
    text.starts_with([' ', '\t'])
        && t.split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && k.len() <= 24)
}

/// Does version output start at `lines[start]` (a `Client:` or `Server:` line followed by its entries, or a bare
/// summary's `Tag:` line followed by `SHA:`)?
pub fn starts(lines: &[CleanLine], start: usize) -> bool {
    let Some(line) = lines.get(start) else {
        return false;
    };
    // Looked at only for the lines that can start version output.
    let next = || lines[start + 1..].iter().find(|l| !text::is_blank(&l.text));
    // Asked of every line of a YAML block: the indentation is skipped once, and the first byte decides most lines
    // (a `memcmp` call per line showed in profiles).
    let first = text::trim_start(&line.text);
    let lead = first.as_bytes().first().copied();
    if matches!(lead, Some(b'C' | b'S')) && is_section(first) {
        return next().is_some_and(|l| is_entry(&l.text));
    }
    // A bare `summary`: `Tag:` then `SHA:`.
    lead == Some(b'T')
        && first.starts_with("Tag:")
        && next().is_some_and(|l| text::trim_start(&l.text).starts_with("SHA:"))
}

/// The index after the last line of the version output starting at `start`.
pub fn end(lines: &[CleanLine], start: usize) -> usize {
    text::block_end(lines, start, text::is_blank, |text| {
        is_section(text) || is_entry(text)
    })
}

/// Reads version output into the sink and records its fragment.
pub fn read(sink: &mut Sink, lines: &[CleanLine], hint: Option<&str>) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    sink.fragment(Format::TalosctlVersion, first.line, last.line);
    // Entries before any section header are a bare server summary.
    let mut server = !is_section(&first.text);
    let mut node: Option<String> = None;
    for line in lines {
        let text = line.text.trim();
        match text {
            "Client:" => server = false,
            "Server:" => {
                server = true;
                node = None;
            }
            _ => {}
        }
        let Some((key, value)) = text.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let lead = line.text.chars().take_while(|c| c.is_whitespace()).count();
        match key.trim() {
            "NODE" if server => node = (!value.is_empty()).then(|| value.to_string()),
            "Tag" if server => {
                let Some(version) = talos_version(value) else {
                    let at = line.text.chars().count() - value.chars().count();
                    sink.error(
                        line.line,
                        line.column(at),
                        format!("expected a Talos version after `Tag:`, found `{value}`"),
                    );
                    continue;
                };
                let n = line.text.chars().count();
                sink.observations
                    .talos_versions
                    .push(TalosVersionObservation {
                        node: node.clone().or_else(|| hint.map(str::to_string)),
                        version,
                        source: TalosVersionSource::TalosctlVersion,
                        span: span_in_line(sink.input, line, lead, n),
                    });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::paste::clean_lines;

    fn read_with(text: &str, hint: Option<&str>) -> Sink {
        let mut sink = Sink::default();
        sink.begin_input("t");
        let (lines, _) = clean_lines(text);
        assert!(starts(&lines, 0));
        let end = end(&lines, 0);
        read(&mut sink, &lines[..end], hint);
        sink
    }

    /// `talosctl version` pasted from a web page loses its indentation; `NODE:` and `Tag:` still say the node and
    /// its version.
    #[test]
    fn unindented_node_and_tag_lines_are_read() {
        let sink = read_with(
            "Client:\nTag: v1.9.2\nServer:\nNODE: 10.0.0.2\nTag: v1.9.1\n",
            None,
        );
        let v = &sink.observations.talos_versions;
        assert_eq!(
            (v.len(), v[0].node.as_deref(), v[0].version.as_str()),
            (1, Some("10.0.0.2"), "v1.9.1")
        );
    }

    #[test]
    fn bundle_summary_takes_the_folder_node() {
        let sink = read_with(
            "\tTag:         v1.11.5\n\tSHA:         bc34de6e\n\tEnabled:     RBAC\n",
            Some("10.0.0.5"),
        );
        let v = &sink.observations.talos_versions;
        assert_eq!(
            (v.len(), v[0].node.as_deref(), v[0].version.as_str()),
            (1, Some("10.0.0.5"), "v1.11.5")
        );
    }

    /// The client's `Tag:` is talosctl's version, not a node's, also in a second output pasted right after a
    /// first (the node's own `Tag:` before it stays the one version of that node).
    #[test]
    fn client_tag_is_not_a_node_version() {
        let sink = read_with(
            "Client:\n\tTag:         v1.9.2\n\tSHA:         09758b3f\n",
            Some("n"),
        );
        assert_eq!(sink.observations.talos_versions, []);
        let output = |client: &str, node: &str| {
            format!("Client:\n\tTag:         {client}\nServer:\n\tNODE:        10.0.0.2\n\tTag:         {node}\n")
        };
        let sink = read_with(
            &(output("v1.10.0", "v1.9.2") + &output("v1.10.1", "v1.10.0")),
            None,
        );
        let versions = sink.observations.talos_versions_by_line();
        assert_eq!(
            versions,
            [
                (Some("10.0.0.2"), "v1.9.2", 5),
                (Some("10.0.0.2"), "v1.10.0", 10)
            ]
        );
    }

    #[test]
    fn bad_tag_is_an_error_at_its_column() {
        let sink = read_with("Server:\n\tNODE:        a\n\tTag:         latest\n", None);
        assert_eq!(sink.errors.len(), 1);
        assert_eq!((sink.errors[0].line, sink.errors[0].column), (3, 15));
    }
}
