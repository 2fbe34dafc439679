//! JSON streams (concatenated values, as `talosctl -o json` prints) straight into the structured reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::paste::clean_lines;
use talos_ext_analyzer::read::structured::read_json;
use talos_ext_analyzer::read::{Block, Sink};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (lines, _) = clean_lines(&text);
    let mut sink = Sink::default();
    sink.begin_input("stream.json");
    read_json(
        &mut sink,
        Block {
            lines: &lines,
            node_hint: None,
        },
    );
});
