//! Pasted text (tables, `talosctl version`, prompts, quotes, fences) through the text reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::{read_text, Sink};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sink = Sink::default();
    sink.begin_input("paste");
    read_text(&mut sink, &text, None);
    // A hint as a support bundle's folder gives it.
    let mut sink = Sink::default();
    sink.begin_input("bundle/10.0.0.2/extensions.txt");
    read_text(&mut sink, &text, Some("10.0.0.2"));
});
