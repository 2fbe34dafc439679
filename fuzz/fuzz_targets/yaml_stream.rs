//! YAML streams straight into the structured reader (no segmentation in front).
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::paste::clean_lines;
use talos_ext_analyzer::read::structured::read_yaml;
use talos_ext_analyzer::read::{Block, Sink};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (lines, _) = clean_lines(&text);
    let mut sink = Sink::default();
    sink.begin_input("stream.yaml");
    read_yaml(
        &mut sink,
        Block {
            lines: &lines,
            node_hint: Some("10.0.0.2"),
        },
    );
});
