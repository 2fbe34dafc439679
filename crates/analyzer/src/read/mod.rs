//! Reading: input text → recognised fragments → normalised observations (and input errors).
//!
//! The layout half finds what is where in a messy paste: `paste` cleans lines (keeping original columns),
//! `segment` cuts them into blocks (fences, commands, tables, version output, YAML, JSON, prose) and hands each to
//! its reader (`table`, `version_output`, `mentions` with `command`; YAML and JSON go to `structured`). `bundle`
//! opens support-bundle zips. After every input is read, `node_names` gives a node known by hostname and address one
//! name, and `merge` makes one observation of a fact seen twice.

pub mod bundle;
pub mod command;
pub mod empty_state;
pub mod mentions;
pub mod merge;
pub mod node_error;
pub mod node_names;
pub mod paste;
pub mod segment;
pub mod structured;
pub mod table;
pub mod version_output;
pub mod words;

use crate::input::{Input, InputContent};
use crate::model::{Format, Fragment, InputError, InputSummary};
use crate::observation::{
    DocumentId, InstallerObservation, Observations, SchematicObservation, SchematicOrigin,
};
use crate::text::CleanLine;

/// Everything reading produces, for all inputs of one analysis.
#[derive(Debug, Default)]
pub struct Sink {
    /// Index of the input being read (into `inputs`).
    pub input: usize,
    pub inputs: Vec<InputSummary>,
    pub observations: Observations,
    pub errors: Vec<InputError>,
    next_document: u32,
}

impl Sink {
    /// A fresh id for a document (a config, a schematic, a node's state in one table or stream).
    pub fn new_document(&mut self) -> DocumentId {
        self.next_document += 1;
        DocumentId(self.next_document)
    }

    /// Records a recognised fragment of the current input (lines 1-based, inclusive).
    pub fn fragment(&mut self, format: Format, first_line: u32, last_line: u32) {
        if let Some(summary) = self.inputs.get_mut(self.input) {
            summary.fragments.push(Fragment {
                format,
                lines: [first_line, last_line],
            });
        }
    }

    /// Records an input error at a line and column of the current input.
    pub fn error(&mut self, line: u32, column: u32, message: impl Into<String>) {
        self.errors.push(InputError {
            input: self.input,
            line,
            column,
            message: message.into(),
        });
    }

    /// Records an installer image reference and, for a factory installer, the schematic inside it (origin
    /// `installer`, in `document`, or in a document of its own when `None`): the one place both readers of installer
    /// references go through.
    pub fn installer(&mut self, installer: InstallerObservation, document: Option<DocumentId>) {
        if let Some(id) = &installer.schematic_id {
            let document = document.unwrap_or_else(|| self.new_document());
            self.observations.schematics.push(SchematicObservation {
                node: installer.node.clone(),
                id: id.clone(),
                official_extensions: Vec::new(),
                origin: SchematicOrigin::Installer,
                role: None,
                document,
                span: installer.span,
            });
        }
        self.observations.installers.push(installer);
    }

    /// Starts a new input (a user's input, or an entry of a bundle) and makes it current; returns its index.
    pub fn begin_input(&mut self, name: impl Into<String>) -> usize {
        self.inputs.push(InputSummary {
            name: name.into(),
            fragments: Vec::new(),
        });
        self.input = self.inputs.len() - 1;
        self.input
    }
}

/// A run of clean lines handed to a structured reader, with what the surrounding text says about it.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub lines: &'a [CleanLine<'a>],
    /// The node the text around names for this block (`talosctl -n 10.0.0.2 get extensions -o yaml`, a bundle
    /// folder).
    pub node_hint: Option<&'a str>,
}

/// The largest input read (64 MiB): anything larger is refused before reading.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Reads every input into one sink, then merges facts seen more than once.
pub fn read_all(inputs: &[Input]) -> Sink {
    let mut sink = Sink::default();
    for input in inputs {
        sink.begin_input(input.name.clone());
        match &input.content {
            InputContent::Text(text) => read_text(&mut sink, text, None),
            InputContent::Bytes(bytes) => read_bytes(&mut sink, &input.name, bytes),
        }
    }
    node_names::join(&mut sink.observations);
    merge::merge(&mut sink.observations);
    empty_state::settle(&mut sink.observations);
    sink
}

