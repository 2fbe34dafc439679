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

use super::words::talos_version;
use super::Sink;
use crate::observation::{TalosVersionObservation, TalosVersionSource};
use crate::report::Format;
use crate::text::{span_in_line, CleanLine};

fn is_section(text: &str) -> bool {
    matches!(text.trim(), "Client:" | "Server:")
}

/// A `Key: value` line of a section (`Tag:`, `NODE:`, `Go version:`, `OS/Arch:` …): indented, or one of the keys
/// that say most.
fn is_entry(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with("NODE:") || t.starts_with("Tag:") {
        return true;
    }
    text.starts_with([' ', '\t'])
        && t.split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && k.len() <= 24)
}

/// Does version output start at `lines[start]` (a `Client:` or `Server:` line followed by its entries)?
pub fn starts(lines: &[CleanLine], start: usize) -> bool {
    let Some(line) = lines.get(start) else {
        return false;
    };
    if !is_section(&line.text) {
        return false;
    }
    lines[start + 1..]
        .iter()
        .find(|l| !l.text.trim().is_empty())
        .is_some_and(|l| is_entry(&l.text))
}

/// The index after the last line of the version output starting at `start`.
pub fn end(lines: &[CleanLine], start: usize) -> usize {
    let mut end = start + 1;
    let mut i = start + 1;
    while let Some(line) = lines.get(i) {
        let text = line.text.as_str();
        if text.trim().is_empty() {
            i += 1;
            continue;
        }
        if !(is_section(text) || is_entry(text)) {
            break;
        }
        i += 1;
        end = i;
    }
    end
}

/// Reads version output into the sink and records its fragment.
pub fn read(sink: &mut Sink, lines: &[CleanLine], hint: Option<&str>) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    sink.fragment(Format::TalosctlVersion, first.line, last.line);
    let mut server = false;
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
