//! Reading: input text → recognised fragments → normalised observations (and input errors).
//!
//! The layout half (`paste`, `segment`, `table`, `version_output`, `mentions`) finds what is where in a messy
//! paste; the structured half (`structured`) reads YAML and JSON documents; `bundle` opens support-bundle zips.

pub mod bundle;
pub mod structured;

use crate::input::{Input, InputContent};
use crate::observation::{DocumentId, Observations};
use crate::report::{Format, Fragment, InputError, InputSummary};
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
    pub lines: &'a [CleanLine],
    /// The node the text around names for this block (`talosctl -n 10.0.0.2 get extensions -o yaml`, a bundle
    /// folder).
    pub node_hint: Option<&'a str>,
}

/// Reads every input into one sink.
pub fn read_all(inputs: &[Input]) -> Sink {
    let mut sink = Sink::default();
    for input in inputs {
        sink.begin_input(input.name.clone());
        match &input.content {
            InputContent::Text(text) => read_text(&mut sink, text, None),
            InputContent::Bytes(bytes) => read_bytes(&mut sink, &input.name, bytes),
        }
    }
    sink
}

/// Reads one text into the current input of the sink.
pub fn read_text(sink: &mut Sink, text: &str, node_hint: Option<&str>) {
    let _ = (sink, text, node_hint);
}

/// Reads bytes: a zip support bundle, an `.age` file (an error), or text.
pub fn read_bytes(sink: &mut Sink, name: &str, bytes: &[u8]) {
    let _ = name;
    match core::str::from_utf8(bytes) {
        Ok(text) => read_text(sink, text, None),
        Err(_) => sink.error(1, 1, "expected text or a zip support bundle"),
    }
}