/// Reads one text into the current input of the sink: cleans its lines, finds its blocks and reads each.
/// `node_hint` names the node the whole text belongs to (a support bundle's folder), where known.
pub fn read_text(sink: &mut Sink, text: &str, node_hint: Option<&str>) {
    if refused_as_too_large(sink, text.len()) {
        return;
    }
    if is_age(text.as_bytes()) {
        refuse_age(sink);
        return;
    }
    let (lines, long) = paste::clean_lines(text);
    for l in long {
        sink.error(
            l.line,
            1,
            format!(
                "line skipped: {} bytes long, expected lines of at most {} bytes",
                l.bytes,
                paste::MAX_LINE_BYTES
            ),
        );
    }
    segment::read_lines(sink, &lines, node_hint);
}

/// Refuses (with an error) an input of more than `MAX_INPUT_BYTES`, as text or as bytes alike.
fn refused_as_too_large(sink: &mut Sink, bytes: usize) -> bool {
    if bytes <= MAX_INPUT_BYTES {
        return false;
    }
    sink.error(
        1,
        1,
        format!(
            "input refused: {} MiB, expected at most {} MiB",
            bytes.div_ceil(1 << 20),
            MAX_INPUT_BYTES >> 20
        ),
    );
    true
}

/// Reads bytes: a zip support bundle, an `.age` file (an error with advice), or text (UTF-8 with or without BOM,
/// UTF-16 with BOM; invalid UTF-8 is read with replacement characters). Binary data is refused.
pub fn read_bytes(sink: &mut Sink, name: &str, bytes: &[u8]) {
    if refused_as_too_large(sink, bytes.len()) {
        return;
    }
    if bundle::is_zip(bytes) {
        bundle::read_zip(sink, name, bytes);
        return;
    }
    if is_age(bytes) {
        refuse_age(sink);
        return;
    }
    if let Some(text) = decode_utf16(bytes) {
        read_text(sink, &text, None);
        return;
    }
    if looks_binary(bytes) {
        sink.error(
            1,
            1,
            "expected text or a zip support bundle, found binary data",
        );
        return;
    }
    match core::str::from_utf8(bytes) {
        Ok(text) => read_text(sink, text, None),
        Err(_) => read_text(sink, &String::from_utf8_lossy(bytes), None),
    }
}

/// An age-encrypted file (binary or ASCII-armored), as `talosctl support` writes from Talos 1.14 on.
fn is_age(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    bytes.starts_with(b"age-encryption.org/v1")
        || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

fn refuse_age(sink: &mut Sink) {
    sink.error(
        1,
        1,
        "this is an age-encrypted file (a `talosctl support` bundle from Talos 1.14 on): decrypt it with `age -d`, or \
         collect the bundle with `talosctl support --no-encryption`, then read the zip",
    );
}

/// UTF-16 text with a byte-order mark, decoded (unpaired surrogates become replacement characters).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Binary rather than text: a NUL byte, or many control characters, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    head.contains(&0) || control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Sink {
        read_all(&[Input::text("t", text)])
    }

    #[test]
    fn refuses_inputs_over_the_budget() {
        let text = "a".repeat(MAX_INPUT_BYTES + 1);
        let sink = read(&text);
        assert_eq!(sink.errors.len(), 1);
        assert!(
            sink.errors[0].message.contains("at most 64 MiB"),
            "{:?}",
            sink.errors
        );
        let sink = read_all(&[Input::bytes("b", text.into_bytes())]);
        assert_eq!(sink.errors.len(), 1);
    }

    /// 64 MiB exactly is read; one byte more is refused, its size rounded up (sizes only: reading 64 MiB through
    /// a debug build takes a minute).
    #[test]
    fn the_input_budget_is_exact_at_its_edge() {
        let mut sink = Sink::default();
        assert!(!refused_as_too_large(&mut sink, MAX_INPUT_BYTES));
        assert!(sink.errors.is_empty());
        assert!(refused_as_too_large(&mut sink, MAX_INPUT_BYTES + 1));
        assert_eq!(
            (
                sink.errors.len(),
                sink.errors[0].line,
                sink.errors[0].column
            ),
            (1, 1, 1)
        );
        assert_eq!(
            sink.errors[0].message,
            "input refused: 65 MiB, expected at most 64 MiB"
        );
    }

    #[test]
    fn skips_a_huge_line_and_reads_the_rest() {
        let text = format!(
            "{}\nNODE NAMESPACE TYPE ID VERSION NAME VERSION\nn runtime ExtensionStatus 0 1 gvisor v1\n",
            "x".repeat(5 << 20)
        );
        let sink = read(&text);
        assert_eq!((sink.errors.len(), sink.errors[0].line), (1, 1));
        assert_eq!(sink.observations.extensions.len(), 1);
    }

    #[test]
    fn many_rows_read_in_one_pass() {
        const ROWS: usize = 100_000;
        let mut text = String::from("NODE NAMESPACE TYPE ID VERSION NAME VERSION\n");
        for i in 0..ROWS {
            text.push_str(&format!(
                "10.0.{}.{} runtime ExtensionStatus {i} 1 ext-{i} v1\n",
                i / 256,
                i % 256
            ));
        }
        let sink = read(&text);
        assert_eq!(sink.observations.extensions.len(), ROWS);
        assert_eq!(sink.errors, []);
    }

    /// A 50 MB paste of real-looking tickets. Slow unoptimised, so scripts/test.sh runs it optimised:
    /// `cargo test --profile hostile -p talos-ext-analyzer --lib -- --ignored fifty_megabytes`.
    #[test]
    #[ignore = "50 MB: run optimised by scripts/test.sh (cargo test --profile hostile … -- --ignored)"]
    fn fifty_megabytes_of_tickets() {
        let ticket = include_str!("../../../../fixtures/read/mixed-05-discord-everything.txt");
        let copies = (50 << 20) / ticket.len();
        let text = ticket.repeat(copies);
        let start = std::time::Instant::now();
        let sink = read(&text);
        let elapsed = start.elapsed();
        assert_eq!(sink.observations.talos_versions.len(), copies);
        assert!(elapsed.as_secs() < 30, "{elapsed:?}");
        eprintln!("50 MB read in {elapsed:?}");
    }

    #[test]
    fn bytes_decoding() {
        let utf16: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("machine:\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_utf16(&utf16).as_deref(), Some("machine:\n"));
        assert!(looks_binary(&[0, 1, 2, 3]));
        assert!(!looks_binary("NODE\tx\r\n\u{1b}[0m".as_bytes()));
        let sink = read_all(&[Input::bytes(
            "l",
            b"caf\xe9 ghcr.io/siderolabs/installer:v1.9.2\n".to_vec(),
        )]);
        assert_eq!(
            (sink.errors.len(), sink.observations.installers.len()),
            (0, 1)
        );
        assert_eq!(sink.observations.installers[0].span.column, 6);
    }

    /// A log with a few stray control characters (up to one byte in ten) is still read as text; more is refused as
    /// binary, through `read_bytes` as a dropped file is.
    #[test]
    fn one_control_character_in_ten_is_still_text() {
        let line = b"ghcr.io/siderolabs/installer:v1.9.2 \x01\x01\x01\x01\x01\x01";
        // 36 bytes of image and space, then control bytes: 4 of 40 is one in ten, 5 of 41 is more.
        for (controls, binary) in [(4, false), (5, true)] {
            let bytes = line[..36 + controls].to_vec();
            let sink = read_all(&[Input::bytes("log", bytes)]);
            let refused = sink
                .errors
                .iter()
                .any(|e| e.message.contains("found binary data"));
            assert_eq!(refused, binary, "{controls}: {:?}", sink.errors);
            assert_eq!(
                sink.observations.installers.len(),
                usize::from(!binary),
                "{controls}"
            );
        }
    }
}
